package org.fieldstone.schedule.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The map of a day's visits in a real browser: two technicians' stops as numbered markers in visit order, in their
 * legend colours, one route line for the technician with two located stops, the stop without coordinates listed as
 * "No location yet"; Leaflet runs under the strict CSP without a violation, and without a tile server configured no
 * request leaves this server.
 */
@SqliteApplicationTest
class ScheduleMapInChromiumTests {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired Fixtures fixtures;
    @Autowired Accounts accounts;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    @Test
    void theMapShowsTheDaysStopsNumberedInOrderInEachTechniciansColourAndAsksNobodyElse() throws Exception {
        var c = fixtures.company("browser-map");
        User anna = accounts.addUser(c.system(), new EmailAddress("anna@" + c.slug() + ".example"), "Anna Amsler",
                Role.USER, Fixtures.PASSWORD.toCharArray());
        User ben = accounts.addUser(c.system(), new EmailAddress("ben@" + c.slug() + ".example"), "Ben Brunner",
                Role.USER, Fixtures.PASSWORD.toCharArray());
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZURICH).plusDays(1);
        Actor owner = c.system();
        job(owner, "Bakery Baum", "Marktgasse 5", "Winterthur", "47.4990", "8.7290", day, "10:00", "11:00", anna);
        job(owner, "Care home Linde", "Lindenhofweg 2", "Uster", "47.3480", "8.7180", day, "08:00", "09:30", anna);
        job(owner, "Surgery Vogel", "Bahnhofplatz 6", "Dübendorf", "47.3970", "8.6180", day, "09:00", "10:00", ben);
        job(owner, "Flat Zehnder", "Nowhere 1", "Zürich", null, null, day, "13:00", "14:00", ben);
        String base = "https://localhost:" + port;

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window desk = chromium.open(1366, 900);
            Page page = desk.page();
            List<String> requested = new CopyOnWriteArrayList<>();
            page.onRequest(r -> requested.add(r.url()));
            desk.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/");

            // from the day's calendar to the same day's map
            page.navigate(base + "/c/" + c.slug() + "/schedule?view=day&date=" + day);
            page.locator("#map-link").click();
            assertThat(page).hasURL(Pattern.compile(".*/c/" + c.slug() + "/schedule/map\\?date=" + day + ".*"));
            assertThat(page.locator("h1")).hasText("Map of the day");

            Locator markers = page.locator(".leaflet-marker-icon.map-marker");
            assertThat(markers).hasCount(3);
            // Anna's stops numbered by time, not by when they were booked; Ben's located stop is his first
            Locator annas = page.locator(".leaflet-marker-icon.map-marker.map-tech-0");
            Locator bens = page.locator(".leaflet-marker-icon.map-marker.map-tech-1");
            assertThat(annas).hasCount(2);
            assertThat(bens).hasCount(1);
            assertThat(page.locator(".map-marker[title^='1. 08:00']")).hasClass(Pattern.compile(".*map-tech-0.*"));
            assertThat(page.locator(".map-marker[title^='1. 08:00']")).hasText("1");
            assertThat(page.locator(".map-marker[title^='2. 10:00']")).hasText("2");
            assertThat(page.locator(".map-marker[title^='1. 09:00']")).hasText("1");
            assertThat(page.locator(".map-marker[title^='1. 09:00']")).hasAttribute("title", Pattern.compile(".*Ben Brunner.*Surgery Vogel.*"));
            // one route: Anna's two stops joined; Ben has one located stop, which is no line
            assertThat(page.locator("path.map-route")).hasCount(1);
            assertThat(page.locator("path.map-route.map-tech-0")).hasCount(1);

            // the legend: one colour per technician, the colour the markers have
            Locator legend = page.locator("#map-legend li");
            assertThat(legend).hasCount(2);
            assertThat(legend.nth(0)).containsText("Anna Amsler");
            assertThat(legend.nth(1)).containsText("Ben Brunner");
            String annaColour = background(legend.nth(0).locator(".map-swatch"));
            String benColour = background(legend.nth(1).locator(".map-swatch"));
            assertThat(annaColour).isNotEqualTo(benColour);
            assertThat(background(annas.first())).isEqualTo(annaColour);
            assertThat(background(bens.first())).isEqualTo(benColour);
            assertThat(stroke(page.locator("path.map-route"))).isEqualTo(annaColour);

            // the list beside the map: every stop, the one without coordinates with a way to add them
            Locator rows = page.locator("#map-stops li");
            assertThat(rows).hasCount(4);
            assertThat(rows.nth(0)).containsText("08:00");
            assertThat(rows.nth(0)).containsText("Care home Linde");
            assertThat(page.locator("#map-stops li.unlocated")).hasCount(1);
            assertThat(page.locator("#map-stops li.unlocated")).containsText("Flat Zehnder");
            assertThat(page.locator("#map-stops li.unlocated")).containsText("No location yet");
            // without a tile server: no tiles, and the owner is told how to configure them
            assertThat(page.locator(".leaflet-tile")).hasCount(0);
            assertThat(page.locator("#map-no-tiles")).containsText("fieldstone.map.tile-url");

            // the page's own policy: images from this server only
            Response again = page.navigate(page.url());
            assertThat(again.headerValue("content-security-policy")).contains("img-src 'self' data:;");
            assertThat(markers).hasCount(3);

            Path shot = Path.of("target/screenshots/schedule-map.png");
            Files.createDirectories(shot.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));

            assertThat(desk.problems()).isEmpty();
            assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base + "/"));
            assertThat(requested).anyMatch(url -> url.contains("/webjars/leaflet/") && url.endsWith("/dist/leaflet.js"));
        }
    }

    private void job(Actor owner, String client, String street, String city, String latitude, String longitude, LocalDate day,
                     String from, String to, User technician) {
        Client created = clients.create(owner, new NewClient(client, null, null, null, null),
                new NewProperty("Site", street, city, null, "8000", null, latitude, longitude));
        Property property = clients.properties(owner, created.id()).getFirst();
        jobs.create(owner, new NewJob(created.id(), property.id(), "Service at " + client, null, null, null, null, null,
                List.of(technician.id()), null, null, null,
                new NewVisit(day + "T" + from, day + "T" + to, List.of(technician.id()))));
    }

    private static String background(Locator element) {
        return (String) element.evaluate("e => getComputedStyle(e).backgroundColor");
    }

    private static String stroke(Locator element) {
        return (String) element.evaluate("e => getComputedStyle(e).stroke");
    }
}
