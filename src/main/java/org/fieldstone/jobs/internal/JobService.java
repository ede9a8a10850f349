package org.fieldstone.jobs.internal;

import static org.fieldstone.jobs.internal.JobTables.CHECKLIST_ITEMS;
import static org.fieldstone.jobs.internal.JobTables.JOBS;
import static org.fieldstone.jobs.internal.JobTables.NOTES;
import static org.fieldstone.jobs.internal.JobTables.TEMPLATES;
import static org.fieldstone.jobs.internal.JobTables.VISITS;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.Change;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.ChecklistItem;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobChanges;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.JobNote;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.jobs.JobSettings;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitChanges;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.Warning;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.DomainEvents;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.stereotype.Service;

/**
 * {@link Jobs} over the one write path (writes, each in one transaction with the job's status changes it causes)
 * and {@link JobRecords} (reads, always through the reader's {@link JobAccess.Visibility}). Events are published
 * through the company's outbox in the transaction of the change; listeners hear them after it committed.
 */
@Service
class JobService implements Jobs, Visits, ChecklistTemplates, JobSettings, VisitCalendar {

    private final CompanyDatabases databases;
    private final Companies companies;
    private final RecordStore store;
    private final JobRecords records;
    private final JobAccess access;
    private final Clients clients;
    private final Crews crews;
    private final Team team;
    private final VisitSeries series;
    private final DomainEvents events;
    private final Clock clock;

    private final CompanySettings companySettings;

    JobService(CompanyDatabases databases, Companies companies, RecordStore store, JobRecords records, JobAccess access,
               Clients clients, Crews crews, Team team, VisitSeries series, DomainEvents events, CompanySettings companySettings, Clock clock) {
        this.databases = databases;
        this.companySettings = companySettings;
        this.companies = companies;
        this.store = store;
        this.records = records;
        this.access = access;
        this.clients = clients;
        this.crews = crews;
        this.team = team;
        this.series = series;
        this.events = events;
        this.clock = clock;
    }

    // ---- jobs ---------------------------------------------------------------------------------------------------

