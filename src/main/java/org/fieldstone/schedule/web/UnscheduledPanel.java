package org.fieldstone.schedule.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobSettings;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The day board's "Unscheduled jobs" panel: open jobs without an open visit, each with its next available slot (a
 * suggestion to book in one click). The visits of the whole horizon are read in one query for every job listed;
 * a slot suggested for one job counts as taken for the next, so booking them one after another double-books nobody.
 */
@Component
class UnscheduledPanel {

    static final int SHOWN = 20;
    /** A job has no visit length of its own yet: a suggested visit lasts an hour. */
    static final Duration DEFAULT_LENGTH = Duration.ofHours(1);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

    private final Jobs jobs;
    private final Clients clients;
    private final VisitCalendar calendar;
    private final JobSettings settings;
    private final Team team;
    private final Clock clock;

    UnscheduledPanel(Jobs jobs, Clients clients, VisitCalendar calendar, JobSettings settings, Team team, Clock clock) {
        this.jobs = jobs;
        this.clients = clients;
        this.calendar = calendar;
        this.settings = settings;
        this.team = team;
        this.clock = clock;
    }

    /** A job of the panel with its suggested slot ({@code slot} null when none is free within the horizon). */
    record UnscheduledJob(String id, String number, String title, String client, int minutes, Suggestion slot) {
    }

    /** A slot to book: local start and end as the visit form takes them, the technician and a label to show. */
    record Suggestion(String start, String end, String date, String userId, String label) {
    }

    List<UnscheduledJob> jobs(Actor actor, ZoneId zone) {
        List<Job> open = jobs.list(actor, new JobQuery(null, null, null, null, null, JobQuery.Flag.UNSCHEDULED),
                Page.request(0, SHOWN)).items();
        if (open.isEmpty()) {
            return List.of();
        }
        Map<String, Client> byId = clients.clientsById(actor, open.stream().map(Job::clientId).distinct().toList());
        List<User> people = actor.can(Permission.TEAM_VIEW) ? team.list(actor, Page.request(0, 200)).items() : List.of();
        Map<String, String> names = new java.util.HashMap<>();
        people.forEach(u -> names.put(u.id().toString(), u.name()));
        List<String> technicians = people.stream().filter(u -> u.active() && u.role() == Role.USER)
                .sorted(Comparator.comparing(User::name, String.CASE_INSENSITIVE_ORDER)).map(u -> u.id().toString()).toList();
        Instant now = clock.instant();
        WorkSettings work = settings.settings(actor);
        SlotFinder finder = new SlotFinder(zone, work.workingDays(), work.dayStart(), work.dayEnd());
        List<SlotFinder.Busy> busy = busy(actor, zone, now);
        var locale = LocaleContextHolder.getLocale();
        List<UnscheduledJob> result = new ArrayList<>();
        for (Job job : open) {
            List<String> candidates = job.assignees().isEmpty() ? technicians
                    : job.assignees().stream().map(UserId::toString).toList();
            Optional<SlotFinder.Slot> slot = finder.first(now, DEFAULT_LENGTH, candidates, busy);
            Suggestion suggestion = slot.map(s -> {
                busy.add(new SlotFinder.Busy(s.userId(), s.start(), s.end()));
                ZonedDateTime start = s.start().atZone(zone);
                ZonedDateTime end = s.end().atZone(zone);
                return new Suggestion(ScheduleController.LOCAL.format(start), ScheduleController.LOCAL.format(end),
                        start.toLocalDate().toString(), s.userId(), WHEN.withLocale(locale).format(start) + "–"
                        + ScheduleController.TIME.format(end) + " · " + names.getOrDefault(s.userId(), ""));
            }).orElse(null);
            Client client = byId.get(job.clientId());
            result.add(new UnscheduledJob(job.id(), job.number(), job.title(), client == null ? "" : client.name(),
                    (int) DEFAULT_LENGTH.toMinutes(), suggestion));
        }
        return result;
    }

    /** Who is busy when over the horizon: one read of the schedule (cancelled visits take no time). */
    private List<SlotFinder.Busy> busy(Actor actor, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant from = today.minusDays(1).atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(SlotFinder.HORIZON_DAYS + 1).atStartOfDay(zone).toInstant();
        List<SlotFinder.Busy> busy = new ArrayList<>();
        for (Scheduled s : calendar.schedule(actor, from, to, Optional.empty(), Optional.empty())) {
            if (s.visit().status() == VisitStatus.CANCELLED) {
                continue;
            }
            s.visit().assignees().forEach(u -> busy.add(new SlotFinder.Busy(u.toString(), s.visit().startsAt(), s.visit().endsAt())));
        }
        return busy;
    }
}
