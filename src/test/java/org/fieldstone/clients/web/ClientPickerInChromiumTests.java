package org.fieldstone.clients.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The client picker of the new-job form in a real browser: three letters typed bring suggestions (htmx, under the
 * strict CSP), choosing one fills in the client and loads its property, and the job saved has that client. Then the
 * client page lists the job, and its "New job for this client" opens the form with the client chosen.
 */
@SqliteApplicationTest
class ClientPickerInChromiumTests {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Value("${server.port}") int port;

    @Test
    void typesThreeLettersChoosesASuggestionAndTheJobHasThatClient() {
        var c = fixtures.company("browser-picker");
        String slug = c.slug();
        String base = "https://localhost:" + port;
        Client bakery = clients.create(c.system(), new NewClient("Harbour Bakery", null, null, null, null),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        Client boats = clients.create(c.system(), new NewClient("Harbour Boats", null, null, null, null),
                new NewProperty("Yard", "Hafen 1", "Zürich", null, "8002", null, null, null));
        clients.create(c.system(), new NewClient("Lakeside Dental", null, null, null, null), null);

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(1366, 900);
            Page page = window.page();
            List<String> problems = window.problems();
            window.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);

            page.navigate(base + "/c/" + slug + "/jobs/new");
            page.waitForFunction("() => { const s = document.querySelector('#job-clientQuery');"
                    + " return s !== null && s['htmx-internal-data'] !== undefined; }");
            page.locator("#job-clientQuery").click();
            page.locator("#job-clientQuery").pressSequentially("Har", new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(60));
            assertThat(page.locator("#job-client-options")).isVisible();
            assertThat(page.locator("#job-clientQuery")).hasAttribute("aria-expanded", "true");
            assertThat(page.locator("#job-client-options [role=option][data-id]")).hasCount(2);
            assertThat(page.locator("#job-client-options")).not().containsText("Lakeside Dental");

            // the keyboard moves through the suggestions; a click chooses one
            page.keyboard().press("ArrowDown");
            assertThat(page.locator("#job-client-options [aria-selected=true]")).hasCount(1);
            page.locator("#job-client-options [role=option]", new Page.LocatorOptions().setHasText("Harbour Bakery")).click();
            assertThat(page.locator("#job-clientQuery")).hasValue("Harbour Bakery");
            assertThat(page.locator("#job-clientId")).hasValue(bakery.id());
            assertThat(page.locator("#job-client-options")).isHidden();
            assertThat(page.locator("#job-propertyId option")).hasCount(2);
            page.locator("#job-propertyId").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));

            page.locator("#job-title").fill("Oven door seal");
            page.locator("form button[type=submit]").last().click();
            assertThat(page).hasURL(Pattern.compile("/c/" + slug + "/jobs/[0-9a-f-]{36}\\?notice=created$"));
            String jobId = page.url().replaceAll(".*/jobs/([0-9a-f-]{36}).*", "$1");
            Job job = jobs.get(c.system(), jobId);
            assertThat(job.clientId()).isEqualTo(bakery.id());
            assertThat(job.title()).isEqualTo("Oven door seal");

            // the client page lists it, and "New job for this client" opens the form with the client chosen
            page.navigate(base + "/c/" + slug + "/clients/" + bakery.id());
            assertThat(page.locator("#client-jobs")).containsText("Oven door seal");
            page.locator("#client-jobs-new").click();
            assertThat(page.locator("#job-clientQuery")).hasValue("Harbour Bakery");
            assertThat(page.locator("#job-clientId")).hasValue(bakery.id());
            assertThat(page.locator("#job-propertyId")).hasValue(job.propertyId());

            // on this form, reached through a boosted link, typing again clears the choice and suggests anew; the
            // keyboard alone chooses (ArrowDown twice: the second suggestion, Enter), without submitting the form
            page.locator("#job-clientQuery").fill("");
            page.locator("#job-clientQuery").pressSequentially("Har", new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(60));
            assertThat(page.locator("#job-clientId")).hasValue("");
            assertThat(page.locator("#job-client-options [role=option][data-id]")).hasCount(2);
            assertThat(page.locator("#job-client-options")).isVisible();
            page.keyboard().press("ArrowDown");
            page.keyboard().press("ArrowDown");
            page.keyboard().press("Enter");
            assertThat(page.locator("#job-clientQuery")).hasValue("Harbour Boats");
            assertThat(page.locator("#job-clientId")).hasValue(boats.id());
            assertThat(page.locator("#job-propertyId option")).hasCount(2);
            assertThat(page.locator("h1")).hasText("New job");

            assertThat(problems).as("console errors, CSP violations, failed requests").isEmpty();
        }
    }
}
