package org.fieldstone.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * A browser for one test: Debian's chromium, never a downloaded browser, driven headless by Playwright against the
 * test server's HTTPS, with windows that sign in through the real form. Without {@code /usr/bin/chromium} the test
 * is skipped locally, but fails on CI ({@code CI=true}). Closing it closes the windows, the browser and Playwright.
 */
public final class BrowserSession implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic");

    /** Reports CSP violations on the console, where each window collects them as problems. */
    static final String REPORT_CSP_VIOLATIONS = """
            document.addEventListener('securitypolicyviolation', function (e) {
                console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
                        + ' in ' + e.sourceFile + ':' + e.lineNumber);
            });
            """;

    private final String base;
    private final Playwright playwright;
    private final Browser browser;
    private final Deque<BrowserContext> windows = new ArrayDeque<>();

    private BrowserSession(int port, Playwright playwright, Browser browser) {
        this.base = "https://localhost:" + port;
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches headless chromium for the test server on {@code port}, or skips the test (fails it on CI) without it. */
    public static BrowserSession launch(int port) {
        assumeInstalled();
        // Playwright must not download a browser of its own
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new BrowserSession(port, playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(ARGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    private static void assumeInstalled() {
        if (Files.isExecutable(EXECUTABLE)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(EXECUTABLE + " is missing but CI=true: install Debian's chromium: apt-get install chromium");
        }
        Assumptions.abort(EXECUTABLE + " is missing (install Debian's chromium: apt-get install chromium); "
                + "skipping the browser test outside CI");
    }

    /** {@code https://localhost:<port>}, the test server's address. */
    public String base() {
        return base;
    }

    /**
     * A new window: a browser context of its own (its own cookies) at the given viewport, in English, trusting the
     * test server's self-signed certificate and accepting downloads (Playwright's default, stated for the export
     * test), with one page whose problems are collected from the start.
     */
    public Window open(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setIgnoreHTTPSErrors(true).setAcceptDownloads(true).setViewportSize(width, height).setLocale("en-US"));
        windows.push(context);
        Page page = context.newPage();
        return new Window(page, watchForProblems(context, page));
    }

    /**
     * Collects everything that should not happen on a page: console errors (CSP violations included), uncaught
     * script errors and HTTP answers of 400 or more. Tests assert the list stays empty.
     */
    private static List<String> watchForProblems(BrowserContext context, Page page) {
        context.addInitScript(REPORT_CSP_VIOLATIONS);
        page.setDefaultTimeout(20_000);
        List<String> problems = new CopyOnWriteArrayList<>();
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

    /** Closes the windows, newest first, then the browser and Playwright. */
    @Override
    public void close() {
        try {
            while (!windows.isEmpty()) {
                windows.pop().close();
            }
            browser.close();
        } finally {
            playwright.close();
        }
    }

    /** One page in a browser context of its own. */
    public final class Window {

        private final Page page;
        private final List<String> problems;

        Window(Page page, List<String> problems) {
            this.page = page;
            this.problems = problems;
        }

        public Page page() {
            return page;
        }

        /** What went wrong on the page so far; a test may remove what it caused on purpose. */
        public List<String> problems() {
            return problems;
        }

        /** Opens the company's sign-in page and signs in with the password; the test asserts where it lands. */
        public void signIn(String slug, String email, String password) {
            page.navigate(base + "/c/" + slug + "/login");
            submitSignIn(email, password);
        }

        /** Fills the sign-in form on the current page and submits it. */
        public void submitSignIn(String email, String password) {
            page.locator("#email").fill(email);
            page.locator("#password").fill(password);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        }

        /** The second step of signing in: fills the code from the authenticator and submits it. */
        public void submitCode(String code) {
            page.locator("#code").fill(code);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
        }
    }
}
