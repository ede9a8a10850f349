package org.fieldstone.jobs.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The job page in Chromium on a 390 px phone: Complete asks first, a refusal comes back on the job page's own address
 * (a reload shows the page, not "405"), each unticked item is named once, and the new-job form shows the repetition's
 * fields for the chosen repetition only. No console errors, no CSP violations, no sideways scrolling.
 */
@SqliteApplicationTest
class JobsInChromiumTests {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired ChecklistTemplates checklists;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    @Test
    void aRefusedCompleteStaysOnTheJobPageThroughAReloadAndTheRepetitionFieldsFollowTheChoice() {
        var c = fixtures.company("jobs-chromium");
        String base = "https://localhost:" + port + "/c/" + c.slug();
        Client client = clients.create(c.system(), new NewClient("Harbour Bakery", null, null, null, List.of()),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        String propertyId = clients.properties(c.system(), client.id()).getFirst().id();
        ChecklistTemplate template = checklists.createTemplate(c.system(), "Boiler service",
                List.of(new ChecklistTemplate.Item("Check the flue", true)));
        Job job = jobs.create(c.system(), new NewJob(client.id(), propertyId, "Boiler service", null, null, null, null,
                null, null, template.id(), null, null, new NewVisit(clock.instant().plusSeconds(86_400).toString(),
                clock.instant().plusSeconds(90_000).toString(), null)));

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window phone = chromium.open(390, 844);
            Page page = phone.page();
            List<String> problems = phone.problems();
            phone.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);

            page.navigate(base + "/jobs/" + job.id());
            assertThat(sideways(page)).as("job page").isLessThanOrEqualTo(0);
            page.locator("#complete-job").click();
            assertThat(page).hasURL(Pattern.compile("/jobs/" + job.id() + "/complete$"));
            assertThat(page.locator("#complete-cancels")).containsText("This open visit will be cancelled:");
            assertThat(page.locator("#complete-no-visit")).containsText("No visit was started");
            assertThat(sideways(page)).as("confirmation").isLessThanOrEqualTo(0);
            page.locator("#confirm-complete").click();

            assertThat(page).hasURL(Pattern.compile("/jobs/" + job.id() + "(#.*)?$"));
            assertThat(page.locator("#refusal li")).hasCount(1);
            assertThat(page.locator("#refusal")).containsText("Tick the required checklist items first:");
            Response reloaded = page.reload();
            assertThat(reloaded.status()).isEqualTo(200);
            assertThat(page.locator("main")).not().containsText("405");
            assertThat(page.locator("#job-status")).hasText("Scheduled");

            page.navigate(base + "/jobs/new");
            assertThat(page.locator("#repeat-byDay")).isHidden();
            page.locator("#job-repeat").selectOption("weekly");
            assertThat(page.locator("#repeat-byDay")).isVisible();
            assertThat(page.locator("#repeat-interval")).isVisible();
            assertThat(page.locator("#repeat-monthDay")).isHidden();
            page.locator("#job-repeat").selectOption("custom");
            assertThat(page.locator("#repeat-rrule")).isVisible();
            assertThat(page.locator("#repeat-byDay")).isHidden();
            assertThat(sideways(page)).as("new job form").isLessThanOrEqualTo(0);

            assertThat(problems).as("console errors, CSP violations, failed requests").isEmpty();
        }
    }

    private static int sideways(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
    }
}
