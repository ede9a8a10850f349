package org.fieldstone.reports.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.Visits;
import org.fieldstone.reports.WorkReports;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Reports → Jobs and → Technician utilization, their CSV and {@code /api/v1/reports/jobs|utilization}: jobs and visits
 * are made through the jobs module's services in a company of each test's own, with times on site made by moving the
 * shared clock by known amounts (never assuming what day it is), and every figure is checked twice — against the
 * numbers the scenario was built to give, and against the test's own sums of the records the jobs module answers
 * with. Another company's work is never counted; a role without reports:view is refused.
 */
abstract class WorkReportsContract {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    static final String JOBS_REPORT = "/api/v1/reports/jobs";
    static final String UTILIZATION = "/api/v1/reports/utilization";

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired TestClock clock;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired Accounts accounts;
    @Autowired WorkReports reports;
    @Value("${server.port}") int port;

    /** A fresh company (Europe/Zurich) with every role, a client with a property, and the services acting in it. */
    private final class Shop {
        final TestCompany company = fixtures.companyWithEveryRole("work-reports");
        final Actor office = company.system();
        final String key = company.keys.get(Role.OWNER);
        final String clientId;
        final String propertyId;

        Shop() {
            Response r = api.post("/api/v1/clients", key, """
                    {"name": "Grace Hopper", "property": {"street": "Seestrasse 5", "postalCode": "8002", "city": "Zürich"}}""");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            clientId = body(r).get("id").asString();
            propertyId = body(api.get("/api/v1/clients/" + clientId + "/properties", key)).get(0).get("id").asString();
        }

        UserId technician(String name) {
            User u = accounts.addUser(office, new EmailAddress("tech" + System.nanoTime() + "@" + company.slug() + ".example"),
                    name, Role.USER, Fixtures.PASSWORD.toCharArray());
            return u.id();
        }

        Job job(String title) {
            return jobs.create(office, NewJob.of(clientId, propertyId, title, null));
        }

        Visit visit(Job job, LocalDate day, LocalTime start, Duration length, UserId... assignees) {
            ZonedDateTime s = day.atTime(start).atZone(ZURICH);
            return visits.addVisit(office, job.id(), new NewVisit(s.toOffsetDateTime().toString(),
                    s.plus(length).toOffsetDateTime().toString(), List.of(assignees))).visit();
        }

        Visit start(Visit v) {
            return visits.start(office, v.id(), visits.visit(office, v.id()).version());
        }

        Visit finish(Visit v) {
            return visits.finish(office, v.id(), visits.visit(office, v.id()).version());
        }

        /** Start now, on site for {@code length} (the shared clock moves), Finish. */
        Visit worked(Visit v, Duration length) {
            start(v);
            clock.advance(length);
            return finish(v);
        }

        Job current(Job job) {
            return jobs.get(office, job.id());
        }

        /** Every job of the company with its visits, as the jobs module answers now. */
        Map<Job, List<Visit>> records() {
            Map<Job, List<Visit>> all = new HashMap<>();
            Page<Job> page = jobs.list(office, JobQuery.ALL, Page.request(0, Page.MAX_SIZE));
            assertThat(page.total()).isLessThan(Page.MAX_SIZE);
            page.items().forEach(j -> all.put(j, visits.visits(office, j.id())));
            return all;
        }

