package org.fieldstone.schedule.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The map page on either engine, as served: the day's stops as JSON data (never code) for the script, numbered per
 * technician in time order, only located stops on the map and every stop in the list; a technician who sees only their
 * own work gets only their own stops; another company's visits never appear; a date that is not one is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScheduleMapContract {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"map-data\">(.*?)</script>", Pattern.DOTALL);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired Fixtures fixtures;
    @Autowired Accounts accounts;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Clock clock;
    @Value("${server.port}") int port;

    TestCompany c;
    TestCompany other;
    User anna;
    User ben;
    LocalDate day;
    String map;

    @BeforeAll
    void data() {
        var two = fixtures.twoCompanies("schedule-map");
        c = two.a();
        other = two.b();
        anna = technician(c, "anna", "Anna Amsler");
        ben = technician(c, "ben", "Ben Brunner");
        day = LocalDate.ofInstant(clock.instant(), ZURICH).plusDays(2);
        job(c.system(), "Late Stop </script><b>", "47.40", "8.60", "11:00", anna);
        job(c.system(), "Early Stop", "47.35", "8.55", "08:00", anna);
        job(c.system(), "Bens Stop", "47.45", "8.65", "09:00", ben);
        job(c.system(), "Nowhere Yet", null, null, "10:00", ben);
        User theirs = technician(other, "zoe", "Zoe Other");
        job(other.system(), "Their Secret Stop", "46.00", "7.00", "08:00", theirs);
        map = "/c/" + c.slug() + "/schedule/map?date=" + day;
    }

    @Test
    void theDaysStopsReachTheScriptAsDataNumberedPerTechnicianInTimeOrder() {
        Https owner = signedIn(c, c.ownerEmail());
        Response page = owner.get(map);
        assertThat(page.status()).isEqualTo(200);
        JsonNode data = data(page.body());
        assertThat(data.get("tileUrl").isNull()).isTrue();
        JsonNode routes = data.get("routes");
        assertThat(routes).hasSize(2);
        JsonNode annas = routes.get(0).get("stops");
        assertThat(annas).hasSize(2);
        assertThat(annas.get(0).get("n").asInt()).isEqualTo(1);
        assertThat(annas.get(0).get("label").asString()).startsWith("1. 08:00").contains("Anna Amsler").contains("Early Stop");
        assertThat(annas.get(1).get("label").asString()).startsWith("2. 11:00");
        assertThat(annas.get(0).get("lat").decimalValue()).isEqualByComparingTo("47.35");
        assertThat(routes.get(0).get("line").asBoolean()).isTrue();
        // Ben's second stop has no coordinates: not on the map, but in the list with a way to add them
        assertThat(routes.get(1).get("stops")).hasSize(1);
        assertThat(page.body()).contains("Nowhere Yet").contains("No location yet").contains("id=\"map-legend\"");
        // a client's name cannot end the data early or become markup
        assertThat(page.body()).doesNotContain("</script><b>").contains("Late Stop &lt;/script&gt;&lt;b&gt;");
        assertThat(page.body()).doesNotContain("Their Secret Stop");
        // the only script without a src is the data one, which the browser never runs
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)(?![^>]*type=\"application/json\")[^>]*>")
                .doesNotContain("style=\"").doesNotContain("onclick");
        assertThat(page.header("Content-Security-Policy")).contains("img-src 'self' data:;");
        // the owner is told how to get map tiles
        assertThat(page.body()).contains("id=\"map-no-tiles\"");
    }

    @Test
    void aTechnicianWhoSeesOnlyTheirOwnWorkGetsOnlyTheirStops() {
        Https technician = signedIn(c, ben.email().value());
        Response page = technician.get(map);
        assertThat(page.status()).isEqualTo(200);
        JsonNode routes = data(page.body()).get("routes");
        assertThat(routes).hasSize(1);
        assertThat(routes.get(0).get("stops").get(0).get("label").asString()).contains("Bens Stop");
        assertThat(page.body()).doesNotContain("Early Stop").doesNotContain("Anna Amsler").doesNotContain("id=\"map-no-tiles\"");
    }

    @Test
    void aDateThatIsNoneIsRefusedAndAnotherCompanysCrewShowsNothing() {
        Https owner = signedIn(c, c.ownerEmail());
        assertThat(owner.get("/c/" + c.slug() + "/schedule/map?date=tomorrow").status()).isEqualTo(400);
        Response foreignCrew = owner.get(map + "&crew=" + java.util.UUID.randomUUID());
        assertThat(foreignCrew.status()).isLessThan(500);
        assertThat(foreignCrew.body()).doesNotContain("Their Secret Stop");
        // and the other company's owner does not see this company's map
        Https stranger = signedIn(other, other.ownerEmail());
        assertThat(stranger.get(map).status()).isIn(302, 401, 403, 404);
    }

    private Https signedIn(TestCompany company, String email) {
        Https browser = new Https(port);
        assertThat(browser.signIn(company.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return browser;
    }

    private static JsonNode data(String body) {
        Matcher m = DATA.matcher(body);
        assertThat(m.find()).as("the map's data").isTrue();
        return JSON.readTree(m.group(1));
    }

    private User technician(TestCompany company, String name, String fullName) {
        return accounts.addUser(company.system(), new EmailAddress(name + "@" + company.slug() + ".example"), fullName,
                Role.USER, Fixtures.PASSWORD.toCharArray());
    }

    private void job(Actor actor, String client, String latitude, String longitude, String from, User technician) {
        Client created = clients.create(actor, new NewClient(client, null, null, null, null),
                new NewProperty("Site", "Street 1", "Zürich", null, "8000", null, latitude, longitude));
        String property = clients.properties(actor, created.id()).getFirst().id();
        String to = String.format("%02d:30", Integer.parseInt(from.substring(0, 2)));
        jobs.create(actor, new NewJob(created.id(), property, "Service", null, null, null, null, null,
                List.of(technician.id()), null, null, null,
                new NewVisit(day + "T" + from, day + "T" + to, List.of(technician.id()))));
    }
}
