package org.fieldstone.schedule.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.JobSettings;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitChanges;
import org.fieldstone.jobs.Warning;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.fieldstone.tenancy.Companies;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dispatch calendar: a column per technician (and one for unassigned visits), by hour for a day or by day for
 * a week, in the company's time zone. A card opens the visit form (htmx) to reschedule or reassign it; a stale
 * version shows the conflict with the visit as it is now, and warnings (double-booked, outside working hours) are
 * shown after saving and marked on the cards. The day view is the dispatch board: lanes drawn to scale by board.js
 * from each card's minutes ({@link BoardScale}), cancelled visits only counted, and for those who may assign the
 * unscheduled jobs with their next available slot ({@link UnscheduledPanel}); its drops go to {@link BoardController}.
 */
@Controller
class ScheduleController {

    private static final int PEOPLE = 200;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM");
    private static final DateTimeFormatter FULL_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu");

    private final Jobs jobs;
    private final Visits jobVisits;
    private final JobSettings workSettings;
    private final VisitCalendar calendar;
    private final Team team;
    private final Crews crews;
    private final Companies companies;
    private final java.time.Clock clock;

    private final MessageSource messages;
    private final UnscheduledPanel unscheduled;

    ScheduleController(Jobs jobs, Visits jobVisits, JobSettings workSettings, VisitCalendar calendar, Team team,
                       Crews crews, Companies companies, java.time.Clock clock, MessageSource messages,
                       UnscheduledPanel unscheduled) {
        this.messages = messages;
        this.unscheduled = unscheduled;
        this.clock = clock;
        this.jobs = jobs;
        this.jobVisits = jobVisits;
        this.workSettings = workSettings;
        this.calendar = calendar;
        this.team = team;
        this.crews = crews;
        this.companies = companies;
    }

