package org.fieldstone.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium for browser tests, driven by Playwright; never a downloaded browser.
 * Without {@code /usr/bin/chromium} a browser test is skipped locally, but fails on CI ({@code CI=true}).
 */
public final class Chromium {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic");

    private Chromium() {
    }

    /** Skips the calling test (or fails it on CI) when Debian's chromium is not installed. */
    public static void assumeInstalled() {
        if (Files.isExecutable(EXECUTABLE)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(EXECUTABLE + " is missing but CI=true: install Debian's chromium: apt-get install chromium");
        }
        Assumptions.abort(EXECUTABLE + " is missing (install Debian's chromium: apt-get install chromium); "
                + "skipping the browser test outside CI");
    }

    /** Starts Playwright without letting it download any browser. */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Launches headless Debian chromium; call {@link #assumeInstalled()} first. */
    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(ARGS));
    }

    /** A browser context trusting the test server's self-signed certificate, in English, at the given viewport. */
    public static com.microsoft.playwright.BrowserContext newContext(Browser browser, int width, int height) {
        return browser.newContext(new Browser.NewContextOptions()
                .setIgnoreHTTPSErrors(true).setViewportSize(width, height).setLocale("en-US"));
    }

    /** Fills the sign-in form on the current page and submits it; the test asserts where it lands. */
    public static void submitSignIn(com.microsoft.playwright.Page page, String email, String password) {
        page.locator("#email").fill(email);
        page.locator("#password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
    }

    /** Reports CSP violations on the console, where {@link #watchForProblems} collects them. */
    static final String REPORT_CSP_VIOLATIONS = """
            document.addEventListener('securitypolicyviolation', function (e) {
                console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
                        + ' in ' + e.sourceFile + ':' + e.lineNumber);
            });
            """;

    /**
     * Collects everything that should not happen on a page: console errors (CSP violations included),
     * uncaught script errors and HTTP answers of 400 or more. Tests assert the list stays empty.
     */
    public static java.util.List<String> watchForProblems(com.microsoft.playwright.BrowserContext context,
                                                          com.microsoft.playwright.Page page) {
        context.addInitScript(REPORT_CSP_VIOLATIONS);
        page.setDefaultTimeout(20_000);
        java.util.List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                problems.add("console error on " + page.url() + ": " + m.text() + " (" + m.location() + ")");
            }
        });
        page.onPageError(e -> problems.add("uncaught error on " + page.url() + ": " + e));
        page.onResponse(r -> {
            if (r.status() >= 400) {
                problems.add("HTTP " + r.status() + " for " + r.request().method() + " " + r.url());
            }
        });
        return problems;
    }
}