        Https signedIn(Role role) {
            Https web = new Https(port);
            web.signIn(company.slug(), company.users.get(role).email().value(), Fixtures.PASSWORD);
            return web;
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZURICH));
    }

    private static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    @Test
    void jobsReportCountsCompletedJobsByWeekWithTimeOnSiteAndFirstTimeFixes() {
        Shop shop = new Shop();
        UserId tech = shop.company.users.get(Role.USER).id();
        LocalDate first = today();
        LocalDate day = first.plusDays(1);

        Job fixed = shop.job("=1+2 Boiler"); // one visit: a first-time fix, 90 minutes on site
        shop.worked(shop.visit(fixed, day, LocalTime.of(8, 0), Duration.ofHours(2), tech), Duration.ofMinutes(90));
        Job twice = shop.job("Heat pump"); // two visits: 60 + 30 minutes, not a first-time fix
        Visit t1 = shop.visit(twice, day, LocalTime.of(10, 0), Duration.ofHours(1), tech);
        Visit t2 = shop.visit(twice, day.plusDays(1), LocalTime.of(10, 0), Duration.ofHours(1), tech);
        shop.worked(t1, Duration.ofMinutes(60));
        assertThat(shop.current(twice).status()).isEqualTo(JobStatus.IN_PROGRESS);
        shop.worked(t2, Duration.ofMinutes(30));
        Job office = shop.job("Paperwork"); // completed from the office, no visit worked
        shop.visit(office, day, LocalTime.of(14, 0), Duration.ofHours(1), tech);
        office = shop.current(office);
        jobs.complete(shop.office, office.id(), office.version());
        Job unfinished = shop.job("Leak"); // two visits worked, the second never finished: 45 minutes on site
        Visit u1 = shop.visit(unfinished, day, LocalTime.of(15, 0), Duration.ofHours(1), tech);
        Visit u2 = shop.visit(unfinished, day.plusDays(2), LocalTime.of(15, 0), Duration.ofHours(1), tech);
        shop.worked(u1, Duration.ofMinutes(45));
        shop.start(u2);
        clock.advance(Duration.ofMinutes(10));
        unfinished = shop.current(unfinished);
        jobs.complete(shop.office, unfinished.id(), unfinished.version());
        Job cancelled = shop.job("Cancelled roof"); // worked, then cancelled: never counted
        Visit c1 = shop.visit(cancelled, day, LocalTime.of(16, 0), Duration.ofHours(1), tech);
        shop.visit(cancelled, day.plusDays(3), LocalTime.of(16, 0), Duration.ofHours(1), tech);
        shop.worked(c1, Duration.ofMinutes(25));
        cancelled = shop.current(cancelled);
        jobs.cancel(shop.office, cancelled.id(), cancelled.version());
        Job open = shop.job("Still open"); // in progress: not counted
        Visit o1 = shop.visit(open, day, LocalTime.of(17, 0), Duration.ofHours(1), tech);
        shop.visit(open, day.plusDays(4), LocalTime.of(17, 0), Duration.ofHours(1), tech);
        shop.worked(o1, Duration.ofMinutes(5));
        // another company's completed job, never counted here
        Shop other = new Shop();
        Job elsewhere = other.job("Elsewhere");
        other.worked(other.visit(elsewhere, day, LocalTime.of(9, 0), Duration.ofHours(1)), Duration.ofMinutes(33));
        LocalDate last = today();

        // the test's own sums of the records
        Map<LocalDate, Integer> perWeek = new TreeMap<>();
        Map<String, long[]> perJob = new TreeMap<>(); // id -> {visits worked, ms on site}
        int completed = 0;
        int worked = 0;
        int firstTime = 0;
        int timed = 0;
        long onSiteMs = 0;
        for (Map.Entry<Job, List<Visit>> e : shop.records().entrySet()) {
            Job j = e.getKey();
            if (j.status() != JobStatus.COMPLETED && j.status() != JobStatus.INVOICED) {
                continue;
            }
            LocalDate on = LocalDate.ofInstant(j.completedAt(), ZURICH);
            perWeek.merge(monday(on), 1, Integer::sum);
            long started = e.getValue().stream().filter(v -> v.startedAt() != null).count();
            long ms = e.getValue().stream().filter(v -> v.startedAt() != null && v.finishedAt() != null)
                    .mapToLong(v -> v.finishedAt().toEpochMilli() - v.startedAt().toEpochMilli()).sum();
            perJob.put(j.id(), new long[] {started, ms});
            completed++;
            worked += started > 0 ? 1 : 0;
            firstTime += started == 1 ? 1 : 0;
            timed += e.getValue().stream().anyMatch(v -> v.finishedAt() != null && v.startedAt() != null) ? 1 : 0;
            onSiteMs += ms;
        }
        // ... which are the numbers the scenario was built to give
        assertThat(perJob.keySet()).containsExactlyInAnyOrder(fixed.id(), twice.id(), office.id(), unfinished.id());
        assertThat(new int[] {completed, worked, firstTime, timed}).containsExactly(4, 3, 1, 3);
        assertThat(onSiteMs).isEqualTo(Duration.ofMinutes(90 + 60 + 30 + 45).toMillis());
        assertThat(perJob.get(unfinished.id())).containsExactly(2, Duration.ofMinutes(45).toMillis());

        String range = "?from=" + first + "&to=" + last;
        JsonNode report = ok(api.get(JOBS_REPORT + range, shop.key));
        assertThat(report.get("from").asString()).isEqualTo(first.toString());
        assertThat(report.get("to").asString()).isEqualTo(last.toString());
        JsonNode total = report.get("total");
        assertThat(total.get("completed").asInt()).isEqualTo(completed);
        assertThat(total.get("worked").asInt()).isEqualTo(worked);
        assertThat(total.get("firstTimeFixes").asInt()).isEqualTo(firstTime);
        assertThat(total.get("timed").asInt()).isEqualTo(timed);
        assertThat(total.get("timeOnSiteSeconds").asLong()).isEqualTo(onSiteMs / 1000);
        assertThat(total.get("averageTimeOnSiteSeconds").asLong()).isEqualTo(onSiteMs / timed / 1000).isEqualTo(75 * 60);
        assertThat(total.get("firstTimeFixPercent").decimalValue()).isEqualByComparingTo("33.3");
        Map<LocalDate, Integer> weeks = new TreeMap<>();
        List<LocalDate> mondays = new ArrayList<>();
        int sumOfWeeks = 0;
        for (JsonNode w : report.get("weeks")) {
            LocalDate monday = LocalDate.parse(w.get("weekStart").asString());
            mondays.add(monday);
            assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            int n = w.get("figures").get("completed").asInt();
            sumOfWeeks += n;
            if (n > 0) {
                weeks.put(monday, n);
            }
        }
        assertThat(weeks).isEqualTo(perWeek);
        assertThat(sumOfWeeks).isEqualTo(completed);
        assertThat(mondays.getFirst()).isEqualTo(monday(first));
        assertThat(mondays.getLast()).isEqualTo(monday(last));
        assertThat(mondays).isSorted().doesNotHaveDuplicates();
        Map<String, long[]> reportedJobs = new TreeMap<>();
        for (JsonNode j : report.get("jobs")) {
            reportedJobs.put(j.get("id").asString(), new long[] {j.get("visitsWorked").asLong(),
                    j.get("timeOnSiteSeconds").asLong() * 1000});
            assertThat(j.get("firstTimeFix").asBoolean()).isEqualTo(j.get("visitsWorked").asInt() == 1);
        }
        assertThat(reportedJobs).containsOnlyKeys(perJob.keySet());
        perJob.forEach((id, v) -> assertThat(reportedJobs.get(id)).as(id).containsExactly(v));
        assertThat(report.toString()).doesNotContain(cancelled.id()).doesNotContain(open.id()).doesNotContain(elsewhere.id());
        // a range ending before the work counts nothing; the other company's report has only its own job
        assertThat(ok(api.get(JOBS_REPORT + "?from=" + first.minusDays(30) + "&to=" + first.minusDays(1), shop.key))
                .get("total").get("completed").asInt()).isZero();
        JsonNode ofOther = ok(api.get(JOBS_REPORT + range, other.key));
        assertThat(ofOther.get("total").get("completed").asInt()).isEqualTo(1);
        assertThat(ofOther.toString()).contains(elsewhere.id()).doesNotContain(fixed.id());

        // the CSV: the same numbers; a title a spreadsheet would run is neutralised
        Https web = shop.signedIn(Role.READ_ONLY);
        Response csv = web.get("/c/" + shop.company.slug() + "/reports/jobs.csv" + range);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(last + ".csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(WorkCsv.JOBS_HEADER.strip());
        assertThat(csv.body()).contains("\"'=1+2 Boiler\"").doesNotContain(",=1+2");
        int csvJobs = 0;
        Map<LocalDate, Integer> csvWeeks = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.replace("\"'=1+2 Boiler\"", "title").split(",", -1);
            assertThat(cells).as(line).hasSize(15);
            switch (cells[0]) {
                case "job" -> {
                    csvJobs++;
                    long[] expected = perJob.get(cells[2]);
                    assertThat(Long.parseLong(cells[6])).isEqualTo(expected[0]);
                    assertThat(new BigDecimal(cells[12])).isEqualByComparingTo(hours(expected[1]));
                }
                case "week" -> {
                    if (!cells[8].equals("0")) {
                        csvWeeks.put(LocalDate.parse(cells[1]), Integer.parseInt(cells[8]));
                    }
                }
                case "total" -> {
                    assertThat(List.of(cells).subList(8, 12)).containsExactly("" + completed, "" + worked, "" + firstTime,
                            "" + timed);
                    assertThat(new BigDecimal(cells[12])).isEqualByComparingTo(hours(onSiteMs));
                    assertThat(cells[13]).isEqualTo("33.3");
                    assertThat(new BigDecimal(cells[14])).isEqualByComparingTo(hours(onSiteMs / timed)).isEqualByComparingTo("1.25");
                }
                default -> throw new AssertionError(line);
            }
        }
        assertThat(csvJobs).isEqualTo(completed);
        assertThat(csvWeeks).isEqualTo(perWeek);

        Response page = web.get("/c/" + shop.company.slug() + "/reports/jobs" + range);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("=1+2 Boiler").contains("data-job=\"" + fixed.id() + "\"")
                .doesNotContain("data-job=\"" + cancelled.id() + "\"").contains("4 jobs completed")
                .contains("1.25 h").contains("33.3 % (1 of 3 jobs worked on site)")
                .contains("reports/jobs.csv?from=" + first + "&amp;to=" + last).doesNotContain("??")
                .doesNotContain("style=").doesNotContain("<script>");
        for (LocalDate monday : perWeek.keySet()) {
            assertThat(page.body()).contains("data-week=\"" + monday + "\"");
        }
        assertThat(web.get("/c/" + shop.company.slug() + "/reports/jobs?from=soon").status()).isEqualTo(400);
    }

    @Test
    void utilizationIsScheduledAgainstOnSiteTimePerTechnicianAndDay() {
        Shop shop = new Shop();
        UserId ada = shop.technician("Ada Tech");
        UserId formula = shop.technician("=SUM(1+1) Tech");
        // a day whose 23:00 is still ahead (the shared clock only moves forward)
        ZonedDateTime now = clock.instant().atZone(ZURICH);
        LocalDate d = now.toLocalTime().isBefore(LocalTime.of(22, 30)) ? now.toLocalDate() : now.toLocalDate().plusDays(1);

        Job night = shop.job("Night shift");
        Visit across = shop.visit(night, d, LocalTime.of(22, 0), Duration.ofHours(4), ada, formula); // 22:00 → 02:00
        Job morning = shop.job("Morning");
        Visit unfinished = shop.visit(morning, d.plusDays(1), LocalTime.of(9, 0), Duration.ofHours(3), ada);
        Visit dropped = shop.visit(morning, d.plusDays(1), LocalTime.of(13, 0), Duration.ofHours(1), formula);
        visits.cancelVisit(shop.office, dropped.id(), visits.visit(shop.office, dropped.id()).version());
        // another company's technician, on site the same night
        Shop other = new Shop();
        UserId stranger = other.technician("Stranger");
        Job theirs = other.job("Theirs");
        Visit strangers = other.visit(theirs, d, LocalTime.of(22, 0), Duration.ofHours(4), stranger);

        clock.advance(Duration.between(clock.instant(), d.atTime(23, 0).atZone(ZURICH).toInstant()));
        shop.start(across);
        other.start(strangers);
        clock.advance(Duration.ofHours(2)); // on site 23:00 → 01:00
        shop.finish(across);
        other.finish(strangers);
        shop.start(unfinished); // started, never finished

        // the test's own sums of the records: each day's overlap with each visit, for each assignee
        LocalDate from = d.minusDays(1);
        LocalDate to = d.plusDays(2);
        Map<String, long[]> expected = new TreeMap<>(); // user|day -> {scheduled ms, on-site ms}
        for (List<Visit> vs : shop.records().values()) {
            for (Visit v : vs) {
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    Instant a = day.atStartOfDay(ZURICH).toInstant();
                    Instant b = day.plusDays(1).atStartOfDay(ZURICH).toInstant();
                    long scheduled = v.status() == VisitStatus.CANCELLED ? 0 : overlap(v.startsAt(), v.endsAt(), a, b);
                    long onSite = v.startedAt() == null || v.finishedAt() == null ? 0 : overlap(v.startedAt(), v.finishedAt(), a, b);
                    for (UserId u : v.assignees()) {
                        long[] sum = expected.computeIfAbsent(u + "|" + day, k -> new long[2]);
                        sum[0] += scheduled;
                        sum[1] += onSite;
                    }
                }
            }
        }
        expected.values().removeIf(s -> s[0] == 0 && s[1] == 0);
        // ... which are the numbers the scenario was built to give (unless summer time begins or ends on those nights)
        if (ZURICH.getRules().getOffset(d.atStartOfDay(ZURICH).toInstant())
                .equals(ZURICH.getRules().getOffset(d.plusDays(2).atStartOfDay(ZURICH).toInstant()))) {
            long h = Duration.ofHours(1).toMillis();
            assertThat(expected).containsOnlyKeys(ada + "|" + d, ada + "|" + d.plusDays(1), formula + "|" + d,
                    formula + "|" + d.plusDays(1));
            assertThat(expected.get(ada + "|" + d)).containsExactly(2 * h, h);
            assertThat(expected.get(ada + "|" + d.plusDays(1))).containsExactly(5 * h, h);
            assertThat(expected.get(formula + "|" + d)).containsExactly(2 * h, h);
            assertThat(expected.get(formula + "|" + d.plusDays(1))).containsExactly(2 * h, h);
        }

        String range = "?from=" + from + "&to=" + to;
        JsonNode report = ok(api.get(UTILIZATION + range, shop.key));
        Map<String, long[]> reported = new TreeMap<>();
        for (JsonNode day : report.get("days")) {
            reported.put(day.get("userId").asString() + "|" + day.get("date").asString(),
                    new long[] {day.get("scheduledSeconds").asLong() * 1000, day.get("onSiteSeconds").asLong() * 1000});
        }
        assertThat(reported).containsOnlyKeys(expected.keySet());
        expected.forEach((k, v) -> assertThat(reported.get(k)).as(k).containsExactly(v));
        long scheduledMs = expected.values().stream().mapToLong(s -> s[0]).sum();
        long onSiteMs = expected.values().stream().mapToLong(s -> s[1]).sum();
        assertThat(report.get("scheduledSeconds").asLong()).isEqualTo(scheduledMs / 1000);
        assertThat(report.get("onSiteSeconds").asLong()).isEqualTo(onSiteMs / 1000);
        for (JsonNode t : report.get("technicians")) {
            String user = t.get("userId").asString();
            assertThat(t.get("scheduledSeconds").asLong() * 1000).as(user).isEqualTo(expected.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(user + "|")).mapToLong(e -> e.getValue()[0]).sum());
            assertThat(t.get("onSiteSeconds").asLong() * 1000).as(user).isEqualTo(expected.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(user + "|")).mapToLong(e -> e.getValue()[1]).sum());
        }
        assertThat(report.get("technicians").valueStream().map(t -> t.get("name").asString()))
                .containsExactlyInAnyOrder("Ada Tech", "=SUM(1+1) Tech");
        assertThat(report.toString()).doesNotContain(stranger.toString()).doesNotContain("Stranger");
        // a technician who sees only their own work (the default) and has none in the range sees no one's hours
        assertThat(ok(api.get(UTILIZATION + range, shop.company.keys.get(Role.USER))).get("days")).isEmpty();
        assertThat(ok(api.get(UTILIZATION + range, shop.company.keys.get(Role.READ_ONLY))).get("days")).hasSize(expected.size());
        JsonNode ofOther = ok(api.get(UTILIZATION + range, other.key));
        assertThat(ofOther.get("technicians").valueStream().map(t -> t.get("userId").asString()))
                .containsExactly(stranger.toString());

        // the CSV: the same numbers in hours; a name a spreadsheet would run is neutralised
        Https web = shop.signedIn(Role.ADMIN);
        Response csv = web.get("/c/" + shop.company.slug() + "/reports/utilization.csv" + range);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(to + ".csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(WorkCsv.UTILIZATION_HEADER.strip());
        assertThat(csv.body()).contains("\"'=SUM(1+1) Tech\"").doesNotContain(",=SUM");
        int dayRows = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as(line).hasSize(7);
            switch (cells[0]) {
                case "day" -> {
                    dayRows++;
                    long[] sum = expected.get(cells[1] + "|" + cells[3]);
                    assertThat(sum).as(line).isNotNull();
                    assertThat(new BigDecimal(cells[4])).isEqualByComparingTo(hours(sum[0]));
                    assertThat(new BigDecimal(cells[5])).isEqualByComparingTo(hours(sum[1]));
                }
                case "technician" -> assertThat(cells[1]).isIn(ada.toString(), formula.toString());
                case "total" -> {
                    assertThat(new BigDecimal(cells[4])).isEqualByComparingTo(hours(scheduledMs));
                    assertThat(new BigDecimal(cells[5])).isEqualByComparingTo(hours(onSiteMs));
                    assertThat(new BigDecimal(cells[6])).isEqualByComparingTo(BigDecimal.valueOf(onSiteMs * 100)
                            .divide(BigDecimal.valueOf(scheduledMs), 1, RoundingMode.HALF_UP));
                }
                default -> throw new AssertionError(line);
            }
        }
        assertThat(dayRows).isEqualTo(expected.size());

        Response page = web.get("/c/" + shop.company.slug() + "/reports/utilization" + range);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Ada Tech").contains("=SUM(1+1) Tech")
                .contains("data-day=\"" + d + "\"").contains("data-day=\"" + d.plusDays(1) + "\"")
                .contains("<th scope=\"col\"").doesNotContain("Stranger").doesNotContain("??")
                .doesNotContain("style=").doesNotContain("<script>");
        for (long[] sum : expected.values()) {
            assertThat(page.body()).contains(hours(sum[0]).toPlainString() + " h");
        }
        assertThat(web.get("/c/" + shop.company.slug() + "/reports/utilization?from=" + to + "&to=" + from).status())
                .isEqualTo(400);
    }

    @Test
    void rangesAreCheckedAndDefaultToRecentWeeks() {
        Shop shop = new Shop();
        LocalDate today = today();
        JsonNode jobsDefault = ok(api.get(JOBS_REPORT, shop.key));
        assertThat(jobsDefault.get("to").asString()).isEqualTo(today.toString());
        assertThat(jobsDefault.get("from").asString()).isEqualTo(monday(today).minusWeeks(11).toString());
        assertThat(jobsDefault.get("weeks")).hasSize(12);
        JsonNode utilizationDefault = ok(api.get(UTILIZATION, shop.key));
        assertThat(utilizationDefault.get("from").asString()).isEqualTo(monday(today).toString());
        assertThat(utilizationDefault.get("to").asString()).isEqualTo(monday(today).plusDays(6).toString());
        for (String path : List.of(JOBS_REPORT, UTILIZATION)) {
            assertProblem(api.get(path + "?from=2026-13-01", shop.key), 400);
            assertProblem(api.get(path + "?from=" + today + "&to=" + today.minusDays(1), shop.key), 400);
            assertProblem(api.get(path + "?from=" + today.minusDays(WorkReports.LONGEST_RANGE_DAYS) + "&to=" + today, shop.key), 400);
            assertProblem(api.get(path + "?from=1999-12-31&to=2000-01-02", shop.key), 400);
            assertProblem(api.get(path + "?to=" + "9".repeat(5000), shop.key), 400);
            assertThat(api.get(path + "?from=" + today.minusDays(WorkReports.LONGEST_RANGE_DAYS - 1) + "&to=" + today,
                    shop.key).status()).isEqualTo(200);
        }
    }

    @Test
    void everyRoleWithReportsViewAndJobsReadSeesThemAndNobodyElse() {
        Shop shop = new Shop();
        for (Role role : Role.values()) {
            assertThat(api.get(JOBS_REPORT, shop.company.keys.get(role)).status()).as(role.name()).isEqualTo(200);
            assertThat(api.get(UTILIZATION, shop.company.keys.get(role)).status()).as(role.name()).isEqualTo(200);
        }
        Actor user = new Actor(shop.company.company.id(), Optional.of(shop.company.users.get(Role.USER).id()), "tech",
                Role.USER, Optional.empty(), Channel.WEB, null, null);
        assertThat(reports.mayView(user)).isTrue();
        for (Permission missing : List.of(Permission.REPORTS_VIEW, Permission.JOBS_READ)) {
            EnumSet<Permission> less = EnumSet.copyOf(Role.USER.permissions());
            less.remove(missing);
            Actor without = user.withPermissions(less);
            assertThat(reports.mayView(without)).isFalse();
            assertThatThrownBy(() -> reports.jobs(without, Optional.empty(), Optional.empty())).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> reports.utilization(without, Optional.empty(), Optional.empty()))
                    .isInstanceOf(Forbidden.class);
        }
        // the Reports page lists both for a technician; signed in to one company, another's reports are not theirs
        Https web = shop.signedIn(Role.USER);
        Response index = web.get("/c/" + shop.company.slug() + "/reports");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("id=\"report-jobs\"").contains("id=\"report-utilization\"")
                .contains("/c/" + shop.company.slug() + "/reports/jobs").contains("/c/" + shop.company.slug() + "/reports/utilization")
                .contains("id=\"report-revenue\"");
        Shop other = new Shop();
        for (String path : List.of("/reports/jobs", "/reports/utilization", "/reports/jobs.csv", "/reports/utilization.csv")) {
            assertThat(web.get("/c/" + shop.company.slug() + path).status()).as(path).isEqualTo(200);
            assertThat(web.get("/c/" + other.company.slug() + path).status()).as(path).isIn(302, 401, 403, 404);
            assertThat(new Https(port).get("/c/" + shop.company.slug() + path).status()).as(path).isIn(302, 401, 403);
        }
        assertThat(api.get(JOBS_REPORT).status()).isEqualTo(401);
    }

    private static long overlap(Instant start, Instant end, Instant a, Instant b) {
        Instant s = start.isAfter(a) ? start : a;
        Instant e = end.isBefore(b) ? end : b;
        return Math.max(0, e.toEpochMilli() - s.toEpochMilli());
    }

    private static BigDecimal hours(long ms) {
        return BigDecimal.valueOf(ms).divide(BigDecimal.valueOf(3_600_000L), 2, RoundingMode.HALF_UP);
    }

    private static JsonNode ok(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return body(r);
    }
}
