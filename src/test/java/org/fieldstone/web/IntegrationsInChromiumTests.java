package org.fieldstone.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.tenancy.SecretStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Settings → Integrations in a real browser: reached through the navigation, a secret saved and replaced and
 * removed, only its hint shown, on a phone-sized screen, with no console errors or CSP violations.
 */
@SqliteApplicationTest
class IntegrationsInChromiumTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Autowired Fixtures fixtures;
    @Autowired SecretStore secrets;
    @Value("${server.port}") int port;

    @Test
    void savesAndRemovesASecretThatIsShownOnlyByItsHint() throws Exception {
        var c = fixtures.company("browser-secrets");
        String slug = c.slug();
        String base = "https://localhost:" + port;
        String value = "sk_example_not-a-real-key-for-tests-4f2a";

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(390, 844);
            Page page = window.page();
            List<String> problems = window.problems();

            window.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + slug + "/");

            // on the phone: More in the bottom bar, Settings, then Integrations on the Settings page
            Locator bottom = page.locator("nav.bottombar");
            bottom.locator("details.more > summary").click();
            bottom.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/settings");
            page.locator("#settings-groups").getByRole(AriaRole.LINK,
                    new Locator.GetByRoleOptions().setName("Integrations").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/settings/integrations");
            assertThat(page.locator("h1")).hasText("Integrations");

            Locator stripe = page.locator("section[id='secret-stripe.secret-key']");
            assertThat(stripe).containsText("Not set.");
            stripe.getByLabel("Value").fill(value);
            stripe.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            assertThat(page.locator(".notice")).containsText("Saved.");
            assertThat(stripe.locator("code")).hasText("sk_…4f2a");
            assertThat(stripe).containsText("by Owner of " + slug);
            assertThat(stripe.locator("input[type=password]")).hasValue("");
            assertThat(page.content()).doesNotContain(value.substring(8));
            assertThat(secrets.reveal(c.company.id(), "stripe.secret-key")).contains(value);

            int overflow = ((Number) page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
            assertThat(overflow).as("horizontal overflow of the integrations page at 390px, in px").isLessThanOrEqualTo(0);
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("integrations.png")).setFullPage(true));

            stripe.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove")).click();
            assertThat(page.locator(".notice")).containsText("The secret was removed.");
            assertThat(stripe).containsText("Not set.");
            assertThat(secrets.reveal(c.company.id(), "stripe.secret-key")).isEmpty();

            assertThat(problems).as("console errors, CSP violations, failed requests and uncaught errors").isEmpty();
        }
    }
}
