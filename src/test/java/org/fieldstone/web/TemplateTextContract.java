package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.ops.DemoData;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.web.util.HtmlUtils;

/**
 * Every dashboard page a role reaches, as served: none shows template text such as {@code th:text="#{schedule.title}"}
 * (issue 12, defect 1: a fragment parameter named like a model attribute printed the fragment's markup). The pages are
 * found as a user finds them — home, then every same-company GET link on each page — in a company with the demo's
 * week and money, signed in as each role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TemplateTextContract {

    /** A Thymeleaf attribute ({@code th:text}, not "Month:") or an unevaluated message or variable expression. */
    static final Pattern TEMPLATE_TEXT = Pattern.compile("(?<![A-Za-z])th:[a-z-]+|[#$]\\{");
    static final Pattern LINK = Pattern.compile("<a\\b[^>]*?\\shref=\"([^\"]*)\"");
    /** Links that leave the HTML pages or end the session. */
    static final Pattern SKIPPED = Pattern.compile("/logout|/pdf|\\.pdf|\\.ics|/feed|/export|/download|/logo");
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final int MAX_PAGES = 400;

    @Autowired Fixtures fixtures;
    @Autowired ApplicationContext context;
    @Value("${server.port}") int port;

    TestCompany c;

    @BeforeAll
    void demoCompany() {
        c = fixtures.companyWithEveryRole("template-text");
        DemoData.seed(context, c.company);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void noPageARoleReachesShowsTemplateText(Role role) {
        Https browser = new Https(port);
        assertThat(browser.signIn(c.slug(), c.users.get(role).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String home = "/c/" + c.slug() + "/";

        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(home));
        List<String> found = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int pages = 0;
        while (!queue.isEmpty() && pages < MAX_PAGES) {
            String path = queue.poll();
            if (!seen.add(shape(path))) {
                continue;
            }
            Https.Response page = browser.get(path);
            pages++;
            if (page.status() >= 500) {
                failed.add(page.status() + " " + path);
            }
            String type = page.header("Content-Type");
            if (type == null || !type.startsWith("text/html")) {
                continue;
            }
            Matcher text = TEMPLATE_TEXT.matcher(page.body());
            while (text.find()) {
                found.add(path + ": …" + excerpt(page.body(), text.start()) + "…");
            }
            Matcher link = LINK.matcher(page.body());
            while (link.find()) {
                String next = sameCompany(path, HtmlUtils.htmlUnescape(link.group(1)), home);
                if (next != null && !SKIPPED.matcher(next).find()) {
                    queue.add(next);
                }
            }
        }

        assertThat(pages).as("pages crawled as " + role).isGreaterThan(10);
        assertThat(found).as("template text on the pages of " + role).isEmpty();
        assertThat(failed).as("server errors on the pages of " + role).isEmpty();
    }

    /** The link as a path below the company's pages, or null when it leads elsewhere. */
    private static String sameCompany(String from, String href, String home) {
        if (href.isEmpty() || href.startsWith("#") || href.startsWith("mailto:") || href.startsWith("tel:")) {
            return null;
        }
        URI target = URI.create("https://fieldstone.test" + from).resolve(href.replace(" ", "%20"));
        if (!"fieldstone.test".equals(target.getHost()) || !target.getRawPath().startsWith(home)) {
            return null;
        }
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    /** Pages that differ only in their date (the calendar's previous and next) are one page to look at. */
    private static String shape(String path) {
        return DATE.matcher(path).replaceAll("D");
    }

    private static String excerpt(String body, int at) {
        return body.substring(Math.max(0, at - 60), Math.min(body.length(), at + 60)).replaceAll("\\s+", " ");
    }
}
