package org.fieldstone.schedule.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.web.JobsApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.HeardEvents;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Visits in time and who sees them: local times of a company in Europe/Zurich across both daylight-saving changes,
 * "today" in the company's time zone, the schedule and its warnings, technicians who see only their own work (and
 * their crew's) unless the company turns it off, and the events scheduling publishes.
 */
abstract class ScheduleApiContract extends JobsApiTestSupport {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    static final String SCHEDULE = "/api/v1/schedule";

    @Autowired HeardEvents heard;

    @Test
    void localTimesAcrossDaylightSavingChangesComeBackWithTheirOffsets() {
        String id = job("Around the clock change").get("id").asString();
        JsonNode spring = visit(id, "2026-03-29T01:30", "2026-03-29T03:30");
        assertThat(spring.get("start").asString()).isEqualTo("2026-03-29T01:30:00+01:00");
        assertThat(spring.get("end").asString()).isEqualTo("2026-03-29T03:30:00+02:00");
        JsonNode skipped = visit(id, "2026-03-29T02:30", "2026-03-29T04:00");
        assertThat(skipped.get("start").asString()).as("02:30 does not exist that night").isEqualTo("2026-03-29T03:30:00+02:00");
        assertThat(skipped.get("end").asString()).isEqualTo("2026-03-29T04:00:00+02:00");
        JsonNode before = visit(id, "2026-10-25T01:30", "2026-10-25T02:00");
        assertThat(before.get("start").asString()).isEqualTo("2026-10-25T01:30:00+02:00");
        JsonNode twice = visit(id, "2026-10-25T02:30", "2026-10-25T03:30");
        assertThat(twice.get("start").asString()).as("the earlier of the two 02:30").isEqualTo("2026-10-25T02:30:00+02:00");
        assertThat(twice.get("end").asString()).isEqualTo("2026-10-25T03:30:00+01:00");
        JsonNode explicit = visit(id, "2026-10-25T02:30+01:00", "2026-10-25T03:00:00Z");
        assertThat(explicit.get("start").asString()).as("the later one, by its offset").isEqualTo("2026-10-25T02:30:00+01:00");
        assertThat(explicit.get("end").asString()).isEqualTo("2026-10-25T04:00:00+01:00");

        assertThat(get(SCHEDULE + "?from=2026-03-29&to=2026-03-29").valueStream().map(e -> e.get("id").asString()))
                .containsExactly(spring.get("id").asString(), skipped.get("id").asString());
        assertThat(get(SCHEDULE + "?from=2026-10-25T02:00%2B01:00&to=2026-10-25T05:00").valueStream()
                .map(e -> e.get("id").asString())).as("overlapping the range")
                .containsExactly(twice.get("id").asString(), explicit.get("id").asString());
        assertThat(get(VISITS + "/" + skipped.get("id").asString()).get("start").asString())
                .isEqualTo("2026-03-29T03:30:00+02:00");
    }

    @Test
    void todayIsTheCompanysDayAtHalfPastElevenAndAtHalfPastMidnight() {
        User tech = a.addUser(Role.USER);
        String key = a.apiKey(tech, Optional.empty());
        ZonedDateTime now = clock.instant().atZone(ZURICH);
        ZonedDateTime lateEvening = now.toLocalDate().atTime(23, 30).atZone(ZURICH);
        if (!lateEvening.isAfter(now)) {
            lateEvening = lateEvening.plusDays(1);
        }
        clock.advance(Duration.between(now, lateEvening));
        LocalDate day = lateEvening.toLocalDate();
        String id = job("Today").get("id").asString();
        String today = visit(id, day + "T10:00", day + "T11:00", tech.id().toString()).get("id").asString();
        String tomorrow = visit(id, day.plusDays(1) + "T00:45", day.plusDays(1) + "T02:00", tech.id().toString())
                .get("id").asString();
        visit(id, day + "T12:00", day + "T13:00", userId(a, Role.USER));

        JsonNode evening = body(api.get(SCHEDULE + "/today", key));
        assertThat(evening.valueStream().map(e -> e.get("id").asString()).toList()).containsExactly(today);
        JsonNode entry = evening.get(0);
        assertThat(entry.get("job").get("title").asString()).isEqualTo("Today");
        assertThat(entry.get("job").get("clientName").asString()).isEqualTo("Ada Lovelace");
        assertThat(entry.get("job").get("clientPhone").asString()).isEqualTo("+41446681800");
        assertThat(entry.get("job").get("address").asString()).isEqualTo("Bahnhofstrasse 1, 8001 Zürich");
        assertThat(entry.get("job").get("number").asString()).startsWith("J-");

        clock.advance(Duration.ofHours(1));
        assertThat(body(api.get(SCHEDULE + "/today", key)).valueStream().map(e -> e.get("id").asString()).toList())
                .as("00:30 the next day").containsExactly(tomorrow);
    }