    @Override
    public Page<Job> list(Actor actor, JobQuery query, Page.PageRequest page) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        return records.list(db, query, access.of(actor, db), page, clock.instant());
    }

    @Override
    public Job get(Actor actor, String jobId) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        return find(actor, db, jobId);
    }

    @Override
    public Job create(Actor actor, NewJob job) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        JobInput input = new JobInput();
        Map<String, Object> values = new LinkedHashMap<>();
        String clientId = job.clientId() == null ? "" : job.clientId().strip();
        String propertyId = job.propertyId() == null ? "" : job.propertyId().strip();
        checkClientAndProperty(actor, input, clientId, propertyId);
        values.put("client_id", clientId);
        values.put("property_id", propertyId);
        values.put("title", input.title(job.title()));
        values.put("description", input.description(job.description()));
        values.put("priority", input.priority(job.priority()));
        values.put("tags", records.json(input.tags(job.tags())));
        values.put("status", JobStatus.DRAFT.name());
        List<LineItem> lineItems = input.lineItems(job.lineItems());
        values.put("line_items", lineItems.isEmpty() ? null : records.lineItemsJson(lineItems));
        List<UserId> assignees = job.assignees();
        String crewId = blankToNull(job.crewId());
        if (!assignees.isEmpty() || crewId != null || job.firstVisit() != null || job.recurrence() != null) {
            actor.require(Permission.JOBS_ASSIGN);
        }
        if (assignees.isEmpty() && crewId == null && access.of(actor, db).restricted()) {
            // a technician who sees only their own work keeps sight of the job they create
            assignees = List.of(actor.userId().orElseThrow());
        }
        values.put("assignees", idsJson(checkAssignees(actor, input, "assignees", assignees)));
        values.put("crew_id", checkCrew(actor, input, crewId));
        List<ChecklistTemplate.Item> checklist = new ArrayList<>();
        if (blankToNull(job.checklistTemplateId()) != null) {
            records.template(db, job.checklistTemplateId().strip()).ifPresentOrElse(t -> checklist.addAll(t.items()),
                    () -> input.add("checklistTemplateId", Message.of("refusal.not-found", Message.of("jobs.thing.checklist"))));
        }
        checklist.addAll(input.checklist("checklist", job.checklist()));
        if (checklist.size() > JobInput.CHECKLIST_MAX) {
            input.add("checklist", Message.of("jobs.refused.checklist-too-long", JobInput.CHECKLIST_MAX));
        }
        ZoneId zone = zone(actor);
        VisitSeries.Plan plan = job.recurrence() == null ? null
                : series.plan(input, job.recurrence(), job.firstVisit(), zone);
        Instant[] firstVisit = job.firstVisit() == null || plan != null ? null : times(input, job.firstVisit(), zone);
        List<UserId> visitAssignees = job.firstVisit() == null || job.firstVisit().assignees() == null ? null
                : checkAssignees(actor, input, "firstVisit.assignees", job.firstVisit().assignees());
        input.throwIfAny();
        List<DomainEvent> published = new ArrayList<>();
        List<UserId> jobAssignees = assignees;
        String id = db.inTransaction(() -> {
            String jobId = store.insert(actor, JOBS, values).id();
            insertChecklist(actor, jobId, 0, checklist);
            if (firstVisit != null) {
                published.add(insertVisit(actor, db, jobId, firstVisit[0], firstVisit[1],
                        visitAssignees == null ? jobAssignees : visitAssignees));
                // a job with a visit is scheduled, as when the visit is added later
                apply(actor, db, jobId, load(actor, db, jobId).visitAdded());
            }
            if (plan != null) {
                published.addAll(series.start(actor, db, jobId, plan, visitAssignees == null ? jobAssignees : visitAssignees,
                        zone, clock.instant()));
                apply(actor, db, jobId, load(actor, db, jobId).visitAdded());
            }
            published.forEach(e -> events.publish(db, e));
            return jobId;
        });
        return find(actor, db, id);
    }

    @Override
    public Job update(Actor actor, String jobId, long expectedVersion, JobChanges changes) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Job current = find(actor, db, jobId);
        if (current.status() == JobStatus.INVOICED) {
            throw new Conflict(Message.of("jobs.refused.invoiced-unchangeable"));
        }
        JobInput input = new JobInput();
        Map<String, Object> set = new LinkedHashMap<>();
        if (changes.title() instanceof Change.To<String>(String title)) {
            set.put("title", input.title(title));
        }
        if (changes.description() instanceof Change.To<String>(String description)) {
            set.put("description", input.description(description));
        }
        if (changes.priority() instanceof Change.To<String>(String priority)) {
            set.put("priority", priority == null ? "NORMAL" : input.priority(priority));
        }
        if (changes.tags() instanceof Change.To<List<String>>(List<String> tags)) {
            set.put("tags", records.json(input.tags(tags)));
        }
        if (changes.lineItems() instanceof Change.To<List<LineItem>>(List<LineItem> items)) {
            List<LineItem> checked = input.lineItems(items);
            set.put("line_items", checked.isEmpty() ? null : records.lineItemsJson(checked));
        }
        if (changes.crewId().isSet() || changes.assignees().isSet()) {
            actor.require(Permission.JOBS_ASSIGN);
        }
        if (changes.crewId() instanceof Change.To<String>(String crewId)) {
            set.put("crew_id", checkCrew(actor, input, blankToNull(crewId)));
        }
        if (changes.assignees() instanceof Change.To<List<UserId>>(List<UserId> assignees)) {
            set.put("assignees", idsJson(checkAssignees(actor, input, "assignees", assignees == null ? List.of() : assignees)));
        }
        input.throwIfAny();
        store.update(actor, JOBS, RecordKey.of(jobId), expectedVersion, set);
        return find(actor, db, jobId);
    }

    @Override
    public void delete(Actor actor, String jobId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Job job = find(actor, db, jobId);
        if (job.status() != JobStatus.DRAFT && job.status() != JobStatus.CANCELLED) {
            throw new Conflict(Message.of("jobs.refused.delete", JobAggregate.state(job.status())));
        }
        List<Visit> visits = records.visitsOf(db, jobId);
        if (visits.stream().anyMatch(v -> v.enRouteAt() != null || v.startedAt() != null)) {
            throw new Conflict(Message.of("jobs.refused.delete-worked-job"));
        }
        if (job.version() != expectedVersion) {
            throw new org.fieldstone.shared.VersionConflict(Message.of("jobs.thing.job"), job.version());
        }
        db.inTransaction(() -> {
            for (Visit visit : visits) {
                store.delete(actor, VISITS, RecordKey.of(visit.id(), jobId), visit.version());
            }
            series.deleteAll(actor, db, jobId);
            for (ChecklistItem item : job.checklist()) {
                store.delete(actor, CHECKLIST_ITEMS, RecordKey.of(item.id(), jobId), item.version());
            }
            for (var note : db.jdbc().sql("SELECT id, version FROM job_notes WHERE job_id = :job").param("job", jobId)
                    .query().listOfRows()) {
                store.delete(actor, NOTES, RecordKey.of((String) note.get("id"), jobId), ((Number) note.get("version")).longValue());
            }
            store.delete(actor, JOBS, RecordKey.of(jobId), expectedVersion);
        });
    }

    @Override
    public Job complete(Actor actor, String jobId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        change(actor, db, jobId, job -> job.complete(expectedVersion, clock.instant()));
        return find(actor, db, jobId);
    }

    @Override
    public Job cancel(Actor actor, String jobId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        change(actor, db, jobId, job -> job.cancel(expectedVersion));
        return find(actor, db, jobId);
    }

    @Override
    public Job reopen(Actor actor, String jobId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        change(actor, db, jobId, job -> job.reopen(expectedVersion));
        return find(actor, db, jobId);
    }

    @Override
    public Job tick(Actor actor, String jobId, String itemId, boolean done) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        // ticking is idempotent, so it needs no version from the caller: the item's own guards the write
        change(actor, db, jobId, job -> job.tick(itemId, done,
                actor.userId().map(Object::toString).orElse(actor.displayName()), clock.instant()));
        return find(actor, db, jobId);
    }

    @Override
    public Job addChecklist(Actor actor, String jobId, String templateId) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Job job = find(actor, db, jobId);
        ChecklistTemplate template = records.template(db, templateId == null ? "" : templateId)
                .orElseThrow(() -> new InvalidInput("templateId", Message.of("refusal.not-found", Message.of("jobs.thing.checklist"))));
        if (job.checklist().size() + template.items().size() > JobInput.CHECKLIST_MAX) {
            throw new InvalidInput("templateId", Message.of("jobs.refused.checklist-too-long", JobInput.CHECKLIST_MAX));
        }
        int next = job.checklist().stream().mapToInt(ChecklistItem::position).max().orElse(-1) + 1;
        db.inTransaction(() -> insertChecklist(actor, jobId, next, template.items()));
        return find(actor, db, jobId);
    }

    @Override
    public List<JobNote> notes(Actor actor, String jobId) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, jobId);
        return records.notes(db, jobId, names(actor));
    }

    @Override
    public JobNote addNote(Actor actor, String jobId, String body) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, jobId);
        JobInput input = new JobInput();
        String text = input.note(body);
        input.throwIfAny();
        String id = store.insert(actor, NOTES, Map.of("job_id", jobId, "body", text)).id();
        return records.notes(db, jobId, names(actor)).stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    // ---- visits -------------------------------------------------------------------------------------------------

    @Override
    public List<Visit> visits(Actor actor, String jobId) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, jobId);
        return records.visitsOf(db, jobId);
    }

    @Override
    public Visit visit(Actor actor, String visitId) {
        actor.require(Permission.JOBS_READ);
        return findVisit(actor, databases.of(actor.tenant()), visitId);
    }

    @Override
    public Scheduled addVisit(Actor actor, String jobId, NewVisit visit) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        Job job = find(actor, db, jobId);
        if (!job.status().isOpen()) {
            // said before the times are checked; the aggregate says it again inside the transaction
            throw new Conflict(Message.of("jobs.refused.closed.schedule-visit", JobAggregate.state(job.status())));
        }
        JobInput input = new JobInput();
        Instant[] times = times(input, visit, zone(actor));
        List<UserId> assignees = visit.assignees() == null ? job.assignees()
                : checkAssignees(actor, input, "assignees", visit.assignees());
        input.throwIfAny();
        String id = db.inTransaction(() -> {
            apply(actor, db, jobId, load(actor, db, jobId).visitAdded());
            JobEvents.VisitScheduled event = insertVisit(actor, db, jobId, times[0], times[1], assignees);
            events.publish(db, event);
            return event.visitId();
        });
        return scheduled(actor, db, findVisit(actor, db, id));
    }

    @Override
    public Scheduled updateVisit(Actor actor, String visitId, long expectedVersion, VisitChanges changes,
                                 VisitChanges.Scope scope) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        if (!visit.status().isOpen()) {
            throw new Conflict(Message.of("jobs.refused.visit.move", JobAggregate.state(visit.status())));
        }
        ZoneId zone = zone(actor);
        JobInput input = new JobInput();
        Instant start = changes.start() instanceof Change.To<String>(String s) ? time(input, "start", s, zone) : visit.startsAt();
        Instant end = changes.end() instanceof Change.To<String>(String e) ? time(input, "end", e, zone) : visit.endsAt();
        List<UserId> assignees = changes.assignees() instanceof Change.To<List<UserId>>(List<UserId> a)
                ? checkAssignees(actor, input, "assignees", a == null ? List.of() : a) : visit.assignees();
        input.throwIfAny();
        VisitTimes.check(start, end);
        if (scope == VisitChanges.Scope.THIS_AND_FOLLOWING && visit.isRecurring()) {
            db.inTransaction(() -> {
                series.changeFollowing(actor, db, visit, expectedVersion, start, end, assignees, zone, clock.instant())
                        .forEach(e -> events.publish(db, e));
                return null;
            });
            return scheduled(actor, db, findVisit(actor, db, visitId));
        }
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("starts_at", start.toEpochMilli());
        set.put("ends_at", end.toEpochMilli());
        set.put("assignees", idsJson(assignees));
        if (visit.isRecurring()) {
            set.put("detached", true);
        }
        db.inTransaction(() -> {
            long version = store.change(actor, VISITS, RecordKey.of(visitId, visit.jobId()), expectedVersion, set,
                    "rescheduled").version();
            if (version != expectedVersion) {
                events.publish(db, new JobEvents.VisitRescheduled(actor.tenant(), visit.jobId(), visitId, start, end,
                        assignees.stream().map(UserId::toString).toList()));
            }
            return null;
        });
        return scheduled(actor, db, findVisit(actor, db, visitId));
    }

    @Override
    public void deleteVisit(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        if (visit.enRouteAt() != null || visit.startedAt() != null) {
            throw new Conflict(Message.of("jobs.refused.delete-worked-visit"));
        }
        db.inTransaction(() -> {
            if (visit.isRecurring()) {
                series.skip(actor, db, visit);
            }
            store.delete(actor, VISITS, RecordKey.of(visitId, visit.jobId()), expectedVersion);
            Map<String, Object> job = records.jobRow(db, visit.jobId()).orElseThrow();
            boolean anyLeft = !records.visitsOf(db, visit.jobId()).isEmpty() || series.hasActive(db, visit.jobId());
            if (!anyLeft && JobStatus.SCHEDULED.name().equals(job.get("status"))) {
                store.change(actor, JOBS, RecordKey.of(visit.jobId()), ((Number) job.get("version")).longValue(),
                        Map.of("status", JobStatus.DRAFT.name()), "unscheduled");
            }
        });
    }

    @Override
    public Visit enRoute(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        change(actor, db, visit.jobId(), job -> job.enRoute(visitId, expectedVersion,
                actor.userId().map(Object::toString).orElse(null), clock.instant()));
        return findVisit(actor, db, visitId);
    }

    @Override
    public Visit start(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        change(actor, db, visit.jobId(), job -> job.startVisit(visitId, expectedVersion, clock.instant()));
        return findVisit(actor, db, visitId);
    }

    @Override
    public Visit finish(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        change(actor, db, visit.jobId(), job -> job.finishVisit(visitId, expectedVersion, clock.instant()));
        return findVisit(actor, db, visitId);
    }

    @Override
    public Visit cancelVisit(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        change(actor, db, visit.jobId(), job -> job.cancelVisit(visitId, expectedVersion));
        return findVisit(actor, db, visitId);
    }

    // ---- schedule -----------------------------------------------------------------------------------------------

    @Override
    public List<Scheduled> schedule(Actor actor, Instant from, Instant to, Optional<UserId> assignee, Optional<String> crewId) {
        actor.require(Permission.JOBS_READ);
        if (!to.isAfter(from)) {
            throw new InvalidInput("to", Message.of("jobs.refused.range-order"));
        }
        if (java.time.Duration.between(from, to).toDays() > 62) {
            throw new InvalidInput("to", Message.of("jobs.refused.range-length", 62));
        }
        CompanyDatabase db = databases.of(actor.tenant());
        JobAccess.Visibility visibility = access.of(actor, db);
        Set<UserId> crewMembers = crewId.map(id -> Set.copyOf(crews.get(actor, id).members())).orElse(null);
        List<Visit> visits = records.visitsBetween(db, from, to, visibility, true).stream()
                .filter(v -> assignee.map(a -> v.assignees().contains(a)).orElse(true))
                .toList();
        Map<String, JobRecords.JobHead> heads = records.heads(db, visits.stream().map(Visit::jobId).distinct().toList());
        if (crewMembers != null) {
            visits = visits.stream().filter(v -> crewId.get().equals(heads.get(v.jobId()).crewId())
                    || v.assignees().stream().anyMatch(crewMembers::contains)).toList();
        }
        return views(actor, db, visits, heads, visibility, from, to);
    }

    @Override
    public List<Scheduled> day(Actor actor, Optional<LocalDate> day) {
        actor.require(Permission.JOBS_READ);
        UserId me = actor.userId().orElseThrow(() -> new InvalidInput("assignee", Message.of("jobs.refused.day-without-user")));
        ZoneId zone = zone(actor);
        LocalDate date = day.orElseGet(() -> LocalDate.ofInstant(clock.instant(), zone));
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        return schedule(actor, from, to, Optional.of(me), Optional.empty()).stream()
                .filter(s -> s.visit().status() != VisitStatus.CANCELLED).toList();
    }

    private List<Scheduled> views(Actor actor, CompanyDatabase db, List<Visit> visits, Map<String, JobRecords.JobHead> heads,
                                  JobAccess.Visibility visibility, Instant from, Instant to) {
        if (visits.isEmpty()) {
            return List.of();
        }
        Set<String> clientIds = new LinkedHashSet<>();
        Set<String> propertyIds = new LinkedHashSet<>();
        heads.values().forEach(h -> {
            clientIds.add(h.clientId());
            propertyIds.add(h.propertyId());
        });
        Map<String, Client> clientsById = clients.clientsById(actor, clientIds);
        Map<String, Property> propertiesById = clients.propertiesById(actor, propertyIds);
        // conflicts are found among every visit of the range, also those the reader does not see (without naming them)
        // — read afresh: the visits asked about may be fewer than the range holds (one visit just added or moved)
        List<Visit> all = records.visitsBetween(db, from, to, JobAccess.Visibility.ALL, false);
        List<Visit> seen = visibility.restricted() ? records.visitsBetween(db, from, to, visibility, false) : all;
        Map<String, String> numbers = new HashMap<>();
        heads.values().forEach(h -> numbers.put(h.id(), h.number()));
        records.heads(db, seen.stream().map(Visit::jobId).filter(id -> !numbers.containsKey(id)).distinct().toList())
                .values().forEach(h -> numbers.put(h.id(), h.number()));
        WorkSettings settings = access.settings(db);
        ZoneId zone = zone(actor);
        Function<UserId, String> names = nameLookup(actor);
        List<Scheduled> result = new ArrayList<>();
        for (Visit visit : visits) {
            JobRecords.JobHead head = heads.get(visit.jobId());
            Client client = clientsById.get(head.clientId());
            Property property = propertiesById.get(head.propertyId());
            result.add(new Scheduled(visit, new Scheduled.JobSummary(head.id(), head.number(), head.title(), head.status(),
                    head.priority(), head.clientId(), client == null ? null : client.name(),
                    client == null ? null : client.phone(), head.propertyId(), address(property), head.crewId()),
                    visit.status() == VisitStatus.CANCELLED ? List.of()
                            : Conflicts.of(visit, all, settings, zone, names, numbers)));
        }
        return result;
    }

    private Scheduled scheduled(Actor actor, CompanyDatabase db, Visit visit) {
        JobAccess.Visibility visibility = access.of(actor, db);
        Map<String, JobRecords.JobHead> heads = records.heads(db, List.of(visit.jobId()));
        return views(actor, db, List.of(visit), heads, visibility, visit.startsAt(), visit.endsAt()).getFirst();
    }

    // ---- templates and settings ---------------------------------------------------------------------------------

    @Override
    public List<ChecklistTemplate> templates(Actor actor) {
        actor.require(Permission.JOBS_READ);
        return records.templates(databases.of(actor.tenant()));
    }

    @Override
    public ChecklistTemplate template(Actor actor, String templateId) {
        actor.require(Permission.JOBS_READ);
        return records.template(databases.of(actor.tenant()), templateId).orElseThrow(() -> new NotFound(Message.of("jobs.thing.checklist")));
    }

    @Override
    public ChecklistTemplate createTemplate(Actor actor, String name, List<ChecklistTemplate.Item> items) {
        actor.require(Permission.SETTINGS_MANAGE);
        JobInput input = new JobInput();
        Map<String, Object> values = Map.of("name", input.templateName(name),
                "items", records.templateItemsJson(input.checklist("items", items)));
        input.throwIfAny();
        return template(actor, store.insert(actor, TEMPLATES, values).id());
    }

    @Override
    public ChecklistTemplate updateTemplate(Actor actor, String templateId, long expectedVersion, String name,
                                            List<ChecklistTemplate.Item> items) {
        actor.require(Permission.SETTINGS_MANAGE);
        template(actor, templateId);
        JobInput input = new JobInput();
        Map<String, Object> set = new LinkedHashMap<>();
        if (name != null) {
            set.put("name", input.templateName(name));
        }
        if (items != null) {
            set.put("items", records.templateItemsJson(input.checklist("items", items)));
        }
        input.throwIfAny();
        store.update(actor, TEMPLATES, RecordKey.of(templateId), expectedVersion, set);
        return template(actor, templateId);
    }

    @Override
    public void deleteTemplate(Actor actor, String templateId, long expectedVersion) {
        actor.require(Permission.SETTINGS_MANAGE);
        store.delete(actor, TEMPLATES, RecordKey.of(templateId), expectedVersion);
    }

    @Override
    public WorkSettings settings(Actor actor) {
        actor.require(Permission.JOBS_READ);
        return access.settings(databases.of(actor.tenant()));
    }

    @Override
    public WorkSettings updateSettings(Actor actor, WorkSettings settings) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (settings.workingDays().isEmpty()) {
            throw new InvalidInput("workingDays", Message.of("jobs.refused.no-working-day"));
        }
        if (!settings.dayEnd().isAfter(settings.dayStart())) {
            throw new InvalidInput("dayEnd", Message.of("jobs.refused.working-day-order"));
        }
        companySettings.set(actor, JobAccess.WORK_SETTINGS, settings);
        return access.settings(databases.of(actor.tenant()));
    }

    @Override
    public int generateVisits(Actor actor, Instant now) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        // each series' visits and their events are written in a transaction of their own
        return series.generate(actor, db, zone(actor), now).size();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Job find(Actor actor, CompanyDatabase db, String jobId) {
        return records.job(db, jobId, access.of(actor, db), clock.instant()).orElseThrow(() -> new NotFound(Message.of("jobs.thing.job")));
    }

    /**
     * Loads the job as an aggregate inside a write transaction, lets a verb decide, and applies its outcome in the same
     * transaction: the writes through the write path, the end of its series, its events into the outbox.
     */
    private void change(Actor actor, CompanyDatabase db, String jobId,
                        java.util.function.Function<JobAggregate, JobAggregate.Outcome> verb) {
        db.inTransaction(() -> {
            apply(actor, db, jobId, verb.apply(load(actor, db, jobId)));
            return null;
        });
    }

    /**
     * The job as the actor may see it (another's is not found), its row locked for the rest of the transaction where
     * the engine locks rows.
     */
    private JobAggregate load(Actor actor, CompanyDatabase db, String jobId) {
        return records.aggregate(db, jobId, access.of(actor, db), series.hasActive(db, jobId))
                .orElseThrow(() -> new NotFound(Message.of("jobs.thing.job")));
    }

    private void apply(Actor actor, CompanyDatabase db, String jobId, JobAggregate.Outcome outcome) {
        for (JobAggregate.Write w : outcome.writes()) {
            store.change(actor, w.type(), w.key(), w.expectedVersion(), w.changes(), w.action());
        }
        if (outcome.endsSeries()) {
            series.endAll(actor, db, jobId);
        }
        outcome.events().forEach(e -> events.publish(db, e));
    }

    /** A visit the actor may see (its job visible to them); anything else is not found. */
    private Visit findVisit(Actor actor, CompanyDatabase db, String visitId) {
        Visit visit = records.visit(db, visitId).orElseThrow(() -> new NotFound(Message.of("jobs.thing.visit")));
        if (records.job(db, visit.jobId(), access.of(actor, db), clock.instant()).isEmpty()) {
            throw new NotFound(Message.of("jobs.thing.visit"));
        }
        return visit;
    }

    JobEvents.VisitScheduled insertVisit(Actor actor, CompanyDatabase db, String jobId, Instant start, Instant end,
                                         List<UserId> assignees) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("job_id", jobId);
        values.put("starts_at", start.toEpochMilli());
        values.put("ends_at", end.toEpochMilli());
        values.put("assignees", idsJson(assignees));
        values.put("status", VisitStatus.SCHEDULED.name());
        values.put("detached", false);
        String id = store.insert(actor, VISITS, values).id();
        return new JobEvents.VisitScheduled(actor.tenant(), jobId, id, start, end,
                assignees.stream().map(UserId::toString).toList());
    }

    private void insertChecklist(Actor actor, String jobId, int firstPosition, List<ChecklistTemplate.Item> items) {
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("job_id", jobId);
            values.put("position", firstPosition + i);
            values.put("text", items.get(i).text());
            values.put("required", items.get(i).required());
            values.put("done", false);
            store.insert(actor, CHECKLIST_ITEMS, values);
        }
    }


    private void checkClientAndProperty(Actor actor, JobInput input, String clientId, String propertyId) {
        if (clientId.isEmpty()) {
            input.add("clientId", Message.of("jobs.refused.client-required"));
            return;
        }
        try {
            clients.get(actor, clientId);
        } catch (NotFound e) {
            input.add("clientId", Message.of("refusal.not-found", Message.of("jobs.thing.client")));
            return;
        }
        if (propertyId.isEmpty()) {
            input.add("propertyId", Message.of("jobs.refused.property-required"));
            return;
        }
        try {
            clients.property(actor, clientId, propertyId);
        } catch (NotFound e) {
            input.add("propertyId", Message.of("jobs.refused.property-of-other-client"));
        }
    }

    private List<UserId> checkAssignees(Actor actor, JobInput input, String field, Collection<UserId> assignees) {
        List<UserId> ids = new ArrayList<>();
        for (UserId id : new LinkedHashSet<>(assignees)) {
            try {
                User user = team.get(actor, id);
                if (!user.active()) {
                    input.add(field, Message.of("jobs.refused.assignee-deactivated", user.name()));
                }
            } catch (NotFound e) {
                input.add(field, Message.of("jobs.refused.assignee-unknown", String.valueOf(id)));
            }
            ids.add(id);
        }
        if (ids.size() > 50) {
            input.add(field, Message.of("jobs.refused.too-many-assignees", 50));
        }
        return ids;
    }

    private String checkCrew(Actor actor, JobInput input, String crewId) {
        if (crewId == null) {
            return null;
        }
        try {
            crews.get(actor, crewId);
        } catch (NotFound e) {
            input.add("crewId", Message.of("refusal.not-found", Message.of("jobs.thing.crew")));
        }
        return crewId;
    }

    private Instant[] times(JobInput input, NewVisit visit, ZoneId zone) {
        Instant start = time(input, "start", visit.start(), zone);
        Instant end = time(input, "end", visit.end(), zone);
        if (start != null && end != null) {
            try {
                VisitTimes.check(start, end);
            } catch (InvalidInput e) {
                e.fieldMessages().forEach(input::add);
            }
        }
        return new Instant[] {start, end};
    }

    private static Instant time(JobInput input, String field, String text, ZoneId zone) {
        try {
            return VisitTimes.parse(field, text, zone);
        } catch (InvalidInput e) {
            e.fieldMessages().forEach(input::add);
            return null;
        }
    }

    ZoneId zone(Actor actor) {
        return companies.timeZone(actor.tenant());
    }

    private Map<String, String> names(Actor actor) {
        Map<String, String> names = new HashMap<>();
        team.list(actor, new Page.PageRequest(0, Page.MAX_SIZE)).items().forEach(u -> names.put(u.id().toString(), u.name()));
        return names;
    }

    /** Names for warnings, read (and opened) only when a warning names someone. */
    private Function<UserId, String> nameLookup(Actor actor) {
        Map<String, String> names = new HashMap<>();
        return id -> {
            if (names.isEmpty()) {
                names.putAll(names(actor));
            }
            return names.getOrDefault(id.toString(), "Someone");
        };
    }

    private static String address(Property property) {
        if (property == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (property.street() != null) {
            parts.add(property.street());
        }
        String town = String.join(" ", java.util.stream.Stream.of(property.postalCode(), property.city())
                .filter(java.util.Objects::nonNull).toList());
        if (!town.isBlank()) {
            parts.add(town);
        }
        return parts.isEmpty() ? property.label() : String.join(", ", parts);
    }

    private String idsJson(List<UserId> ids) {
        return records.json(ids.stream().map(UserId::toString).toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
