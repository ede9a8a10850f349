package org.fieldstone.reports.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.Visits;
import org.fieldstone.reports.JobsReport;
import org.fieldstone.reports.Utilization;
import org.fieldstone.reports.WorkReports;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.springframework.stereotype.Service;

/**
 * {@link WorkReports} added up in Java from the jobs module's facades, so that they count exactly what the reader may
 * see: completed jobs page by page with each one's visits, and the schedule's visits in windows the calendar allows.
 */
@Service
class WorkReportsService implements WorkReports {

    static final int DEFAULT_WEEKS = 12;
    /** How far outside the range a visit's schedule may lie for its time to be found. */
    static final Duration FOUND_AROUND = Duration.ofDays(7);
    /** The calendar answers at most 62 days at a time. */
    private static final Duration WINDOW = Duration.ofDays(60);

    private final Jobs jobs;
    private final Visits visits;
    private final VisitCalendar calendar;
    private final Team team;
    private final Companies companies;
    private final Clock clock;

    WorkReportsService(Jobs jobs, Visits visits, VisitCalendar calendar, Team team, Companies companies, Clock clock) {
        this.jobs = jobs;
        this.visits = visits;
        this.calendar = calendar;
        this.team = team;
        this.companies = companies;
        this.clock = clock;
    }

    @Override
    public boolean mayView(Actor actor) {
        return actor.can(Permission.REPORTS_VIEW) && actor.can(Permission.JOBS_READ);
    }

    @Override
    public JobsReport jobs(Actor actor, Optional<LocalDate> from, Optional<LocalDate> to) {
        requireView(actor);
        ZoneId zone = companies.timeZone(actor.tenant());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate last = to.orElseGet(() -> from.map(f -> max(today, f)).orElse(today));
        LocalDate first = from.orElseGet(() -> monday(last).minusWeeks(DEFAULT_WEEKS - 1));
        checkRange(first, last);

        Map<String, Job> completed = new LinkedHashMap<>();
        for (JobStatus status : List.of(JobStatus.COMPLETED, JobStatus.INVOICED)) {
            eachJob(actor, new JobQuery(status, null, null, null, null, null), job -> {
                if (job.completedAt() != null) {
                    LocalDate day = LocalDate.ofInstant(job.completedAt(), zone);
                    if (!day.isBefore(first) && !day.isAfter(last)) {
                        completed.putIfAbsent(job.id(), job);
                    }
                }
            });
        }
        List<JobsReport.CompletedJob> rows = new ArrayList<>();
        for (Job job : completed.values()) {
            int worked = 0;
            int finished = 0;
            Duration onSite = Duration.ZERO;
            for (Visit v : visits.visits(actor, job.id())) {
                if (v.startedAt() != null) {
                    worked++;
                }
                Optional<Duration> time = v.timeOnSite();
                if (time.isPresent()) {
                    finished++;
                    onSite = onSite.plus(time.get());
                }
            }
            LocalDate day = LocalDate.ofInstant(job.completedAt(), zone);
            rows.add(new JobsReport.CompletedJob(job.id(), job.number(), job.title(), job.completedAt(), day, monday(day),
                    worked, finished, onSite));
        }
        rows.sort(Comparator.comparing(JobsReport.CompletedJob::completedAt).thenComparing(JobsReport.CompletedJob::number));

        Map<LocalDate, JobsReport.Figures> byWeek = new TreeMap<>();
        for (LocalDate w = monday(first); !w.isAfter(last); w = w.plusWeeks(1)) {
            byWeek.put(w, JobsReport.Figures.NONE);
        }
        JobsReport.Figures total = JobsReport.Figures.NONE;
        for (JobsReport.CompletedJob row : rows) {
            byWeek.merge(row.week(), JobsReport.Figures.NONE, (f, none) -> f.plus(row));
            total = total.plus(row);
        }
        List<JobsReport.Week> weeks = byWeek.entrySet().stream().map(e -> new JobsReport.Week(e.getKey(), e.getValue())).toList();
        return new JobsReport(first, last, weeks, rows, total);
    }

