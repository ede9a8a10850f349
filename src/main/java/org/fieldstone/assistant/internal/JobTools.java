package org.fieldstone.assistant.internal;

import static org.fieldstone.assistant.internal.ToolDefinition.reads;
import static org.fieldstone.assistant.internal.ToolDefinition.writes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.fieldstone.assistant.internal.ToolOutput.PageJson;
import org.fieldstone.clients.Clients;
import java.util.Locale;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobNote;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.VisitChanges;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.api.QueryTimes;
import org.fieldstone.tenancy.Companies;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Jobs, visits and the schedule: the same facades as the dashboard's My day ({@link VisitCalendar#day}), the schedule
 * ({@link VisitCalendar#schedule}), the job page ({@link Jobs}, {@link Visits}). Visibility is theirs: a technician who
 * sees only their own work finds nothing else here either.
 */
@Component
@Order(2)
class JobTools implements ToolSet {

    private static final int NOTES_SHOWN = 10;

    private final Jobs jobs;
    private final Visits visits;
    private final VisitCalendar calendar;
    private final Clients clients;
    private final Companies companies;
    private final Team team;

    JobTools(Jobs jobs, Visits visits, VisitCalendar calendar, Clients clients, Companies companies, Team team) {
        this.team = team;
        this.jobs = jobs;
        this.visits = visits;
        this.calendar = calendar;
        this.clients = clients;
        this.companies = companies;
    }

    // ---- inputs

    record TodaysVisits(
            @ToolParam(required = false, description = "Page number, 0-based (default 0)") Integer page,
            @ToolParam(required = false, description = "Visits per page, 1 to 50 (default 20)") Integer size) {
    }

    record ListSchedule(
            @ToolParam(description = "First day (ISO date, e.g. 2026-12-10, in the company's time zone) or an ISO "
                    + "date-time") String from,
            @ToolParam(required = false, description = "Last day, included (ISO date) or an ISO date-time (excluded); "
                    + "default: the same day as from. At most " + VisitCalendar.MAX_RANGE_DAYS
                    + " days after from") String to,
            @ToolParam(required = false, description = "Only this technician's visits: their name, email or user id "
                    + "(as in assigneeIds of earlier results)") String technician,
            @ToolParam(required = false, description = "Page number, 0-based (default 0)") Integer page,
            @ToolParam(required = false, description = "Visits per page, 1 to 50 (default 20)") Integer size) {
    }

    record GetJob(@ToolParam(description = "The job's id (jobId of another result)") String jobId) {
    }

    record CreateJob(
            @ToolParam(description = "The client's id (from find_clients)") String clientId,
            @ToolParam(required = false, description = "The id of the client's property where the work is done "
                    + "(from get_client); may be left out when the client has just one") String propertyId,
            @ToolParam(description = "Short title, e.g. Boiler service") String title,
            @ToolParam(required = false, description = "What is to be done") String description) {
    }

    record ScheduleVisit(
            @ToolParam(description = "The job's id") String jobId,
            @ToolParam(description = "Start: ISO date-time with offset, or local to the company's time zone "
                    + "(2026-12-10T10:00)") String start,
            @ToolParam(description = "End: ISO date-time, after start") String end,
            @ToolParam(required = false, description = "User ids of the technicians who go; default: the job's "
                    + "assignees") List<String> assigneeIds) {
    }

    record RescheduleVisit(
            @ToolParam(description = "The visit's id (visitId of todays_visits, list_schedule or get_job)") String visitId,
            @ToolParam(description = "New start: ISO date-time with offset, or local to the company's time zone")
            String start,
            @ToolParam(description = "New end: ISO date-time, after start") String end,
            @ToolParam(required = false, description = "The visit's version as last read; default: the current one")
            Long version) {
    }

    record AddJobNote(
            @ToolParam(description = "The job's id") String jobId,
            @ToolParam(description = "The note's text (internal, not shown to the client)") String body) {
    }

    record VisitStep(
            @ToolParam(description = "The visit's id (visitId of todays_visits)") String visitId,
            @ToolParam(required = false, description = "The visit's version as last read; default: the current one")
            Long version) {
    }

    // ---- outputs

    record Stepped(String visitId, String jobId, String jobNumber, String status, String at, long version) {
    }

    record VisitJson(String visitId, String jobId, String jobNumber, String title, String client, String clientPhone,
                     String address, String start, String end, String status, List<String> assigneeIds,
                     List<String> warnings, long version) {
        static VisitJson of(Scheduled s, ZoneId zone) {
            Visit v = s.visit();
            Scheduled.JobSummary j = s.job();
            return new VisitJson(v.id(), j.id(), j.number(), j.title(), j.clientName(), j.clientPhone(), j.address(),
                    ToolOutput.time(v.startsAt(), zone), ToolOutput.time(v.endsAt(), zone), v.status().name(),
                    v.assignees().stream().map(UserId::toString).toList(),
                    s.warnings().isEmpty() ? null : s.warnings().stream().map(w -> w.code()).toList(), v.version());
        }
    }

    record JobVisitJson(String visitId, String start, String end, String status, List<String> assigneeIds,
                        long version) {
        static JobVisitJson of(Visit v, ZoneId zone) {
            return new JobVisitJson(v.id(), ToolOutput.time(v.startsAt(), zone), ToolOutput.time(v.endsAt(), zone),
                    v.status().name(), v.assignees().stream().map(UserId::toString).toList(), v.version());
        }
    }

    record LineJson(String kind, String description, java.math.BigDecimal quantity) {
    }

    record ChecklistJson(String text, boolean required, boolean done) {
    }

    record NoteJson(String author, String at, String body) {
    }

    record JobJson(String jobId, String number, String title, String description, String status, String priority,
                   String clientId, String client, String propertyId, String address, List<String> assigneeIds,
                   List<LineJson> lineItems, List<ChecklistJson> checklist, List<JobVisitJson> visits,
                   List<NoteJson> latestNotes, boolean late, boolean unscheduled, long version) {
    }

    record NoteAdded(String jobId, String jobNumber, String author, String at) {
    }

    record Moved(String visitId, String jobNumber, String start, String end, List<String> warnings, long version) {
    }

    // ---- tools

    @Override
    public List<ToolDefinition<?>> definitions() {
        return List.of(
                reads("todays_visits", "Today's visits",
                        "The calling user's own visits today (the company's time zone), in order of start: job number "
                                + "and title, client, phone, address, start and end (ISO-8601 with offset), status. "
                                + "Use for \"what's on my schedule today\" or \"where do I go next\". Paged.",
                        TodaysVisits.class, Permission.JOBS_READ, this::todaysVisits),
                reads("list_schedule", "Schedule",
                        "The visits of a day or a range of days (at most " + VisitCalendar.MAX_RANGE_DAYS + "), everyone's "
                                + "the user may see, optionally only one technician's, in order of start: job number "
                                + "and title, client, address, "
                                + "times (ISO-8601 with offset), status, assignee ids and warnings (double-booked, "
                                + "outside working hours). Use for the schedule of a team or of another day. Paged.",
                        ListSchedule.class, Permission.JOBS_READ, this::listSchedule),
                reads("get_job", "Job",
                        "One job by id: number (J-0042), title, description, status, priority, client, address, line "
                                + "items, checklist, its visits with times, the latest notes and its version. Use "
                                + "before changing a job or when asked about one.",
                        GetJob.class, Permission.JOBS_READ, this::getJob),
                writes("create_job", "Create job",
                        "Creates a draft job for a client at one of its properties; it becomes scheduled when a visit "
                                + "is added (schedule_visit). Returns the job with its number.",
                        CreateJob.class, Permission.JOBS_WRITE, this::createJob, this::previewCreateJob),
                writes("schedule_visit", "Schedule visit",
                        "Adds a visit to a job at a time (and with technicians); a draft job becomes scheduled. "
                                + "Warnings (double-booked, outside working hours) do not stop it and are returned.",
                        ScheduleVisit.class, Permission.JOBS_ASSIGN, this::scheduleVisit, this::previewScheduleVisit),
                writes("reschedule_visit", "Reschedule visit",
                        "Moves a visit to a new start and end (this visit only, not the rest of a recurring series). "
                                + "Refused if the visit changed since its version was read.",
                        RescheduleVisit.class, Permission.JOBS_ASSIGN, this::rescheduleVisit,
                        this::previewRescheduleVisit),
                writes("add_job_note", "Add job note",
                        "Adds an internal note to a job (visible to the team, not the client).",
                        AddJobNote.class, Permission.JOBS_WRITE, this::addNote, this::previewAddNote),
                writes("on_my_way", "On my way",
                        "Marks a scheduled visit as en route (the technician is on the way), as My day's On my way "
                                + "button; the client is told. Refused unless the visit is scheduled.",
                        VisitStep.class, Permission.JOBS_WRITE, this::onMyWay, (a, v) -> previewStep(a, v, "on my way to")),
                writes("start_visit", "Start visit",
                        "Starts a scheduled or en-route visit, as My day's Start button; its job is in progress from "
                                + "then on.",
                        VisitStep.class, Permission.JOBS_WRITE, this::startVisit, (a, v) -> previewStep(a, v, "start")),
                writes("finish_visit", "Finish visit",
                        "Finishes a visit in progress, as My day's Finish button (without a signature); finishing the "
                                + "job's last open visit completes the job, refused while required checklist items "
                                + "are unticked.",
                        VisitStep.class, Permission.JOBS_WRITE, this::finishVisit, (a, v) -> previewStep(a, v, "finish")));
    }

    private ZoneId zone(Actor actor) {
        return companies.timeZone(actor.tenant());
    }

    PageJson<VisitJson> todaysVisits(Actor actor, TodaysVisits args) {
        var request = ToolOutput.request(args.page(), args.size());
        ZoneId zone = zone(actor);
        return ToolOutput.page(calendar.day(actor, Optional.empty()).stream().map(s -> VisitJson.of(s, zone)).toList(),
                request);
    }

    PageJson<VisitJson> listSchedule(Actor actor, ListSchedule args) {
        var request = ToolOutput.request(args.page(), args.size());
        ZoneId zone = zone(actor);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Instant from = errors.check(() -> QueryTimes.from("from", args.from(), zone));
        Instant to = errors.check(() -> QueryTimes.to("to", args.to() == null || args.to().isBlank()
                ? args.from() : args.to(), zone));
        UserId technician = errors.check(() -> technician(actor, args.technician()));
        errors.throwIfAny();
        if (!to.isAfter(from)) {
            throw new InvalidInput("to", Message.of("assistant.refused.range-order"));
        }
        if (Duration.between(from, to).compareTo(VisitCalendar.MAX_RANGE) > 0) {
            throw new InvalidInput("to", Message.of("schedule.refused.range-length", VisitCalendar.MAX_RANGE.toDays()));
        }
        List<VisitJson> all = calendar.schedule(actor, from, to, Optional.ofNullable(technician), Optional.empty())
                .stream().map(s -> VisitJson.of(s, zone)).toList();
        return ToolOutput.page(all, request);
    }

    JobJson getJob(Actor actor, GetJob args) {
        Job job = jobs.get(actor, args.jobId().strip());
        ZoneId zone = zone(actor);
        String client = SeenClients.name(clients, actor, job.clientId()).orElse(null);
        String address = SeenClients.address(clients, actor, job.propertyId()).orElse(null);
        List<JobNote> notes = jobs.notes(actor, job.id());
        List<NoteJson> latest = notes.stream().sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).limit(NOTES_SHOWN)
                .map(n -> new NoteJson(n.authorName(), ToolOutput.time(n.createdAt(), zone), n.body())).toList();
        return new JobJson(job.id(), job.number(), job.title(), blankToNull(job.description()), job.status().name(),
                job.priority() == null ? null : job.priority().name(), job.clientId(), client, job.propertyId(), address,
                job.assignees().stream().map(UserId::toString).toList(),
                job.lineItems().stream().map(l -> new LineJson(l.kind().name(), l.description(), l.quantity())).toList(),
                job.checklist().stream().map(c -> new ChecklistJson(c.text(), c.required(), c.done())).toList(),
                visits.visits(actor, job.id()).stream().map(v -> JobVisitJson.of(v, zone)).toList(), latest,
                job.flags() != null && job.flags().late(), job.flags() != null && job.flags().unscheduled(),
                job.version());
    }

    JobJson createJob(Actor actor, CreateJob args) {
        Job job = jobs.create(actor, NewJob.of(args.clientId().strip(), property(actor, args.clientId(), args.propertyId()),
                args.title(), args.description()));
        return getJob(actor, new GetJob(job.id()));
    }

    String previewCreateJob(Actor actor, CreateJob args) {
        actor.require(Permission.JOBS_WRITE);
        String clientId = args.clientId().strip();
        String name = actor.can(Permission.CLIENTS_READ) ? clients.get(actor, clientId).name() : "the client";
        String propertyId = property(actor, clientId, args.propertyId());
        String where = SeenClients.address(clients, actor, propertyId).map(a -> " at " + a).orElse("");
        return "Create a draft job \"" + args.title().strip() + "\" for " + name + where + ".";
    }

    /** The property named, or the client's only one; null when the client has none or several (the service says). */
    private String property(Actor actor, String clientId, String propertyId) {
        if (propertyId != null && !propertyId.isBlank()) {
            return propertyId.strip();
        }
        var properties = SeenClients.properties(clients, actor, clientId.strip());
        return properties.size() == 1 ? properties.getFirst().id() : null;
    }

    Moved scheduleVisit(Actor actor, ScheduleVisit args) {
        Scheduled s = visits.addVisit(actor, args.jobId().strip(), new NewVisit(args.start(), args.end(),
                userIds(args.assigneeIds())));
        return moved(s, zone(actor));
    }

    String previewScheduleVisit(Actor actor, ScheduleVisit args) {
        Job job = jobs.get(actor, args.jobId().strip());
        actor.require(Permission.JOBS_ASSIGN);
        userIds(args.assigneeIds());
        ZoneId zone = zone(actor);
        Instant start = visitTime("start", args.start(), zone);
        Instant end = visitTime("end", args.end(), zone);
        return "Add a visit to " + job.number() + " \"" + job.title() + "\"" + of(actor, job) + " on "
                + ToolOutput.span(start, end, zone) + ".";
    }

    Moved rescheduleVisit(Actor actor, RescheduleVisit args) {
        Visit visit = visits.visit(actor, args.visitId().strip());
        long version = args.version() == null ? visit.version() : args.version();
        Scheduled s = visits.updateVisit(actor, visit.id(), version,
                new VisitChanges(Change.to(args.start()), Change.to(args.end()), Change.keep()), VisitChanges.Scope.THIS);
        return moved(s, zone(actor));
    }

    String previewRescheduleVisit(Actor actor, RescheduleVisit args) {
        Visit visit = visits.visit(actor, args.visitId().strip());
        actor.require(Permission.JOBS_ASSIGN);
        if (args.version() != null && args.version() != visit.version()) {
            throw new org.fieldstone.shared.VersionConflict(Message.of("jobs.thing.visit"), visit.version());
        }
        Job job = jobs.get(actor, visit.jobId());
        ZoneId zone = zone(actor);
        Instant start = visitTime("start", args.start(), zone);
        Instant end = visitTime("end", args.end(), zone);
        return "Move the visit of " + job.number() + " \"" + job.title() + "\"" + of(actor, job) + " from "
                + ToolOutput.span(visit.startsAt(), visit.endsAt(), zone) + " to " + ToolOutput.span(start, end, zone)
                + ".";
    }

    NoteAdded addNote(Actor actor, AddJobNote args) {
        Job job = jobs.get(actor, args.jobId().strip());
        JobNote note = jobs.addNote(actor, job.id(), args.body());
        return new NoteAdded(job.id(), job.number(), note.authorName(), ToolOutput.time(note.createdAt(), zone(actor)));
    }

    String previewAddNote(Actor actor, AddJobNote args) {
        Job job = jobs.get(actor, args.jobId().strip());
        actor.require(Permission.JOBS_WRITE);
        if (args.body().isBlank()) {
            throw new InvalidInput("body", Message.of("assistant.refused.argument-required", "body"));
        }
        String body = args.body().strip();
        return "Add a note to " + job.number() + " \"" + job.title() + "\": \""
                + (body.length() > 80 ? body.substring(0, 80) + "…" : body) + "\".";
    }

    Stepped onMyWay(Actor actor, VisitStep args) {
        Visit visit = visits.visit(actor, args.visitId().strip());
        return stepped(actor, visits.enRoute(actor, visit.id(), args.version() == null ? visit.version() : args.version()));
    }

    Stepped startVisit(Actor actor, VisitStep args) {
        Visit visit = visits.visit(actor, args.visitId().strip());
        return stepped(actor, visits.start(actor, visit.id(), args.version() == null ? visit.version() : args.version()));
    }

    Stepped finishVisit(Actor actor, VisitStep args) {
        Visit visit = visits.visit(actor, args.visitId().strip());
        return stepped(actor, visits.finish(actor, visit.id(), args.version() == null ? visit.version() : args.version()));
    }

    String previewStep(Actor actor, VisitStep args, String what) {
        Visit visit = visits.visit(actor, args.visitId().strip());
        actor.require(Permission.JOBS_WRITE);
        Job job = jobs.get(actor, visit.jobId());
        String verb = what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1);
        return verb + " the visit of " + job.number() + " \"" + job.title() + "\"" + of(actor, job) + " ("
                + ToolOutput.span(visit.startsAt(), visit.endsAt(), zone(actor)) + ").";
    }

    private Stepped stepped(Actor actor, Visit v) {
        Job job = jobs.get(actor, v.jobId());
        Instant at = v.finishedAt() != null ? v.finishedAt() : v.startedAt() != null ? v.startedAt() : v.enRouteAt();
        return new Stepped(v.id(), job.id(), job.number(), v.status().name(), at == null ? null : ToolOutput.time(at,
                zone(actor)), v.version());
    }

    private Moved moved(Scheduled s, ZoneId zone) {
        Visit v = s.visit();
        return new Moved(v.id(), s.job().number(), ToolOutput.time(v.startsAt(), zone), ToolOutput.time(v.endsAt(), zone),
                s.warnings().isEmpty() ? null : s.warnings().stream().map(w -> w.code()).toList(), v.version());
    }

    /** " of Mrs. Keller" when the client is seen, else nothing. */
    private String of(Actor actor, Job job) {
        return SeenClients.name(clients, actor, job.clientId()).map(n -> " of " + n).orElse("");
    }

    /** A visit's time as the services read it: with an offset, or local to the company's zone. */
    private static Instant visitTime(String field, String text, ZoneId zone) {
        Message refusal = Message.of("assistant.refused.date-time", field);
        Instant at = QueryTimes.at(field, text, zone, refusal);
        if (at == null) {
            throw new InvalidInput(field, refusal);
        }
        return at;
    }

    /**
     * The technician named by user id, or — for who may see the team — by email or name (exactly, else the one whose
     * name contains it); unknown or ambiguous names are refused.
     */
    private UserId technician(Actor actor, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String typed = text.strip();
        if (typed.matches("[0-9a-fA-F-]{36}")) {
            return userId("technician", typed);
        }
        if (!actor.can(Permission.TEAM_VIEW)) {
            throw new InvalidInput("technician", Message.of("assistant.refused.technician-unknown", typed));
        }
        List<User> people = team.list(actor, new Page.PageRequest(0, Page.MAX_SIZE)).items().stream()
                .filter(User::active).toList();
        List<User> exact = people.stream().filter(u -> u.name().equalsIgnoreCase(typed)
                || u.email().toString().equalsIgnoreCase(typed)).toList();
        List<User> found = exact.isEmpty() ? people.stream().filter(u -> u.name().toLowerCase(Locale.ROOT)
                .contains(typed.toLowerCase(Locale.ROOT))).toList() : exact;
        if (found.isEmpty()) {
            throw new InvalidInput("technician", Message.of("assistant.refused.technician-unknown", typed));
        }
        if (found.size() > 1) {
            throw new InvalidInput("technician", Message.of("assistant.refused.technician-ambiguous", typed,
                    String.join(", ", found.stream().limit(5).map(User::name).toList())));
        }
        return found.getFirst().id();
    }

    private static List<UserId> userIds(List<String> ids) {
        return ids == null ? null : ids.stream().map(id -> userId("assigneeIds", id)).toList();
    }

    private static UserId userId(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UserId.parse(text.strip());
        } catch (NotFound | IllegalArgumentException e) {
            throw new InvalidInput(field, Message.of("schedule.refused.user-id"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