    @GetMapping("/c/{slug}/schedule")
    String calendar(Actor actor, @RequestParam(defaultValue = "day") String view,
                    @RequestParam(required = false) String date, @RequestParam(defaultValue = "") String crew,
                    @RequestParam(required = false) String booked, Model model) {
        ZoneId zone = zone(actor);
        boolean week = view.equals("week");
        LocalDate day = parseDate(date).orElseGet(() -> LocalDate.ofInstant(clock.instant(), zone));
        LocalDate first = week ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
        int days = week ? 7 : 1;
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = first.plusDays(days).atStartOfDay(zone).toInstant();
        Optional<String> crewId = crew.isBlank() ? Optional.empty() : Optional.of(crew.strip());
        List<Scheduled> visits = calendar.schedule(actor, from, to, Optional.empty(), crewId);

        // the team is read once for the columns and their names (the page's queries do not grow with its visits)
        List<User> members = actor.can(Permission.TEAM_VIEW) ? team.list(actor, Page.request(0, PEOPLE)).items() : List.of();
        Map<String, String> names = new LinkedHashMap<>();
        members.stream().filter(User::active).forEach(u -> names.put(u.id().toString(), u.name()));
        List<Column> columns = columns(actor, members, names, visits, crewId);
        List<Card> cards = visits.stream().map(s -> card(s, zone, day)).toList();

        model.addAttribute("view", week ? "week" : "day");
        model.addAttribute("date", day.toString());
        model.addAttribute("crew", crew);
        model.addAttribute("crews", actor.can(Permission.TEAM_VIEW) ? crews.list(actor) : List.<Crew>of());
        // not "title": inside the layout that name is the page's <title> fragment, which would be printed as text
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("range", week
                ? DAY.withLocale(locale).format(first) + " – " + DAY.withLocale(locale).format(first.plusDays(6)) + " " + first.plusDays(6).getYear()
                : FULL_DAY.withLocale(locale).format(day));
        model.addAttribute("previous", (week ? day.minusWeeks(1) : day.minusDays(1)).toString());
        model.addAttribute("next", (week ? day.plusWeeks(1) : day.plusDays(1)).toString());
        model.addAttribute("today", LocalDate.ofInstant(clock.instant(), zone).toString());
        model.addAttribute("columns", columns);
        model.addAttribute("canAssign", actor.can(Permission.JOBS_ASSIGN));
        model.addAttribute("zone", zone.getId());
        model.addAttribute("count", visits.size());
        model.addAttribute("booked", booked == null || booked.isBlank() ? null : booked.strip());
        if (week) {
            List<String> dayLabels = new ArrayList<>();
            List<String> dayDates = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                dayLabels.add(DAY.withLocale(locale).format(first.plusDays(i)));
                dayDates.add(first.plusDays(i).toString());
            }
            model.addAttribute("dayLabels", dayLabels);
            List<Row> rows = new ArrayList<>();
            for (Column c : columns) {
                List<List<Card>> cells = new ArrayList<>();
                for (String d : dayDates) {
                    cells.add(cards.stream().filter(k -> k.date().equals(d) && c.holds(k)).toList());
                }
                rows.add(new Row(c.name(), cells));
            }
            model.addAttribute("rows", rows);
        } else {
            var settings = workSettings.settings(actor);
            BoardScale scale = BoardScale.of(settings.dayStart(), settings.dayEnd(),
                    cards.stream().filter(k -> !k.cancelled()).map(k -> new BoardScale.Place(k.startMinute(), k.minutes())).toList());
            List<Lane> lanes = new ArrayList<>();
            for (Column c : columns) {
                List<Card> mine = cards.stream().filter(c::holds).toList();
                lanes.add(new Lane(c, mine.stream().filter(k -> !k.cancelled()).toList(),
                        mine.stream().filter(Card::cancelled).toList()));
            }
            model.addAttribute("lanes", lanes);
            model.addAttribute("workStart", settings.dayStart().getHour() * 60 + settings.dayStart().getMinute());
            model.addAttribute("workEnd", settings.dayEnd().getHour() * 60 + settings.dayEnd().getMinute());
            model.addAttribute("scale", scale);
            model.addAttribute("hours", scale.hours().stream().map(m -> new Hour(m, String.format("%02d:00", m / 60))).toList());
            ZonedDateTime now = clock.instant().atZone(zone);
            model.addAttribute("nowMinute", now.toLocalDate().equals(day) ? now.getHour() * 60 + now.getMinute() : -1);
            boolean canAssign = actor.can(Permission.JOBS_ASSIGN);
            model.addAttribute("unscheduled", canAssign ? unscheduled.jobs(actor, zone) : List.of());
        }
        return "schedule/calendar";
    }

    /** The visit form; its save posts to the page's own address, so a reload after a refused save shows it again. */
    @GetMapping({"/c/{slug}/schedule/visits/{id}/form", "/c/{slug}/schedule/visits/{id}"})
    String visitForm(Actor actor, @PathVariable String id,
                     @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        actor.require(Permission.JOBS_ASSIGN);
        Visit visit = jobVisits.visit(actor, id);
        ZoneId zone = zone(actor);
        fill(actor, model, visit, LOCAL.format(visit.startsAt().atZone(zone)), LOCAL.format(visit.endsAt().atZone(zone)),
                visit.assignees().stream().map(UserId::toString).toList(), "THIS", visit.version());
        return htmx == null ? "schedule/visit" : "schedule/visit :: visit-form";
    }

    /**
     * Reschedules and/or reassigns a visit if it is still at the loaded version; a stale version leaves it alone and
     * shows the visit as it is now beside what was entered.
     */
    @PostMapping("/c/{slug}/schedule/visits/{id}")
    String updateVisit(Actor actor, @PathVariable String id,
                       @RequestParam(defaultValue = "") String start, @RequestParam(defaultValue = "") String end,
                       @RequestParam(required = false) List<String> assignees,
                       @RequestParam(defaultValue = "THIS") String scope, @RequestParam(required = false) Long version,
                       @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                       HttpServletResponse response) {
        actor.require(Permission.JOBS_ASSIGN);
        List<String> who = assignees == null ? List.of() : assignees.stream().filter(a -> !a.isBlank()).toList();
        String fragment = htmx == null ? "schedule/visit" : "schedule/visit :: visit-form";
        ZoneId zone = zone(actor);
        try {
            if (version == null) {
                throw new InvalidInput("version", Message.of("schedule.refused.form-version"));
            }
            VisitChanges.Scope s = scope.equals("THIS_AND_FOLLOWING") ? VisitChanges.Scope.THIS_AND_FOLLOWING : VisitChanges.Scope.THIS;
            Scheduled saved = jobVisits.updateVisit(actor, id, version, new VisitChanges(Change.to(start), Change.to(end),
                    Change.to(who.stream().map(UserId::parse).toList())), s);
            Visit v = saved.visit();
            fill(actor, model, v, LOCAL.format(v.startsAt().atZone(zone)), LOCAL.format(v.endsAt().atZone(zone)),
                    v.assignees().stream().map(UserId::toString).toList(), scope, v.version());
            model.addAttribute("saved", true);
            model.addAttribute("warnings", saved.warnings().stream().map(w -> w.message().resolve(messages)).toList());
            // the calendar behind the panel reloads itself to show the visit where it is now
            response.setHeader("HX-Trigger", "visit-saved");
            return fragment;
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            Visit v = jobVisits.visit(actor, id);
            fill(actor, model, v, start, end, who, scope, version == null ? v.version() : version);
            model.addAttribute("errors", e.fieldErrors(messages));
            return fragment;
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            Visit current = jobVisits.visit(actor, id);
            fill(actor, model, current, start, end, who, scope, current.version());
            model.addAttribute("conflict", true);
            model.addAttribute("theirStart", LOCAL.format(current.startsAt().atZone(zone)).replace('T', ' '));
            model.addAttribute("theirEnd", TIME.format(current.endsAt().atZone(zone)));
            Map<String, String> names = people(actor);
            model.addAttribute("theirAssignees", current.assignees().stream()
                    .map(u -> names.getOrDefault(u.toString(), u.toString())).collect(Collectors.joining(", ")));
            return fragment;
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            Visit v = jobVisits.visit(actor, id);
            fill(actor, model, v, start, end, who, scope, v.version());
            model.addAttribute("refusal", e.message(messages));
            return fragment;
        }
    }

    private void fill(Actor actor, Model model, Visit visit, String start, String end, List<String> assignees,
                      String scope, long version) {
        model.addAttribute("visit", visit);
        model.addAttribute("job", jobs.get(actor, visit.jobId()));
        model.addAttribute("start", start);
        model.addAttribute("end", end);
        model.addAttribute("assignees", assignees);
        model.addAttribute("scope", scope);
        model.addAttribute("version", version);
        model.addAttribute("people", people(actor));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("warnings")) {
            model.addAttribute("warnings", List.<String>of());
        }
    }

    /**
     * Technicians (active members with role USER) and anyone with a visit in range, by name; a crew filter keeps its
     * members; a technician who sees only their own work gets only their own column.
     */
    private List<Column> columns(Actor actor, List<User> members, Map<String, String> names, List<Scheduled> visits,
                                 Optional<String> crewId) {
        Set<String> ids = new LinkedHashSet<>();
        boolean ownOnly = actor.role() == Role.USER && workSettings.settings(actor).techniciansSeeOnlyOwnWork();
        if (ownOnly) {
            actor.userId().ifPresent(u -> ids.add(u.toString()));
        } else {
            for (User u : members) {
                if (u.active() && u.role() == Role.USER) {
                    ids.add(u.id().toString());
                }
            }
            for (Scheduled s : visits) {
                s.visit().assignees().forEach(u -> ids.add(u.toString()));
            }
            if (crewId.isPresent()) {
                try {
                    Set<String> crewMembers = crews.get(actor, crewId.get()).members().stream().map(UserId::toString)
                            .collect(Collectors.toSet());
                    ids.retainAll(crewMembers);
                } catch (NotFound e) {
                    ids.clear();
                }
            }
        }
        List<Column> columns = new ArrayList<>(ids.stream().map(id -> new Column(id, names.getOrDefault(id, id)))
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).toList());
        if (!ownOnly) {
            columns.add(new Column(null, null));
        }
        return columns;
    }

    private Card card(Scheduled s, ZoneId zone, LocalDate day) {
        Visit v = s.visit();
        ZonedDateTime start = v.startsAt().atZone(zone);
        String warnings = s.warnings().stream().map(w -> w.message().resolve(messages)).collect(Collectors.joining(" · "));
        BoardScale.Place place = BoardScale.place(start.toLocalDate(), v.startsAt(), v.endsAt(), zone);
        return new Card(v.id(), s.job().id(), start.toLocalDate().toString(), start.getHour(),
                TIME.format(start) + "–" + TIME.format(v.endsAt().atZone(zone)), s.job().number(), s.job().title(),
                s.job().clientName(), v.status().name(), warnings,
                new TreeSet<>(v.assignees().stream().map(UserId::toString).toList()), place.startMinute(), place.minutes(),
                v.version(), v.status().isOpen());
    }

    private Map<String, String> people(Actor actor) {
        Map<String, String> people = new LinkedHashMap<>();
        if (actor.can(Permission.TEAM_VIEW)) {
            for (User u : team.list(actor, Page.request(0, PEOPLE)).items()) {
                if (u.active()) {
                    people.put(u.id().toString(), u.name());
                }
            }
        }
        return people;
    }

    private ZoneId zone(Actor actor) {
        return companies.timeZone(actor.tenant());
    }

    private static Optional<LocalDate> parseDate(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidInput("date", Message.of("schedule.refused.date"));
        }
    }

    /** A technician's column; {@code userId} null: the unassigned visits. */
    record Column(String userId, String name) {
        boolean holds(Card card) {
            return userId == null ? card.assignees().isEmpty() : card.assignees().contains(userId);
        }
    }

    record Row(String label, List<List<Card>> cells) {
    }

    /** A technician's lane of the day board: the visits drawn to scale and the cancelled ones, only counted. */
    record Lane(Column column, List<Card> cards, List<Card> cancelledCards) {
    }

    /** A label of the day board's time axis at {@code minute} of the day. */
    record Hour(int minute, String label) {
    }

    /**
     * A visit's card; {@code startMinute} and {@code minutes} place it on the day board, {@code movable}: open
     * (scheduled, en route, in progress), so it may be dragged.
     */
    record Card(String visitId, String jobId, String date, int hour, String time, String number, String title,
                String client, String status, String warnings, Set<String> assignees, int startMinute, int minutes,
                long version, boolean movable) {
        public boolean conflicted() {
            return !warnings.isEmpty();
        }

        public boolean cancelled() {
            return "CANCELLED".equals(status);
        }
    }
}
