package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.ops.DemoData;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Page.PageRequest;
import org.fieldstone.shared.Role;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.NewCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * The screenshots of the main pages in docs/screenshots, at the office's 1366×900 and the phone's 390×844, of a
 * company with the demo's week and money. Run in every build (into target/screenshots, checking each page loads
 * without a console error, CSP violation or failed request); to refresh the documentation's copies:
 *
 * <pre>
 * ./mvnw -B test -Dtest=ScreenshotsInChromiumTests -Dsurefire.failIfNoSpecifiedTests=false -Dfieldstone.screenshots=docs/screenshots
 * </pre>
 */
@SqliteApplicationTest
class ScreenshotsInChromiumTests {

    static final Path DIRECTORY = Path.of(System.getProperty("fieldstone.screenshots", "target/screenshots"));
    static final Map<String, Integer> SIZES = Map.of("desktop", 1366, "phone", 390);

    @Autowired Accounts accounts;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired ApplicationContext context;
    @Value("${server.port}") int port;

    @Test
    void theMainPagesAtBothSizes() throws Exception {
        String slug = "screenshots";
        Company company = accounts.createCompany(new NewCompany(slug, "Demo Plumbing & Heating", ZoneId.of("Europe/Zurich"),
                "CH"), new EmailAddress("owner@screenshots.example"), "Olivia Owner", Fixtures.PASSWORD.toCharArray());
        DemoData.seed(context, company);
        Actor system = Actor.system(company.id(), Channel.SYSTEM);
        User sam = accounts.addUser(system, new EmailAddress("sam@screenshots.example"), "Sam Apprentice", Role.USER,
                Fixtures.PASSWORD.toCharArray());
        myDay(system, sam, company.timeZone());
        Files.createDirectories(DIRECTORY);

        List<String> taken = new ArrayList<>();
        try (BrowserSession chromium = BrowserSession.launch(port)) {
            for (Map.Entry<String, Integer> size : SIZES.entrySet()) {
                int width = size.getValue();
                int height = width > 1000 ? 900 : 844;
                BrowserSession.Window office = chromium.open(width, height);
                office.signIn(slug, "owner@screenshots.example", Fixtures.PASSWORD);
                office.page().waitForURL(url -> url.endsWith("/c/" + slug + "/"));
                for (Map.Entry<String, String> page : officePages(office.page(), chromium.base() + "/c/" + slug + "/").entrySet()) {
                    taken.add(shoot(office, page.getKey(), page.getValue(), size.getKey()));
                }
                BrowserSession.Window technician = chromium.open(width, height);
                technician.signIn(slug, "sam@screenshots.example", Fixtures.PASSWORD);
                technician.page().waitForURL(url -> url.endsWith("/c/" + slug + "/"));
                taken.add(shoot(technician, "my-day", chromium.base() + "/c/" + slug + "/my-day", size.getKey()));
                assertThat(office.problems()).as("problems on the office's pages").isEmpty();
                assertThat(technician.problems()).as("problems on the technician's pages").isEmpty();
            }
        }
        assertThat(taken).allSatisfy(file -> assertThat(Files.size(DIRECTORY.resolve(file))).isGreaterThan(5_000));
    }

    /** The office's main pages: the lists, and the first record of each (found as a user finds it, by its link). */
    private static Map<String, String> officePages(Page page, String home) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", home);
        pages.put("schedule-day", home + "schedule?view=day");
        pages.put("schedule-week", home + "schedule?view=week");
        pages.put("schedule-map", home + "schedule/map");
        pages.put("jobs", home + "jobs");
        pages.put("job", first(page, home + "jobs", "jobs/"));
        pages.put("clients", home + "clients");
        pages.put("client", first(page, home + "clients", "clients/"));
        pages.put("quotes", home + "quotes");
        pages.put("quote", first(page, home + "quotes", "quotes/"));
        pages.put("invoices", home + "invoices");
        pages.put("invoice", first(page, home + "invoices", "invoices/"));
        pages.put("revenue", home + "reports/revenue");
        pages.put("settings", home + "settings");
        return pages;
    }

    /** The address of the first record linked from a list page. */
    private static String first(Page page, String list, String below) {
        page.navigate(list);
        String href = page.locator("main table a[href*='/" + below + "']").first().getAttribute("href");
        return page.url().replaceAll("/c/.*$", "") + href;
    }

    private static String shoot(BrowserSession.Window window, String name, String url, String size) {
        Page page = window.page();
        page.navigate(url);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        String file = name + "-" + size + ".png";
        page.screenshot(new Page.ScreenshotOptions().setPath(DIRECTORY.resolve(file)));
        return file;
    }

    /** Today, two visits for the technician who signs in, so that My day shows what a working day looks like. */
    private void myDay(Actor system, User technician, ZoneId zone) {
        List<Client> some = clients.list(system, null, false, new PageRequest(0, 2)).items();
        LocalDate today = LocalDate.now(zone);
        for (int i = 0; i < some.size(); i++) {
            Client client = some.get(i);
            String property = clients.properties(system, client.id()).getFirst().id();
            var start = today.atTime(8 + 3 * i, 0);
            jobs.create(system, new NewJob(client.id(), property, i == 0 ? "Boiler service" : "Leaking tap under the sink",
                    null, null, List.of(), List.of(), null, List.of(technician.id()), null, List.of(), null,
                    new NewVisit(start.toString(), start.plusMinutes(90).toString(), List.of(technician.id()))));
        }
    }
}
