package org.fieldstone.schedule.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.shared.Role;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Dispatch and a technician's day in a real browser (Debian's chromium through Playwright): a dispatcher makes a
 * checklist with a required item, creates a job with it, schedules a visit for a technician from the job page and
 * finds it on the calendar; the technician, on a phone, goes On my way, starts, ticks the checklist and finishes;
 * the job is then completed with its time on site. No console errors, no CSP violations, no sideways scrolling.
 */
@SqliteApplicationTest
class ScheduleInChromiumTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired ChecklistTemplates checklists;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    @Test
    void aDispatcherSchedulesAVisitAndTheTechnicianWorksItFromMyDayOnAPhone() throws Exception {
        var c = fixtures.company("browser-schedule");
        User dispatcher = c.addUser(Role.ADMIN);
        User tech = c.addUser(Role.USER);
        clients.create(c.system(), new NewClient("Harbour Bakery", null, "044 668 18 00", null, null),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        String slug = c.slug();
        String base = "https://localhost:" + port;
        LocalDateTime start = LocalDateTime.ofInstant(clock.instant(), ZURICH).truncatedTo(ChronoUnit.MINUTES);

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window desk = chromium.open(1280, 900);
            Page page = desk.page();
            List<String> problems = desk.problems();
            desk.signIn(slug, dispatcher.email().value(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + slug + "/");
            Locator nav = page.locator("nav[aria-label=Main]");

            // a checklist with a required item, in Settings → Scheduling
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
            page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Scheduling").setExact(true)).click();
            assertThat(page.locator("h1")).hasText("Schedule settings");
            page.locator("#new-template summary").click();
            page.locator("#template-name").fill("Boiler service");
            page.locator("#template-item-0").fill("Check the flue");
            page.locator("#template-required-0").check();
            page.locator("#template-item-1").fill("Sweep up");
            page.locator("#create-template").click();
            assertThat(page.locator("p.notice")).hasText("The checklist was created.");

            // a new job: the property select follows the client (htmx)
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Jobs").setExact(true)).click();
            page.locator("#new-job").click();
            assertThat(page.locator("h1")).hasText("New job");
            chooseClient(page, "Harbour Bakery");
            page.locator("#job-propertyId").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
            page.locator("#job-title").fill("Boiler service");
            page.locator("#job-description").fill("Annual service of the bakery's boiler.");
            page.locator("#job-checklistTemplateId").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Boiler service"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create job")).click();
            assertThat(page.locator("p.notice")).hasText("The job was created.");
            assertThat(page.locator("#job-status")).hasText("Draft");
            assertThat(page.locator("#checklist")).containsText("Check the flue");

            // a visit for the technician, now, from the job page
            page.locator("#add-visit summary").click();
            page.locator("#visit-start").fill(start.toString());
            page.locator("#visit-end").fill(start.plusHours(1).toString());
            page.locator("#add-visit").getByLabel(tech.name()).check();
            page.locator("#add-visit-submit").click();
            assertThat(page.locator("p.notice")).hasText("The visit was scheduled.");
            assertThat(page.locator("#job-status")).hasText("Scheduled");
            String jobUrl = page.url().replaceAll("\\?.*$", "");

            // on the calendar, in the technician's column; a card opens the visit form
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Schedule").setExact(true)).click();
            assertThat(page.locator("h1")).hasText("Schedule");
            Locator card = page.locator("a.visit-card").filter(new Locator.FilterOptions().setHasText("Boiler service"));
            assertThat(card).hasCount(1);
            assertThat(page.locator("#calendar thead")).containsText(tech.name());
            card.click();
            assertThat(page.locator("#visit-form")).isVisible();
            assertThat(page.locator("#visit-form-start")).hasValue(start.toString());
            // a longer visit: the card behind the form follows without a reload
            LocalDateTime longerEnd = start.plusMinutes(90);
            page.locator("#visit-form-end").fill(longerEnd.toString());
            page.locator("#visit-form-save").click();
            assertThat(page.locator("#visit-saved")).hasText("The visit was saved.");
            assertThat(page.locator("a.visit-card").filter(new Locator.FilterOptions().setHasText("Boiler service")))
                    .containsText(java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(longerEnd));
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshot("schedule.png")).setFullPage(true));

            // the technician's day on a phone
            BrowserSession.Window phone = chromium.open(390, 844);
            Page mobile = phone.page();
            List<String> phoneProblems = phone.problems();
            phone.signIn(slug, tech.email().value(), Fixtures.PASSWORD);
            mobile.locator("nav.bottombar").getByRole(AriaRole.LINK,
                    new Locator.GetByRoleOptions().setName("My day").setExact(true)).click();
            assertThat(mobile.locator("h1")).hasText("My day");
            Locator stop = mobile.locator("li.stop");
            assertThat(stop).hasCount(1);
            assertThat(stop).containsText("Harbour Bakery");
            assertThat(stop).containsText("Boiler service");
            assertThat(stop.locator("a[href^='tel:']")).hasAttribute("href", "tel:+41446681800");
            assertThat(stop.locator("a[href*='openstreetmap.org/search']")).hasCount(1);
            assertThat(overflow(mobile)).as("horizontal overflow of My day at 390px").isLessThanOrEqualTo(0);
            mobile.screenshot(new Page.ScreenshotOptions().setPath(screenshot("my-day.png")).setFullPage(true));

            mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("On my way")).click();
            assertThat(stop.locator(".status")).hasText("On the way");
            mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start").setExact(true)).click();
            assertThat(stop.locator(".status").first()).hasText("In progress");
            Locator flue = stop.locator("ul.checklist li").filter(new Locator.FilterOptions().setHasText("Check the flue"));
            flue.locator("input[type=checkbox]").check();
            assertThat(stop.locator("ul.checklist li.done")).hasCount(1);
            clock.advance(Duration.ofMinutes(25));
            mobile.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Finish")).click();
            assertThat(stop.locator(".status").first()).hasText("Finished");
            assertThat(stop.locator(".time-on-site")).containsText("0 h 25 min");
            assertThat(overflow(mobile)).as("horizontal overflow of My day at 390px").isLessThanOrEqualTo(0);
            mobile.screenshot(new Page.ScreenshotOptions().setPath(screenshot("my-day-finished.png")).setFullPage(true));

            // the dispatcher sees the job completed with its time on site
            page.navigate(jobUrl);
            assertThat(page.locator("#job-status")).hasText("Completed");
            assertThat(page.locator("#job-time-on-site")).hasText("0 h 25 min");
            assertThat(page.locator("li.visit")).containsText("Finished");

            assertThat(problems).as("dispatcher: console errors, CSP violations, failed requests").isEmpty();
            assertThat(phoneProblems).as("technician: console errors, CSP violations, failed requests").isEmpty();
        }
    }

    /**
     * My day on a phone keeps the stop tapped in view: Start on the second stop swaps that stop in place (no jump
     * to the top, no new address), a refused Finish says why within the viewport, and a note is added in place.
     */
    @Test
    void myDayKeepsTheTappedStopInViewAndSaysARefusalThere() {
        var c = fixtures.company("browser-my-day");
        User tech = c.addUser(Role.USER);
        var client = clients.create(c.system(), new NewClient("Lakeside Dental", null, "044 668 18 01", null, null),
                new NewProperty("Practice", "Seestrasse 1", "Zürich", null, "8002", null, null, null));
        String property = clients.properties(c.system(), client.id()).getFirst().id();
        var template = checklists.createTemplate(c.system(), "Flue", List.of(new ChecklistTemplate.Item("Check the flue", true)));
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), ZURICH);
        String description = "Long notes for the technician. ".repeat(12);
        for (int i = 0; i < 3; i++) {
            var start = today.atTime(6 + i, 0).atZone(ZURICH).toOffsetDateTime();
            var job = jobs.create(c.system(), new NewJob(client.id(), property, "Stop " + (i + 1), description, null, null,
                    null, null, List.of(tech.id()), i == 1 ? template.id() : null, null, null,
                    new NewVisit(start.toString(), start.plusHours(1).toString(), null)));
            jobs.addNote(c.system(), job.id(), "Key under the mat");
        }
        String myDay = "https://localhost:" + port + "/c/" + c.slug() + "/my-day";

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window phone = chromium.open(390, 844);
            Page mobile = phone.page();
            List<String> problems = phone.problems();
            phone.signIn(c.slug(), tech.email().value(), Fixtures.PASSWORD);
            mobile.navigate(myDay);
            Locator second = mobile.locator("li.stop").nth(1);
            assertThat(second).containsText("Stop 2");
            Locator start = second.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start").setExact(true));
            start.scrollIntoViewIfNeeded();
            double before = scrollY(mobile);
            assertThat(before).as("the second stop is below the fold").isGreaterThan(300);
            assertThat(inViewport(mobile, start)).isTrue();

            start.click();
            assertThat(second.locator(".status").first()).hasText("In progress");
            assertThat(mobile).hasURL(myDay);
            assertThat(Math.abs(scrollY(mobile) - before)).as("scroll after Start").isLessThan(100);
            Locator finish = second.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Finish"));
            assertThat(inViewport(mobile, finish)).as("Finish in view after Start").isTrue();

            finish.click();
            Locator refusal = second.locator("p.error[role=alert]");
            assertThat(refusal).containsText("Tick the required checklist items first");
            assertThat(mobile).hasURL(myDay);
            assertThat(inViewport(mobile, refusal)).as("the refusal is in view").isTrue();
            assertThat(scrollY(mobile)).as("no jump to the top").isGreaterThan(300);

            Locator note = second.locator("textarea[name=body]");
            note.scrollIntoViewIfNeeded();
            double beforeNote = scrollY(mobile);
            note.fill("Flue blocked, back tomorrow");
            second.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add note")).click();
            assertThat(second.locator("ol.notes-list")).containsText("Flue blocked, back tomorrow");
            assertThat(Math.abs(scrollY(mobile) - beforeNote)).as("scroll after Add note").isLessThan(100);
            assertThat(overflow(mobile)).as("horizontal overflow of My day at 390px").isLessThanOrEqualTo(0);

            problems.removeIf(p -> p.contains("HTTP 409 for POST " + myDay)
                    || p.contains("status of 409") && p.contains("/my-day"));
            assertThat(problems).as("console errors, CSP violations, failed requests").isEmpty();
        }
    }

    /** The visit form opens in a dialog in sight of a card low on the board, and closes by its button or Escape. */
    @Test
    void theVisitFormOpensInADialogInSightAndCloses() {
        var c = fixtures.company("browser-visit-dialog");
        User dispatcher = c.addUser(Role.ADMIN);
        User tech = c.addUser(Role.USER);
        var client = clients.create(c.system(), new NewClient("Evening Bistro", null, null, null, null),
                new NewProperty("Bistro", "Gasse 2", "Zürich", null, "8001", null, null, null));
        String property = clients.properties(c.system(), client.id()).getFirst().id();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), ZURICH);
        var late = today.atTime(17, 0).atZone(ZURICH).toOffsetDateTime();
        jobs.create(c.system(), new NewJob(client.id(), property, "Late visit", null, null, null, null, null,
                List.of(tech.id()), null, null, null, new NewVisit(late.toString(), late.plusHours(1).toString(), null)));
        String base = "https://localhost:" + port + "/c/" + c.slug();

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            // short screens, so that the evening card is below the fold (the one-line header leaves 390×844 room for all)
            for (int[] size : new int[][] {{390, 560}, {1280, 600}}) {
                BrowserSession.Window window = chromium.open(size[0], size[1]);
                Page page = window.page();
                window.signIn(c.slug(), dispatcher.email().value(), Fixtures.PASSWORD);
                page.navigate(base + "/schedule?date=" + today);
                Locator card = page.locator("a.visit-card").filter(new Locator.FilterOptions().setHasText("Late visit"));
                card.scrollIntoViewIfNeeded();
                assertThat(scrollY(page)).as("the card is low on the page: %s in a document %s high", card.boundingBox().y,
                        page.evaluate("document.documentElement.scrollHeight")).isGreaterThan(0);
                Locator dialog = page.locator("#visit-dialog");
                assertThat(dialog).isHidden();

                card.click();
                assertThat(dialog).isVisible();
                assertThat(page.locator("#visit-form-start")).hasValue(late.toLocalDateTime().toString());
                assertThat(inViewport(page, page.locator("#visit-form-start"))).as("the form is in sight").isTrue();
                assertThat(inViewport(page, page.locator("#visit-dialog-close"))).as("Close is in sight").isTrue();
                page.keyboard().press("Escape");
                assertThat(dialog).isHidden();

                card.click();
                assertThat(dialog).isVisible();
                assertThat(page.locator("#visit-form-start")).hasValue(late.toLocalDateTime().toString());
                page.locator("#visit-form-save").click();
                assertThat(page.locator("#visit-saved")).hasText("The visit was saved.");
                assertThat(dialog).isVisible();
                page.locator("#visit-dialog-close").click();
                assertThat(dialog).isHidden();
                assertThat(overflow(page)).as("horizontal overflow at " + size[0] + "px").isLessThanOrEqualTo(0);
                assertThat(window.problems()).as("console errors, CSP violations, failed requests").isEmpty();
            }
        }
    }

    static double scrollY(Page page) {
        return ((Number) page.evaluate("window.scrollY")).doubleValue();
    }

    /** Whether the element's box lies wholly inside the viewport. */
    static boolean inViewport(Page page, Locator element) {
        var box = element.boundingBox();
        var size = page.viewportSize();
        return box != null && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
    }

    static int overflow(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
    }

    static Path screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        return SCREENSHOTS.resolve(name);
    }

    /**
     * Chooses a client on the new-job form through its client picker (type the name, click the suggestion) and waits
     * for its properties (htmx). Typing starts only once htmx has processed the freshly swapped-in form (input before
     * that fires no request), and a response slowed by a busy CI machine is given time and another try.
     */
    private static void chooseClient(Page page, String name) {
        page.waitForFunction("() => { const s = document.querySelector('#job-clientQuery');"
                + " return s !== null && s['htmx-internal-data'] !== undefined; }", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        Locator query = page.locator("#job-clientQuery");
        for (int attempt = 1; ; attempt++) {
            query.fill("");
            query.click();
            query.pressSequentially(name.substring(0, Math.min(name.length(), 6)));
            try {
                Locator option = page.locator(".client-options [role=option][data-id]",
                        new Page.LocatorOptions().setHasText(name));
                option.first().click(new Locator.ClickOptions().setTimeout(15_000));
                assertThat(page.locator("#job-propertyId option")).hasCount(2,
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(15_000));
                return;
            } catch (AssertionError | com.microsoft.playwright.PlaywrightException notYet) {
                if (attempt == 2) {
                    throw notYet;
                }
            }
        }
    }
}