    @Override
    public Utilization utilization(Actor actor, Optional<LocalDate> from, Optional<LocalDate> to) {
        requireView(actor);
        ZoneId zone = companies.timeZone(actor.tenant());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate first = from.orElseGet(() -> to.map(WorkReportsService::monday).orElse(monday(today)));
        LocalDate last = to.orElseGet(() -> first.plusDays(6));
        checkRange(first, last);

        Instant start = first.atStartOfDay(zone).toInstant().minus(FOUND_AROUND);
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant().plus(FOUND_AROUND);
        Map<String, Visit> found = new LinkedHashMap<>();
        for (Instant s = start; s.isBefore(end); s = s.plus(WINDOW)) {
            Instant e = s.plus(WINDOW).isBefore(end) ? s.plus(WINDOW) : end;
            for (Scheduled sv : calendar.schedule(actor, s, e, Optional.empty(), Optional.empty())) {
                found.putIfAbsent(sv.visit().id(), sv.visit());
            }
        }
        record Key(UserId user, LocalDate day) {
        }
        Map<Key, Duration[]> tally = new HashMap<>();
        for (Visit v : found.values()) {
            for (UserId user : v.assignees().stream().distinct().toList()) {
                if (v.status() != VisitStatus.CANCELLED) {
                    byDay(v.startsAt(), v.endsAt(), zone, first, last, (day, d) ->
                            add(tally.computeIfAbsent(new Key(user, day), k -> zeros()), 0, d));
                }
                if (v.startedAt() != null && v.finishedAt() != null) {
                    byDay(v.startedAt(), v.finishedAt(), zone, first, last, (day, d) ->
                            add(tally.computeIfAbsent(new Key(user, day), k -> zeros()), 1, d));
                }
            }
        }
        Map<UserId, String> names = names(actor);
        Comparator<UserId> byName = Comparator.comparing((UserId u) -> names.getOrDefault(u, "\uffff"))
                .thenComparing(u -> u.value().toString());
        List<Utilization.Day> days = tally.entrySet().stream()
                .filter(e -> !e.getValue()[0].isZero() || !e.getValue()[1].isZero())
                .map(e -> new Utilization.Day(e.getKey().user(), names.get(e.getKey().user()), e.getKey().day(),
                        e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparing(Utilization.Day::userId, byName).thenComparing(Utilization.Day::date))
                .toList();
        Map<UserId, Duration[]> perTechnician = new LinkedHashMap<>();
        Duration[] all = zeros();
        for (Utilization.Day d : days) {
            Duration[] sum = perTechnician.computeIfAbsent(d.userId(), u -> zeros());
            add(sum, 0, d.scheduled());
            add(sum, 1, d.onSite());
            add(all, 0, d.scheduled());
            add(all, 1, d.onSite());
        }
        List<Utilization.Technician> technicians = perTechnician.entrySet().stream()
                .map(e -> new Utilization.Technician(e.getKey(), names.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
                .toList();
        return new Utilization(first, last, days, technicians, all[0], all[1]);
    }

    /** Hands each day of [first, last] its part of [from, to), split at the zone's midnights. */
    static void byDay(Instant from, Instant to, ZoneId zone, LocalDate first, LocalDate last,
                      BiConsumer<LocalDate, Duration> each) {
        if (!to.isAfter(from)) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(from, zone);
        while (true) {
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            if (!dayStart.isBefore(to)) {
                return;
            }
            Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant a = from.isAfter(dayStart) ? from : dayStart;
            Instant b = to.isBefore(next) ? to : next;
            if (!day.isBefore(first) && !day.isAfter(last) && b.isAfter(a)) {
                each.accept(day, Duration.between(a, b));
            }
            if (day.isAfter(last)) {
                return;
            }
            day = day.plusDays(1);
        }
    }

    private Map<UserId, String> names(Actor actor) {
        Map<UserId, String> names = new HashMap<>();
        if (!actor.can(Permission.TEAM_VIEW)) {
            return names;
        }
        for (int page = 0; ; page++) {
            Page<User> p = team.list(actor, Page.request(page, Page.MAX_SIZE));
            p.items().forEach(u -> names.put(u.id(), u.name()));
            if (p.items().size() < Page.MAX_SIZE || (long) (page + 1) * Page.MAX_SIZE >= p.total()) {
                return names;
            }
        }
    }

    /** Every job of the query, page by page (the largest pages the facade gives). */
    private void eachJob(Actor actor, JobQuery query, Consumer<Job> each) {
        for (int page = 0; ; page++) {
            Page<Job> p = jobs.list(actor, query, Page.request(page, Page.MAX_SIZE));
            p.items().forEach(each);
            if (p.items().size() < Page.MAX_SIZE || (long) (page + 1) * Page.MAX_SIZE >= p.total()) {
                return;
            }
        }
    }

    static void checkRange(LocalDate first, LocalDate last) {
        if (first.getYear() < MoneyReportsService.FIRST_YEAR || last.getYear() > MoneyReportsService.LAST_YEAR) {
            throw new InvalidInput(first.getYear() < MoneyReportsService.FIRST_YEAR ? "from" : "to",
                    Message.of("reports.refused.date-years", MoneyReportsService.FIRST_YEAR, MoneyReportsService.LAST_YEAR));
        }
        if (last.isBefore(first)) {
            throw new InvalidInput("to", Message.of("reports.refused.date-order"));
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > LONGEST_RANGE_DAYS) {
            throw new InvalidInput("to", Message.of("reports.refused.date-range", LONGEST_RANGE_DAYS));
        }
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static LocalDate max(LocalDate x, LocalDate y) {
        return x.isAfter(y) ? x : y;
    }

    private static Duration[] zeros() {
        return new Duration[] {Duration.ZERO, Duration.ZERO};
    }

    private static void add(Duration[] sums, int i, Duration d) {
        sums[i] = sums[i].plus(d);
    }

    private void requireView(Actor actor) {
        if (!mayView(actor)) {
            throw new Forbidden(Message.of("reports.refused.work"));
        }
    }
}
