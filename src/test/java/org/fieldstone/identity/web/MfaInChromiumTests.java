package org.fieldstone.identity.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldstone.support.Authenticator;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Two-step verification in a real browser (Debian's chromium): set it up from My account by reading the key shown
 * on the page into an "authenticator" (java-otp), keep the recovery codes, sign out, and sign in again with the
 * password and a code — with no console errors and no Content-Security-Policy violations (the QR code is an image
 * drawn on the server, no script).
 */
@SqliteApplicationTest
class MfaInChromiumTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Autowired Fixtures fixtures;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    @Test
    void ownerSetsUpTwoStepVerificationSignsOutAndSignsInWithPasswordAndCode() throws Exception {
        var c = fixtures.company("browser-mfa");
        String slug = c.slug();
        String base = "https://localhost:" + port;

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(1280, 800);
            Page page = window.page();
            List<String> problems = window.problems();
            Locator nav = page.locator("nav[aria-label=Main]");

            // sign in with the password alone
            window.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + slug + "/");

            // My account → set up: a QR code and the key as text
            page.locator("details.usermenu > summary").click();
            page.locator("details.usermenu").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My account").setExact(true)).click();
            assertThat(page.locator("#mfa")).containsText("Off");
            page.locator("#mfa-set-up").click();
            assertThat(page).hasURL(base + "/c/" + slug + "/account/mfa");
            assertThat(page.locator("h1")).hasText("Set up two-step verification");
            Locator qr = page.locator("img#mfa-qr");
            assertThat(qr).isVisible();
            assertThat(qr).hasAttribute("src", Pattern.compile("^data:image/svg\\+xml;base64,"));
            int drawnWidth = ((Number) qr.evaluate("img => img.complete ? img.naturalWidth : 0")).intValue();
            assertThat(drawnWidth).as("the QR code image decoded in the browser").isGreaterThan(0);
            String secret = page.locator("#mfa-secret").textContent().replace(" ", "").strip();
            assertThat(secret).matches("[A-Z2-7]{32}");

            // on a phone too: nothing wider than the screen; keep a screenshot to look at
            page.setViewportSize(390, 844);
            int overflow = ((Number) page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
            assertThat(overflow).as("horizontal overflow of the enrolment page at 390px, in px").isLessThanOrEqualTo(0);
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("mfa-enrol.png")).setFullPage(true));
            page.setViewportSize(1280, 800);

            // the code the app shows turns it on and shows the recovery codes once (wrong codes: MfaContract)
            page.locator("#code").fill(Authenticator.code(secret, clock.instant()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on two-step verification")).click();
            assertThat(page.locator("h1")).hasText("Your recovery codes");
            assertThat(page.locator("#recovery-codes li")).hasCount(10);
            String recovery = page.locator("#recovery-codes li code").first().textContent();
            assertThat(recovery).matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("mfa-recovery-codes.png")).setFullPage(true));
            for (int[] size : new int[][] {{1366, 900}, {390, 844}}) {
                page.setViewportSize(size[0], size[1]);
                assertThat(codeLayoutProblems(page)).as("recovery codes at %d px", size[0]).isEmpty();
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("mfa-recovery-codes-phone.png")).setFullPage(true));
            page.setViewportSize(1280, 800);
            page.locator("#continue").click();
            assertThat(page).hasURL(base + "/c/" + slug + "/account");
            assertThat(page.locator("#mfa-status")).containsText("On since");

            // sign out, and in again: the password leads to the second step, which the next code completes
            page.locator("details.usermenu > summary").click();
            page.locator("details.usermenu").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/login?notice=signedOut");
            clock.advance(Duration.ofSeconds(30));
            window.submitSignIn(c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + slug + "/login/mfa");
            assertThat(page.locator("h1")).hasText("Two-step verification");
            assertThat(nav).hasCount(0);
            window.submitCode(Authenticator.code(secret, clock.instant()));
            assertThat(page).hasURL(base + "/c/" + slug + "/");
            assertThat(page.locator("h1")).hasText("Good day, Owner of " + slug);

            assertThat(problems).as("console errors, CSP violations and uncaught errors").isEmpty();
        }
    }

    /**
     * What is wrong with the recovery codes' layout: the page wider than the window, a code sticking out of its item
     * or off the screen, or two items (with their numbers, which sit left of the item when outside it) overlapping.
     */
    @SuppressWarnings("unchecked")
    static List<String> codeLayoutProblems(Page page) {
        return (List<String>) page.evaluate("""
                () => {
                  const problems = [];
                  const width = document.documentElement.clientWidth;
                  if (document.documentElement.scrollWidth > width) {
                    problems.push('page ' + document.documentElement.scrollWidth + ' px wide in ' + width);
                  }
                  const boxes = [...document.querySelectorAll('#recovery-codes li')].map((li, i) => {
                    const r = li.getBoundingClientRect();
                    const style = getComputedStyle(li);
                    const marker = style.listStylePosition === 'outside' ? 2.5 * parseFloat(style.fontSize) : 0;
                    const code = li.querySelector('code').getBoundingClientRect();
                    if (code.left < r.left - 0.5 || code.right > r.right + 0.5) problems.push('code ' + i + ' outside its item');
                    if (code.right > width || r.left - marker < 0) problems.push('code ' + i + ' off the screen');
                    return {i, left: r.left - marker, right: r.right, top: r.top, bottom: r.bottom};
                  });
                  for (const a of boxes) for (const b of boxes) {
                    if (a.i < b.i && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
                      problems.push('codes ' + a.i + ' and ' + b.i + ' overlap');
                    }
                  }
                  return problems;
                }""");
    }
}
