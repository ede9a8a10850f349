package org.fieldstone.schedule.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The dispatch board's drops over real HTTPS, as board.js sends them (form fields, the CSRF token, JSON back): a
 * visit moved to another time and technician is saved and audited, warned when it lands on another visit; another
 * company's visit is not found, a role that may not assign is refused, a stale version is refused naming who changed
 * the visit and what, a bad time is refused — each changing nothing; a job dropped from the unscheduled panel (or
 * booked at its suggested slot) gets its visit; cancelled visits are only counted on the board.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DispatchBoardContract {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired ApiClient api;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    TestCompany c;
    TestCompany other;
    Client client;
    String property;
    String base;
    User anna;
    User bob;

    @BeforeAll
    void company() {
        c = fixtures.companyWithEveryRole("board");
        other = fixtures.companyWithEveryRole("board-other");
        base = "/c/" + c.slug();
        client = clients.create(c.system(), new NewClient("Harbour Bakery", null, null, null, null),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        property = clients.properties(c.system(), client.id()).getFirst().id();
        anna = c.addUser(Role.USER);
        bob = c.addUser(Role.USER);
    }

    @Test
    void aDroppedVisitMovesToAnotherTimeAndTechnicianKeepingItsLengthSavedAndAudited() {
        OffsetDateTime day = tomorrowAt(10);
        Visit visit = visitOf(job("Move me", anna, day, 90));
        Https admin = signIn(Role.ADMIN);
        Response board = admin.get(base + "/schedule?date=" + day.toLocalDate());
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body()).contains("data-visit=\"" + visit.id() + "\" data-version=\"" + visit.version()
                + "\" data-start-minute=\"600\" data-minutes=\"90\"").contains("/js/board.js");

        Response moved = move(admin, visit.id(), visit.version(), local(day.withHour(13).withMinute(15)), anna, bob);
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(ApiClient.body(moved).get("outcome").asText()).isEqualTo("saved");
        assertThat(ApiClient.body(moved).get("message").asText()).contains("13:15–14:45");
        Visit now = visits.visit(c.system(), visit.id());
        assertThat(now.startsAt()).isEqualTo(day.withHour(13).withMinute(15).toInstant());
        assertThat(now.endsAt()).isEqualTo(day.withHour(14).withMinute(45).toInstant());
        assertThat(now.assignees()).containsExactly(bob.id());
        AuditEntry entry = api.auditEntries(c, "visit", visit.id()).getFirst();
        assertThat(entry.actorId()).isEqualTo(c.users.get(Role.ADMIN).id().toString());
        assertThat(entry.changes()).extracting(AuditEntry -> AuditEntry.field()).contains("starts_at", "ends_at", "assignees");

        // the same lane: the time only; the Unassigned lane: nobody goes
        Response later = move(admin, visit.id(), now.version(), local(day.withHour(15)), bob, bob);
        assertThat(later.status()).isEqualTo(200);
        assertThat(visits.visit(c.system(), visit.id()).assignees()).containsExactly(bob.id());
        Response unassigned = move(admin, visit.id(), visits.visit(c.system(), visit.id()).version(), local(day.withHour(15)), bob, null);
        assertThat(unassigned.status()).isEqualTo(200);
        assertThat(visits.visit(c.system(), visit.id()).assignees()).isEmpty();
        assertThat(admin.get(base + "/schedule?date=" + day.toLocalDate()).body())
                .contains("data-visit=\"" + visit.id() + "\" data-version=\"" + visits.visit(c.system(), visit.id()).version()
                        + "\" data-start-minute=\"900\" data-minutes=\"90\"");
    }

    @Test
    void aDropOnAnotherVisitIsSavedWithTheDoubleBookingSaid() {
        OffsetDateTime day = tomorrowAt(8).plusDays(1);
        job("Already there", anna, day, 120);
        Visit visit = visitOf(job("Lands on it", bob, day.withHour(16), 60));
        Https admin = signIn(Role.ADMIN);
        admin.get(base + "/schedule?date=" + day.toLocalDate());
        Response moved = move(admin, visit.id(), visit.version(), local(day.withHour(9)), bob, anna);
        assertThat(moved.status()).isEqualTo(200);
        assertThat(ApiClient.body(moved).get("warnings").toString()).contains("is also booked");
        assertThat(admin.get(base + "/schedule?date=" + day.toLocalDate()).body()).contains("visit-card conflict");
    }

    @Test
    void anotherCompanysVisitIsNotFoundAndStaysWhereItIs() {
        Client theirs = clients.create(other.system(), new NewClient("Elsewhere", null, null, null, null),
                new NewProperty("Shop", "Gasse 1", "Bern", null, "3000", null, null, null));
        Job job = jobs.create(other.system(), new NewJob(theirs.id(), clients.properties(other.system(), theirs.id()).getFirst().id(),
                "Not yours", null, null, null, null, null, List.of(), null, null, null,
                new NewVisit(iso(tomorrowAt(10)), iso(tomorrowAt(11)), null)));
        Visit visit = visits.visits(other.system(), job.id()).getFirst();
        Https admin = signIn(Role.ADMIN);
        admin.get(base + "/schedule");
        Response moved = move(admin, visit.id(), visit.version(), local(tomorrowAt(14)), null, null);
        assertThat(moved.status()).isEqualTo(404);
        Response booked = book(admin, job.id(), local(tomorrowAt(14)), null);
        assertThat(booked.status()).isEqualTo(404);
        assertThat(visits.visit(other.system(), visit.id())).isEqualTo(visit);
        assertThat(visits.visits(other.system(), job.id())).hasSize(1);
    }

    @Test
    void aRoleThatMayNotAssignIsRefusedAndSeesNoDragging() {
        OffsetDateTime day = tomorrowAt(9);
        Job job = job("Hands off", c.users.get(Role.USER), day, 60);
        Visit visit = visitOf(job);
        Job open = jobs.create(c.system(), NewJob.of(client.id(), property, "Still open", null));
        for (Role role : List.of(Role.USER, Role.READ_ONLY)) {
            Https weak = signIn(role);
            Response page = weak.get(base + "/schedule?date=" + day.toLocalDate());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("data-can-drag=\"false\"").doesNotContain("draggable=\"true\"")
                    .doesNotContain("id=\"unscheduled\"");
            Response moved = move(weak, visit.id(), visit.version(), local(day.withHour(15)), c.users.get(Role.USER), null);
            assertThat(moved.status()).as(role.name()).isEqualTo(403);
            Response booked = book(weak, open.id(), local(day.withHour(15)), null);
            assertThat(booked.status()).as(role.name()).isEqualTo(403);
        }
        assertThat(visits.visit(c.system(), visit.id())).isEqualTo(visit);
        assertThat(visits.visits(c.system(), open.id())).isEmpty();
    }

    @Test
    void aStaleDropIsRefusedNamingWhoChangedTheVisitAndWhat() {
        OffsetDateTime day = tomorrowAt(10).plusDays(2);
        Visit visit = visitOf(job("Contested", anna, day, 60));
        Https admin = signIn(Role.ADMIN);
        admin.get(base + "/schedule?date=" + day.toLocalDate());
        // the owner moves it first, from their own board
        Https owner = signIn(Role.OWNER);
        owner.get(base + "/schedule?date=" + day.toLocalDate());
        assertThat(move(owner, visit.id(), visit.version(), local(day.withHour(11)), anna, anna).status()).isEqualTo(200);
        Visit moved = visits.visit(c.system(), visit.id());

        Response stale = move(admin, visit.id(), visit.version(), local(day.withHour(14)), anna, bob);
        assertThat(stale.status()).isEqualTo(409);
        String message = ApiClient.body(stale).get("message").asText();
        assertThat(ApiClient.body(stale).get("outcome").asText()).isEqualTo("stale");
        assertThat(message).contains(c.owner().name()).contains("the time").contains("11:00–12:00").contains(anna.name())
                .contains("Nothing was moved");
        assertThat(visits.visit(c.system(), visit.id())).isEqualTo(moved);
    }

    @Test
    void aBadTimeOrAMissingVersionIsRefusedAndChangesNothing() {
        OffsetDateTime day = tomorrowAt(10).plusDays(3);
        Visit visit = visitOf(job("Badly dropped", anna, day, 60));
        Job open = jobs.create(c.system(), NewJob.of(client.id(), property, "Badly booked", null));
        Https admin = signIn(Role.ADMIN);
        admin.get(base + "/schedule?date=" + day.toLocalDate());
        for (String time : List.of("", "tomorrow at ten", "2026-13-40T10:00", "2026-12-10T25:00")) {
            Response moved = move(admin, visit.id(), visit.version(), time, anna, anna);
            assertThat(moved.status()).as(time).isEqualTo(400);
            assertThat(ApiClient.body(moved).get("message").asText()).as(time).contains("Not a time");
            assertThat(book(admin, open.id(), time, null).status()).as(time).isEqualTo(400);
        }
        Map<String, String> noVersion = fields("start", local(day.withHour(12)), "from", "", "to", "");
        assertThat(postJson(admin, base + "/schedule/board/visits/" + visit.id(), noVersion).status()).isEqualTo(400);
        Response notAUser = moveTo(admin, visit.id(), visit.version(), local(day.withHour(12)), anna, "not-a-user");
        assertThat(notAUser.status()).isEqualTo(400);
        assertThat(visits.visit(c.system(), visit.id())).isEqualTo(visit);
        assertThat(visits.visits(c.system(), open.id())).isEmpty();
    }

    @Test
    void aJobDroppedFromTheUnscheduledPanelOrBookedAtItsSuggestedSlotGetsAVisit() {
        TestCompany own = fixtures.companyWithEveryRole("board-book");
        Client cl = clients.create(own.system(), new NewClient("Corner Shop", null, null, null, null),
                new NewProperty("Shop", "Main St 1", "Bern", null, "3000", null, null, null));
        String prop = clients.properties(own.system(), cl.id()).getFirst().id();
        User tech = own.users.get(Role.USER);
        Job dropped = jobs.create(own.system(), NewJob.of(cl.id(), prop, "Drop me", null));
        Job suggested = jobs.create(own.system(), NewJob.of(cl.id(), prop, "Book me", null));
        OffsetDateTime day = tomorrowAt(10);

        Https admin = new Https(port);
        assertThat(admin.signIn(own.slug(), own.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String path = "/c/" + own.slug();
        Response page = admin.get(path + "/schedule?date=" + day.toLocalDate());
        assertThat(page.body()).contains("id=\"unscheduled\"").contains("data-job=\"" + dropped.id() + "\"")
                .contains("data-job=\"" + suggested.id() + "\"").contains("Book it");

        Response booked = postJson(admin, path + "/schedule/board/jobs/" + dropped.id() + "/visits",
                fields("start", local(day), "minutes", "45", "to", tech.id().toString()));
        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        assertThat(ApiClient.body(booked).get("message").asText()).contains(dropped.number());
        Visit visit = visits.visits(own.system(), dropped.id()).getFirst();
        assertThat(visit.startsAt()).isEqualTo(day.toInstant());
        assertThat(visit.endsAt()).isEqualTo(day.plusMinutes(45).toInstant());
        assertThat(visit.assignees()).containsExactly(tech.id());
        assertThat(jobs.get(own.system(), dropped.id()).status().name()).isEqualTo("SCHEDULED");
        assertThat(api.auditEntries(own, "visit", visit.id())).isNotEmpty();

        // the suggestion's own form (no JS): post, then the day of the new visit with the booking said
        Response again = admin.get(path + "/schedule?date=" + day.toLocalDate());
        assertThat(again.body()).doesNotContain("data-job=\"" + dropped.id() + "\"");
        Matcher form = Pattern.compile("action=\"[^\"]*/jobs/" + suggested.id() + "/visits\"[^>]*>.*?name=\"start\" value=\"([^\"]+)\".*?"
                + "name=\"end\" value=\"([^\"]+)\".*?name=\"to\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(again.body());
        assertThat(form.find()).as("the suggestion's form").isTrue();
        assertThat(form.group(3)).isEqualTo(tech.id().toString());
        Response viaForm = admin.post(path + "/schedule/board/jobs/" + suggested.id() + "/visits",
                fields("start", form.group(1), "end", form.group(2), "to", form.group(3)));
        assertThat(viaForm.status()).isEqualTo(303);
        assertThat(viaForm.header("Location")).contains("/schedule?date=").contains("booked=" + suggested.number());
        Visit fromSuggestion = visits.visits(own.system(), suggested.id()).getFirst();
        assertThat(fromSuggestion.assignees()).containsExactly(tech.id());
        assertThat(java.time.Duration.between(fromSuggestion.startsAt(), fromSuggestion.endsAt()).toMinutes()).isEqualTo(60);
        assertThat(fromSuggestion.startsAt()).isAfterOrEqualTo(clock.instant());
        assertThat(admin.get(viaForm.header("Location")).body()).contains("Booked " + suggested.number() + ".");
    }

    @Test
    void cancelledVisitsAreCountedNotDrawn() {
        OffsetDateTime day = tomorrowAt(10).plusDays(4);
        Visit visit = visitOf(job("Called off", anna, day, 60));
        visits.cancelVisit(c.system(), visit.id(), visit.version());
        Https admin = signIn(Role.ADMIN);
        String page = admin.get(base + "/schedule?date=" + day.toLocalDate()).body();
        assertThat(page).contains("1 cancelled").doesNotContain("data-visit=\"" + visit.id() + "\"");
        // the week keeps its shape: the cancelled visit's card is there
        assertThat(admin.get(base + "/schedule?view=week&date=" + day.toLocalDate()).body())
                .contains("data-visit=\"" + visit.id() + "\"");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    Job job(String title, User who, OffsetDateTime start, int minutes) {
        return jobs.create(c.system(), new NewJob(client.id(), property, title, null, null, null, null, null,
                List.of(who.id()), null, null, null, new NewVisit(iso(start), iso(start.plusMinutes(minutes)), null)));
    }

    Visit visitOf(Job job) {
        return visits.visits(c.system(), job.id()).getFirst();
    }

    Response move(Https client, String visitId, long version, String start, User from, User to) {
        return moveTo(client, visitId, version, start, from, to == null ? "" : to.id().toString());
    }

    /** A drop from {@code from}'s lane into the lane of user id {@code to} (empty: Unassigned). */
    Response moveTo(Https client, String visitId, long version, String start, User from, String to) {
        return postJson(client, base + "/schedule/board/visits/" + visitId, fields("version", String.valueOf(version),
                "start", start, "from", from == null ? "" : from.id().toString(), "to", to));
    }

    Response book(Https client, String jobId, String start, User to) {
        return postJson(client, base + "/schedule/board/jobs/" + jobId + "/visits",
                fields("start", start, "to", to == null ? "" : to.id().toString()));
    }

    /** Posts as board.js does: form fields with the CSRF token of the last page loaded, JSON asked for. */
    static Response postJson(Https client, String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        client.csrf().ifPresent(token -> form.put("_csrf", token));
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return client.send(request);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    Https signIn(Role role) {
        Https h = new Https(port);
        String email = role == Role.OWNER ? c.ownerEmail() : c.users.get(role).email().value();
        assertThat(h.signIn(c.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }

    OffsetDateTime tomorrowAt(int hour) {
        return clock.instant().atZone(ZURICH).toOffsetDateTime().truncatedTo(ChronoUnit.DAYS).plusDays(1).withHour(hour);
    }

    static String iso(OffsetDateTime t) {
        return t.toString();
    }

    static String local(OffsetDateTime t) {
        return t.atZoneSameInstant(ZURICH).toLocalDateTime().format(ScheduleController.LOCAL);
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
