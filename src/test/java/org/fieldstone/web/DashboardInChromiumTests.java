package org.fieldstone.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Https;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The dashboard in a real browser (Debian's chromium through Playwright), over the test server's HTTPS:
 * sign in, add a team member, create an API key and use it, sign out — with no console errors and no
 * Content-Security-Policy violations on the way.
 */
@SqliteApplicationTest
class DashboardInChromiumTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");


    @Autowired Fixtures fixtures;
    @Value("${server.port}") int port;

    @Test
    void ownerSignsInAddsAMemberCreatesAnApiKeyAndSignsOut() throws Exception {
        var c = fixtures.company("browser");
        String slug = c.slug();
        String base = "https://localhost:" + port;
        String memberEmail = "dana@" + slug + ".example";

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(1280, 800);
            Page page = window.page();
            List<String> problems = window.problems();
            Locator nav = page.locator("nav[aria-label=Main]");

            // sign in through the form
            page.navigate(base + "/c/" + slug + "/login");
            assertThat(page.locator("h1")).hasText("Sign in to " + c.company.name());
            assertThat(nav).hasCount(0);
            window.submitSignIn(c.ownerEmail(), Fixtures.PASSWORD);

            // the home page greets the owner
            assertThat(page).hasURL(base + "/c/" + slug + "/");
            assertThat(page.locator("h1")).hasText("Good day, Owner of " + slug);
            assertThat(page.locator("header .company")).hasText(c.company.name());

            // Team, through Settings: add a member and get the one-time invitation link
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
            page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Team").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/team");
            assertThat(page.locator("h1")).hasText("Team");
            assertThat(page.locator("tr[data-email='" + memberEmail + "']")).hasCount(0);
            page.locator("#invite-name").fill("Dana Field");
            page.locator("#invite-email").fill(memberEmail);
            page.locator("#invite-role").selectOption("ADMIN");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add and get link")).click();

            Locator link = page.locator("input#invitation-link");
            assertThat(link).hasValue(Pattern.compile(
                    "^" + jsLiteral(base + "/c/" + slug + "/invite/") + "[A-Za-z0-9_-]{20,}$"));
            assertThat(page.locator("#invitation")).containsText("Dana Field was added");
            Locator row = page.locator("tr[data-email='" + memberEmail + "']");
            assertThat(row).hasCount(1);
            assertThat(row.locator("td").first()).hasText("Dana Field");
            assertThat(row).containsText(memberEmail);
            assertThat(row.locator("select[name=role]")).hasValue("ADMIN");
            assertThat(row).containsText("Invited");

            // the same page on a phone: nothing wider than the screen; keep a screenshot to look at
            page.setViewportSize(390, 844);
            assertThat(link).isVisible();
            int overflow = ((Number) page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
            assertThat(overflow).as("horizontal overflow of the team page at 390px, in px").isLessThanOrEqualTo(0);
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("team.png")).setFullPage(true));
            page.setViewportSize(1280, 800);

            // API keys, through Settings: create one, shown once
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
            page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("API keys").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/account/api-keys");
            assertThat(page.locator("h1")).hasText("My API keys");
            page.locator("#key-name").fill("browser key");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key")).click();
            Locator keyValue = page.locator("input#new-key-value");
            assertThat(keyValue).hasValue(Pattern.compile("^fsk_\\S{20,}$"));
            String key = keyValue.inputValue();
            assertThat(page.locator("table.list")).containsText("browser key");
            assertThat(page.locator("table.list")).not().containsText(key);

            // the key really works against the API
            Https.Response me = new Https(port).get("/api/v1/me", key);
            assertThat(me.status()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains(c.ownerEmail()).contains("\"OWNER\"");

            // sign out through the user's menu
            page.locator("details.usermenu > summary").click();
            page.locator("details.usermenu").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/login?notice=signedOut");
            assertThat(page.locator("p.notice")).hasText("You are signed out.");
            assertThat(page.locator("h1")).hasText("Sign in to " + c.company.name());
            assertThat(nav).hasCount(0);

            // the session is gone: the team page sends us back to the login page
            page.navigate(base + "/c/" + slug + "/team");
            assertThat(page).hasURL(base + "/c/" + slug + "/login");
            assertThat(page.locator("h1")).hasText("Sign in to " + c.company.name());
            assertThat(page.locator("p.notice")).hasCount(0);

            assertThat(problems).as("console errors, CSP violations and uncaught errors").isEmpty();
        }
    }

    /** Escapes regex metacharacters; Playwright hands patterns to JavaScript, which knows no {@code \Q…\E}. */
    static String jsLiteral(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }
}
