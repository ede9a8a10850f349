package org.fieldstone.schedule.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Private calendar feeds on either engine: opt-in from the dashboard, a link shown once and stored only as a hash,
 * the user's own visits with times, job number and title and address — never the client's contact data or the job's
 * description — and nothing at all for a revoked, replaced, foreign, malformed or deactivated user's link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CalendarFeedContract {

    private static final Pattern LINK = Pattern.compile("https://[^\"]+/calendar/([A-Za-z0-9_-]{43})\\.ics");

    @Autowired Jobs jobs;
    @Autowired Clients clients;
    @Autowired Team team;
    @Autowired Fixtures fixtures;
    @Autowired CompanyDatabases databases;
    @Autowired Clock clock;
    @Value("${server.port}") int port;

    TestCompany c;
    User tech;
    User otherTech;
    Job mine;

    @BeforeAll
    void data() {
        c = fixtures.company("feed");
        Actor admin = c.system();
        tech = c.addUser(Role.USER);
        otherTech = c.addUser(Role.USER);
        var client = clients.create(admin, new NewClient("Carla Contact", "carla@client.example", "+41 44 123 45 67",
                "Gate code 4711", List.of()), new NewProperty(null, "Bahnhofstrasse 7", "Zürich", null, "8001", "CH", null, null));
        String property = clients.properties(admin, client.id()).getFirst().id();
        String tomorrow = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Zurich")).plusDays(1).toString();
        mine = jobs.create(admin, new NewJob(client.id(), property, "Boiler service", "Customer is away; key under the mat",
                null, List.of(), List.of(), null, List.of(tech.id()), null, List.of(), null,
                new NewVisit(tomorrow + "T09:00", tomorrow + "T10:30", null)));
        jobs.create(admin, new NewJob(client.id(), property, "Someone else's repair", null, null, List.of(), List.of(), null,
                List.of(otherTech.id()), null, List.of(), null, new NewVisit(tomorrow + "T11:00", tomorrow + "T12:00", null)));
    }

    private String subscribe(Https browser) {
        Https.Response page = browser.get("/c/" + c.slug() + "/schedule/subscription");
        assertThat(page.status()).isEqualTo(200);
        Https.Response made = browser.post("/c/" + c.slug() + "/schedule/subscription", Map.of());
        assertThat(made.status()).isEqualTo(200);
        Matcher link = LINK.matcher(made.body());
        assertThat(link.find()).as("the page shows the new link").isTrue();
        return link.group(1);
    }

    private Https signedIn(User user) {
        Https browser = new Https(port);
        assertThat(browser.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        return browser;
    }

    private Https.Response feed(String slug, String token) {
        return new Https(port).get("/c/" + slug + "/calendar/" + token + ".ics");
    }

    @Test
    void theFeedHoldsTheUsersOwnVisitsWithoutClientContactData() {
        String token = subscribe(signedIn(tech));
        Https.Response feed = feed(c.slug(), token);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("text/calendar");
        assertThat(feed.header("Cache-Control")).contains("no-store");
        assertThat(feed.body()).contains("BEGIN:VCALENDAR", "BEGIN:VEVENT", mine.number() + " Boiler service",
                "Bahnhofstrasse 7", "8001 Zürich");
        assertThat(feed.body()).doesNotContain("Carla", "carla@client.example", "123 45 67", "+41441234567", "Gate code",
                "key under the mat", "Someone else's repair");
    }

    @Test
    void onlyTheHashOfTheLinkIsStored() throws Exception {
        String token = subscribe(signedIn(otherTech));
        String stored = databases.of(c.company.id()).jdbc().sql("SELECT token_hash FROM calendar_feeds WHERE id = :id")
                .param("id", otherTech.id().toString()).query(String.class).single();
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.US_ASCII)))).doesNotContain(token);
        Https.Response feed = feed(c.slug(), token);
        assertThat(feed.body()).contains("Someone else's repair").doesNotContain("Boiler service");
    }

    @Test
    void aRevokedOrReplacedLinkIsNotFound() {
        User user = c.addUser(Role.USER);
        Https browser = signedIn(user);
        String first = subscribe(browser);
        String second = subscribe(browser);
        assertThat(feed(c.slug(), first).status()).isEqualTo(404);
        assertThat(feed(c.slug(), second).status()).isEqualTo(200);
        assertThat(browser.post("/c/" + c.slug() + "/schedule/subscription/revoke", Map.of()).status()).isEqualTo(302);
        assertThat(feed(c.slug(), second).status()).isEqualTo(404);
        assertThat(browser.get("/c/" + c.slug() + "/schedule/subscription").body()).contains("no calendar link");
    }

    @Test
    void aLinkOnlyWorksForItsOwnCompanyAndItsUserWhileActive() {
        User user = c.addUser(Role.USER);
        String token = subscribe(signedIn(user));
        TestCompany other = fixtures.company("feed-other");
        assertThat(feed(other.slug(), token).status()).isEqualTo(404);
        assertThat(feed(c.slug(), "not-a-token").status()).isEqualTo(404);
        assertThat(feed(c.slug(), "A".repeat(43)).status()).isEqualTo(404);
        assertThat(feed("no-such-company", token).status()).isEqualTo(404);
        team.setActive(c.system(), user.id(), false);
        assertThat(feed(c.slug(), token).status()).isEqualTo(404);
    }

    @Test
    void subscribingNeedsASignedInUserAndACsrfToken() {
        Https anonymous = new Https(port);
        assertThat(anonymous.postRaw("/c/" + c.slug() + "/schedule/subscription", Map.of()).status()).isIn(302, 403);
        Https browser = signedIn(tech);
        browser.get("/c/" + c.slug() + "/schedule/subscription");
        assertThat(browser.postRaw("/c/" + c.slug() + "/schedule/subscription", Map.of()).status()).isEqualTo(403);
    }
}