    @Test
    void doubleBookingAndAVisitAtNineInTheEveningAreWarnedAboutButScheduled() {
        String tech = userId(a, Role.ADMIN);
        String id = job("Busy").get("id").asString();
        String first = visit(id, "2027-03-02T10:00", "2027-03-02T12:00", tech).get("id").asString();
        Response second = addVisit(owner, id, "2027-03-02T11:00", "2027-03-02T13:00", tech);
        assertThat(second.status()).isEqualTo(201);
        JsonNode warnings = body(second).get("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("code").asString()).isEqualTo("double-booked");
        assertThat(warnings.get(0).get("userId").asString()).isEqualTo(tech);
        assertThat(warnings.get(0).get("otherVisitId").asString()).isEqualTo(first);
        assertThat(warnings.get(0).get("message").asString()).contains("10:00");
        Response evening = addVisit(owner, id, "2027-03-02T21:00", "2027-03-02T22:00");
        assertThat(evening.status()).isEqualTo(201);
        assertThat(body(evening).get("warnings").valueStream().map(w -> w.get("code").asString()).toList())
                .containsExactly("outside-working-hours");

        assertThat(get(VISITS + "/" + first).get("warnings").get(0).get("code").asString()).isEqualTo("double-booked");
        assertThat(get(JOBS + "/" + id + "/visits")).hasSize(3);
        JsonNode day = get(SCHEDULE + "?from=2027-03-02&to=2027-03-02&assignee=" + tech);
        assertThat(day).hasSize(2);
        assertThat(day.valueStream().allMatch(e -> e.get("warnings").size() == 1)).isTrue();
    }

    @Test
    void theScheduleNeedsARangeOfAtMost62Days() {
        for (String bad : List.of("to=2027-01-02", "from=2027-01-01", "from=2027-01-01&to=2027-03-05",
                "from=soon&to=2027-01-02", "from=2027-01-01&to=2027-01-02&assignee=me")) {
            Response r = api.get(SCHEDULE + "?" + bad, owner);
            assertProblem(r, 400);
        }
        assertThat(body(api.get(SCHEDULE + "?to=2027-01-02", owner)).get("errors").has("from")).isTrue();
        assertThat(api.get(SCHEDULE + "?from=2027-01-01&to=2027-03-03", owner).status()).isEqualTo(200);
    }

    @Test
    void techniciansSeeOnlyTheirOwnAndTheirCrewsWorkUnlessTheCompanyLetsThemSeeAll() {
        User tech = a.addUser(Role.USER);
        String key = a.apiKey(tech, Optional.empty());
        String me = tech.id().toString();
        String crew = body(api.post("/api/v1/crews", admin,
                "{\"name\":\"Crew " + token() + "\",\"members\":[\"" + me + "\"]}")).get("id").asString();
        String mine = job(owner, "{\"title\":\"Mine\",\"assignees\":[\"" + me + "\"]}").get("id").asString();
        String byVisit = job("By visit").get("id").asString();
        visit(byVisit, "2027-04-06T09:00", "2027-04-06T10:00", me);
        String byCrew = job(owner, "{\"title\":\"Crew's\",\"crewId\":\"" + crew + "\"}").get("id").asString();
        String crewVisit = visit(byCrew, "2027-04-06T11:00", "2027-04-06T12:00").get("id").asString();
        String others = job("Others'").get("id").asString();
        String otherVisit = visit(others, "2027-04-06T13:00", "2027-04-06T14:00", userId(a, Role.USER)).get("id").asString();
        String range = SCHEDULE + "?from=2027-04-06&to=2027-04-06";

        List<String> listed = ids(body(api.get(JOBS + "?size=200", key)));
        assertThat(listed).contains(mine, byVisit, byCrew).doesNotContain(others);
        assertThat(api.get(JOBS + "/" + byCrew, key).status()).isEqualTo(200);
        assertThat(api.get(VISITS + "/" + crewVisit, key).status()).isEqualTo(200);
        long entries = api.allAuditEntries(a);
        for (Response r : List.of(api.get(JOBS + "/" + others, key), api.get(JOBS + "/" + others + "/visits", key),
                api.get(JOBS + "/" + others + "/notes", key), api.get(VISITS + "/" + otherVisit, key),
                api.patch(JOBS + "/" + others, key, "\"2\"", "{\"title\":\"Seen\"}"),
                api.post(JOBS + "/" + others + "/actions/cancel", key, "\"2\"", null),
                api.post(VISITS + "/" + otherVisit + "/actions/en-route", key, "\"1\"", null),
                api.post(VISITS + "/" + otherVisit + "/actions/start", key, null, null),
                api.post(JOBS + "/" + others + "/notes", key, "{\"body\":\"x\"}"))) {
            assertProblem(r, 404);
        }
        assertThat(api.allAuditEntries(a)).isEqualTo(entries);
        assertThat(body(api.get(range, key)).valueStream().map(e -> e.get("jobId").asString()).toList())
                .contains(byVisit, byCrew).doesNotContain(others);
        for (Role role : List.of(Role.OWNER, Role.ADMIN, Role.READ_ONLY)) {
            assertThat(api.get(JOBS + "/" + others, a.keys.get(role)).status()).as(role.name()).isEqualTo(200);
            assertThat(body(api.get(range, a.keys.get(role))).valueStream().map(e -> e.get("jobId").asString()).toList())
                    .contains(others);
        }

        assertThat(api.put("/api/v1/settings/work", user, "{\"techniciansSeeOnlyOwnWork\":false}").status())
                .isEqualTo(403);
        Response off = api.put("/api/v1/settings/work", admin, "{\"techniciansSeeOnlyOwnWork\":false}");
        try {
            assertThat(off.status()).as(off.body()).isEqualTo(200);
            assertThat(body(off).get("techniciansSeeOnlyOwnWork").asBoolean()).isFalse();
            assertThat(body(off).get("dayStart").asString()).as("kept").isEqualTo("07:00");
            assertThat(ids(body(api.get(JOBS + "?size=200", key)))).contains(others);
            assertThat(api.get(VISITS + "/" + otherVisit, key).status()).isEqualTo(200);
            assertThat(body(api.get(range, key)).valueStream().map(e -> e.get("jobId").asString()).toList()).contains(others);
        } finally {
            api.put("/api/v1/settings/work", admin, "{\"techniciansSeeOnlyOwnWork\":true}");
        }
        assertThat(body(api.get("/api/v1/settings/work", key)).get("techniciansSeeOnlyOwnWork").asBoolean()).isTrue();
        assertThat(api.get(JOBS + "/" + others, key).status()).isEqualTo(404);
        Response bad = api.put("/api/v1/settings/work", admin, "{\"workingDays\":[\"FUNDAY\"],\"dayStart\":\"7am\"}");
        assertProblem(bad, 400);
        assertThat(body(bad).get("errors").propertyNames()).contains("workingDays", "dayStart");
    }

    @Test
    void schedulingPublishesEventsWithTheCompany() {
        String tech = userId(a, Role.USER);
        String id = job("Evented").get("id").asString();
        String visitId = visit(id, "2027-05-04T09:00", "2027-05-04T10:00", tech).get("id").asString();
        assertThat(api.patch(VISITS + "/" + visitId, owner, "\"1\"", "{\"start\":\"2027-05-04T08:00\"}").status()).isEqualTo(200);
        assertThat(act(VISITS + "/" + visitId, user, "en-route").status()).isEqualTo(200);
        assertThat(act(VISITS + "/" + visitId, user, "start").status()).isEqualTo(200);
        assertThat(act(VISITS + "/" + visitId, user, "finish").status()).isEqualTo(200);

        // heard through the outbox after each commit, as a listening module hears them: events of separate
        // transactions are delivered independently, so in no promised order
        List<Object> mine = heard.await(e -> e.toString().contains(id), 4, Duration.ofSeconds(10)).stream()
                .map(HeardEvents.Heard::event).map(Object.class::cast)
                .sorted(java.util.Comparator.comparingInt(e -> List.of(JobEvents.VisitScheduled.class,
                        JobEvents.VisitRescheduled.class, JobEvents.TechnicianEnRoute.class, JobEvents.JobCompleted.class)
                        .indexOf(e.getClass())))
                .toList();
        assertThat(mine).hasExactlyElementsOfTypes(JobEvents.VisitScheduled.class, JobEvents.VisitRescheduled.class,
                JobEvents.TechnicianEnRoute.class, JobEvents.JobCompleted.class);
        JobEvents.VisitScheduled scheduled = (JobEvents.VisitScheduled) mine.get(0);
        assertThat(scheduled.tenant()).isEqualTo(a.company.id());
        assertThat(scheduled.visitId()).isEqualTo(visitId);
        assertThat(scheduled.assignees()).containsExactly(tech);
        JobEvents.VisitRescheduled moved = (JobEvents.VisitRescheduled) mine.get(1);
        assertThat(moved.tenant()).isEqualTo(a.company.id());
        assertThat(moved.startsAt().atZone(ZURICH).getHour()).isEqualTo(8);
        JobEvents.TechnicianEnRoute onTheWay = (JobEvents.TechnicianEnRoute) mine.get(2);
        assertThat(onTheWay.tenant()).isEqualTo(a.company.id());
        assertThat(onTheWay.userId()).isEqualTo(tech);
        JobEvents.JobCompleted completed = (JobEvents.JobCompleted) mine.get(3);
        assertThat(completed.tenant()).isEqualTo(a.company.id());
        assertThat(completed.number()).isEqualTo(get(JOBS + "/" + id).get("number").asString());
    }

    @Test
    void aRecurringJobGeneratesItsVisitsAndThisAndFollowingMovesTheRest() {
        LocalDate monday = LocalDate.ofInstant(clock.instant(), ZURICH).plusDays(1)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
        JsonNode job = job(owner, """
                {"title": "Weekly filter change", "recurrence": "RRULE:FREQ=WEEKLY;BYDAY=MO",
                 "firstVisit": {"start": "%sT09:00", "end": "%sT09:45"}}""".formatted(monday, monday));
        String path = JOBS + "/" + job.get("id").asString();
        assertThat(job.get("recurrence").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
        assertThat(job.get("status").asString()).isEqualTo("SCHEDULED");
        JsonNode visits = get(path + "/visits");
        // every Monday within the 90-day horizon, all at 09:00 local whatever the offset
        assertThat(visits.size()).isBetween(11, 13);
        assertThat(visits.valueStream().map(v -> v.get("start").asString().substring(11, 16)).distinct().toList())
                .containsExactly("09:00");
        assertThat(visits.get(0).get("recurring").asBoolean()).isTrue();

        JsonNode third = visits.get(2);
        String day = third.get("start").asString().substring(0, 10);
        Response moved = api.patch(VISITS + "/" + third.get("id").asString() + "?scope=following", owner,
                "\"" + third.get("version").asLong() + "\"",
                "{\"start\": \"" + day + "T10:00\", \"end\": \"" + day + "T11:00\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        List<String> times = get(path + "/visits").valueStream().map(v -> v.get("start").asString().substring(11, 16)).toList();
        assertThat(times.subList(0, 2)).containsOnly("09:00");
        assertThat(times.subList(2, times.size())).isNotEmpty().containsOnly("10:00");
        assertThat(times).hasSize(visits.size());
        assertThat(api.patch(VISITS + "/" + third.get("id").asString() + "?scope=sometimes", owner, "\"1\"", "{}").status())
                .isEqualTo(400);
    }

    @Test
    void thisAndFollowingFromMondayToThursdayMovesTheLaterVisitsOntoThursdays() {
        LocalDate monday = LocalDate.ofInstant(clock.instant(), ZURICH).plusDays(1)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
        JsonNode job = job(owner, """
                {"title": "Weekly window cleaning", "recurrence": "RRULE:FREQ=WEEKLY;BYDAY=MO",
                 "firstVisit": {"start": "%sT09:00", "end": "%sT10:00"}}""".formatted(monday, monday));
        String path = JOBS + "/" + job.get("id").asString();
        JsonNode visits = get(path + "/visits");
        JsonNode second = visits.get(1);
        LocalDate thursday = LocalDate.parse(second.get("start").asString().substring(0, 10)).plusDays(3);
        Response moved = api.patch(VISITS + "/" + second.get("id").asString() + "?scope=following", owner,
                "\"" + second.get("version").asLong() + "\"",
                "{\"start\": \"" + thursday + "T09:00\", \"end\": \"" + thursday + "T10:00\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        List<java.time.DayOfWeek> days = get(path + "/visits").valueStream()
                .map(v -> LocalDate.parse(v.get("start").asString().substring(0, 10)).getDayOfWeek()).toList();
        assertThat(days.getFirst()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(days.subList(1, days.size())).hasSizeGreaterThan(5).containsOnly(java.time.DayOfWeek.THURSDAY);

        // Monday and Thursday: moving the Monday ones to Thursday would merge them (and a shift would make Sundays)
        JsonNode twice = job(owner, """
                {"title": "Twice a week", "recurrence": "RRULE:FREQ=WEEKLY;BYDAY=MO,TH",
                 "firstVisit": {"start": "%sT09:00", "end": "%sT10:00"}}""".formatted(monday, monday));
        String twicePath = JOBS + "/" + twice.get("id").asString();
        JsonNode before = get(twicePath + "/visits");
        JsonNode secondMonday = before.get(2);
        LocalDate itsThursday = LocalDate.parse(secondMonday.get("start").asString().substring(0, 10)).plusDays(3);
        Response refused = api.patch(VISITS + "/" + secondMonday.get("id").asString() + "?scope=following", owner,
                "\"" + secondMonday.get("version").asLong() + "\"",
                "{\"start\": \"" + itsThursday + "T09:00\", \"end\": \"" + itsThursday + "T10:00\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("two visits on the same day").contains("\"start\"");
        assertThat(get(twicePath + "/visits").valueStream().map(v -> v.get("start").asString()).toList())
                .isEqualTo(before.valueStream().map(v -> v.get("start").asString()).toList());
        assertThat(get(twicePath).get("recurrence").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,TH");
    }
}

