package org.fieldstone.assistant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.UUID;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.FakeAiProvider;
import org.fieldstone.support.FakeAiProvider.Step;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.tenancy.SecretStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The chat panel and Settings → Assistant in a real browser on a phone-sized screen, under the strict CSP: off until
 * configured (and saying how to turn it on), the key shown only as a hint, a question answered in place, a proposed
 * change confirmed with its form, a conversation deleted — with no console errors or CSP violations.
 */
@SqliteApplicationTest
class AssistantInChromiumTests {

    @Autowired Fixtures fixtures;
    @Autowired SecretStore secrets;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Tools tools;
    @Value("${server.port}") int port;

    @Test
    void anOwnerTurnsTheAssistantOnAsksAndConfirmsAChange() throws Exception {
        var c = fixtures.company("browser-assistant");
        String slug = c.slug();
        String base = "https://localhost:" + port;
        String key = "sk-ant-fake-" + UUID.randomUUID();
        FakeAiProvider ai = FakeAiProvider.start();
        Actor owner = c.system();
        Client client = clients.create(owner, new NewClient("Mrs. Keller", null, null, null, List.of()),
                new NewProperty(null, "Bahnhofstrasse 1", "Zürich", null, "8001", "CH", null, null));
        Job job = jobs.create(owner, new NewJob(client.id(), clients.properties(owner, client.id()).getFirst().id(),
                "Boiler service", null, null, List.of(), List.of(), null, List.of(), null, List.of(), null, null));

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(390, 844);
            Page page = window.page();
            window.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);

            page.navigate(base + "/c/" + slug + "/assistant");
            assertThat(page.locator("h1")).hasText("Assistant");
            assertThat(page.locator("#assistant-off")).containsText("Settings → Assistant");
            assertThat(page.locator("#assistant-form")).hasCount(0);

            page.navigate(base + "/c/" + slug + "/settings");
            page.locator("#settings-groups").getByRole(AriaRole.LINK,
                    new Locator.GetByRoleOptions().setName("Assistant").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/settings/assistant");
            assertThat(page.locator("#assistant-state")).hasAttribute("data-state", "off");
            assertThat(page.locator("#assistant-excludeContacts")).isChecked();
            page.getByLabel("Anthropic (Claude)").check();
            page.getByLabel("Base URL", new Page.GetByLabelOptions().setExact(true)).fill(ai.anthropicBase());
            page.getByLabel("Model", new Page.GetByLabelOptions().setExact(true)).fill("claude-fake");
            page.getByLabel("API key", new Page.GetByLabelOptions().setExact(true)).fill(key);
            page.locator("#save-assistant").click();
            assertThat(page.locator("#notice")).containsText("saved");
            assertThat(page.locator("#assistant-state")).hasAttribute("data-state", "on");
            assertThat(page.locator("#assistant-apiKey")).hasValue("");
            assertThat(page.content()).doesNotContain(key.substring(12, 30));
            assertThat(secrets.reveal(c.company.id(), "ai.api-key")).contains(key);

            page.navigate(base + "/c/" + slug + "/assistant");
            ai.script(key, Step.text("Nothing is scheduled today."));
            page.getByLabel("Your question").fill("What's on the schedule today?");
            page.locator("#assistant-send").click();
            assertThat(page.locator("#assistant-log .answer")).hasText("Nothing is scheduled today.");
            assertThat(page.locator("#assistant-log")).containsText("What's on the schedule today?");
            assertThat(page.locator("#assistant-conversations li")).hasCount(1);

            ai.script(key, Step.tool("add_job_note", "{\"jobId\":\"" + job.id() + "\",\"body\":\"Bring the long ladder\"}"),
                    Step.text("The note waits for your confirmation."));
            page.getByLabel("Your question").fill("Note on the boiler job: bring the long ladder");
            page.locator("#assistant-send").click();
            Locator action = page.locator("#assistant-log .card");
            assertThat(action).containsText(job.number());
            assertThat(action).hasAttribute("data-status", "pending");
            assertThat(page.locator("#assistant-log")).containsText("waits for your confirmation");
            assertThat(notes(owner, job)).doesNotContain("long ladder");
            action.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Confirm")).click();
            assertThat(page.locator("#assistant-log .card")).hasAttribute("data-status", "done");
            assertThat(notes(owner, job)).contains("Bring the long ladder");

            int overflow = ((Number) page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
            assertThat(overflow).as("horizontal overflow of the assistant at 390px, in px").isLessThanOrEqualTo(0);

            page.locator("#assistant-delete").click();
            assertThat(page.locator("#notice")).containsText("deleted");
            assertThat(page.locator("#assistant-conversations li")).hasCount(0);

            assertThat(window.problems()).as("console errors, CSP violations, failed requests and uncaught errors").isEmpty();
        }
    }

    String notes(Actor owner, Job job) {
        return tools.call(owner.through(Channel.ASSISTANT), "get_job", "{\"jobId\":\"" + job.id() + "\"}").content();
    }
}
