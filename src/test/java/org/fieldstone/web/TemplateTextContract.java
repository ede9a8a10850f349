package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

        List<String> found = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Map<String, DashboardCrawl.Visited> pages = DashboardCrawl.walk(browser, c.slug(), MAX_PAGES);
        for (DashboardCrawl.Visited page : pages.values()) {
            if (page.status() >= 500) {
                failed.add(page.status() + " " + page.path());
            }
            if (!page.html()) {
                continue;
            }
            Matcher text = TEMPLATE_TEXT.matcher(page.body());
            while (text.find()) {
                found.add(page.path() + ": …" + excerpt(page.body(), text.start()) + "…");
            }
        }

        assertThat(pages).as("pages crawled as " + role).hasSizeGreaterThan(10);
        assertThat(found).as("template text on the pages of " + role).isEmpty();
        assertThat(failed).as("server errors on the pages of " + role).isEmpty();
    }

    private static String excerpt(String body, int at) {
        return body.substring(Math.max(0, at - 60), Math.min(body.length(), at + 60)).replaceAll("\\s+", " ");
    }
}
