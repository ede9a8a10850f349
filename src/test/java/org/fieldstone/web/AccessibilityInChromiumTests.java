package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldstone.ops.DemoData;
import org.fieldstone.shared.Role;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * axe-core (npm's script, as Deque packages it) on every kind of dashboard page, in Chromium: no serious or critical
 * violation of WCAG 2.0–2.2 A and AA. The pages are those the roles find from home in a company with the demo's week
 * and money, one of each kind (one job page stands for all the jobs), each looked at as the first role that reaches
 * it, at the office's 1366×900; the technician's pages again at the phone's 390×844. The script runs through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern, so the pages are checked as served,
 * with their strict policy.
 */
@SqliteApplicationTest
class AccessibilityInChromiumTests {

    static final String AXE = script("axe.min.js");
    static final String WCAG = "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22a','wcag22aa']";
    /** The serious and critical violations on the page, one line each with up to three of the elements. */
    static final String RUN = """
            async () => {
                const result = await axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']});
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ' (' + v.help + '): '
                        + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '));
            }""".formatted(WCAG);

    @Autowired Fixtures fixtures;
    @Autowired ApplicationContext context;
    @Value("${server.port}") int port;

    @Test
    void noKindOfPageHasASeriousOrCriticalViolation() {
        TestCompany c = fixtures.companyWithEveryRole("axe");
        DemoData.seed(context, c.company);
        Map<String, Role> firstReachedBy = new LinkedHashMap<>();
        Map<String, String> pathOf = new LinkedHashMap<>();
        List<String> technicians = new ArrayList<>();
        for (Role role : Role.values()) {
            Https https = new Https(port);
            assertThat(https.signIn(c.slug(), c.users.get(role).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
            for (DashboardCrawl.Visited page : DashboardCrawl.walk(https, c.slug(), 200, true).values()) {
                if (page.status() == 200 && page.html()) {
                    String kind = DashboardCrawl.kind(page.path());
                    firstReachedBy.putIfAbsent(kind, role);
                    pathOf.putIfAbsent(kind, page.path());
                    if (role == Role.USER) {
                        technicians.add(page.path());
                    }
                }
            }
        }
        assertThat(pathOf).as("kinds of page").hasSizeGreaterThan(20);
        assertThat(technicians).as("kinds of page a technician reaches").hasSizeGreaterThan(5);

        List<String> violations = new ArrayList<>();
        try (BrowserSession chromium = BrowserSession.launch(port)) {
            for (Role role : Role.values()) {
                List<String> paths = pathOf.entrySet().stream().filter(e -> firstReachedBy.get(e.getKey()) == role)
                        .map(Map.Entry::getValue).toList();
                if (!paths.isEmpty()) {
                    audit(chromium, c, role, 1366, 900, paths, violations);
                }
            }
            audit(chromium, c, Role.USER, 390, 844, technicians, violations);
        }
        assertThat(violations).as("axe-core's serious and critical violations").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private void audit(BrowserSession chromium, TestCompany c, Role role, int width, int height, List<String> paths,
                       List<String> violations) {
        BrowserSession.Window window = chromium.open(width, height);
        window.page().context().addInitScript(AXE);
        window.signIn(c.slug(), c.users.get(role).email().value(), Fixtures.PASSWORD);
        Page page = window.page();
        page.waitForURL(url -> url.endsWith("/c/" + c.slug() + "/"));
        for (String path : paths) {
            page.navigate(chromium.base() + path);
            for (Object v : (List<Object>) page.evaluate(RUN)) {
                violations.add(role + " " + width + "×" + height + " " + path + ": " + v);
            }
        }
    }

    /**
     * The serious and critical violations on the page shown now, one line each naming the page; its browser context
     * must have {@link #AXE} as an init script (added before the page was loaded).
     */
    @SuppressWarnings("unchecked")
    static List<String> check(Page page) {
        List<String> found = new ArrayList<>();
        for (Object v : (List<Object>) page.evaluate(RUN)) {
            found.add(page.url() + ": " + v);
        }
        return found;
    }

    private static String script(String name) {
        try (InputStream in = AccessibilityInChromiumTests.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path (com.deque.html.axe-core:playwright)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
