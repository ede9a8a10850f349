package org.fieldstone.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldstone.shared.Role;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The navigation in a real browser: on a phone (390×844) the header is one line and the bottom bar's targets are at
 * least 44×44 px, the user's menu opens by keyboard and signs out; on a desk (1366×900) the main items are there, the
 * current one marked, and Settings lists what the owner may set; a technician and a reader see no link their role
 * may not use, and the pages behind those links refuse them.
 */
@SqliteApplicationTest
class NavigationInChromiumTests {

    /** One header line: the bar's own minimum height (3rem) with a little room; two lines would be well over 70. */
    static final double ONE_LINE = 56;
    static final double THUMB = 44;

    @Autowired Fixtures fixtures;
    @Value("${server.port}") int port;

    @Test
    void onThePhoneTheHeaderIsOneLineTheBottomBarFitsAThumbAndTheUserMenuSignsOut() throws Exception {
        TestCompany c = fixtures.companyWithEveryRole("nav-phone");
        String base = "https://localhost:" + port;
        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(390, 844);
            Page page = window.page();
            window.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/");

            // the header: one line, everything in it inside that line, nothing wider than the screen
            Locator header = page.locator("header.topbar");
            BoundingBox bar = header.boundingBox();
            assertThat(bar.height).as("header height at 390×844").isLessThanOrEqualTo(ONE_LINE);
            for (Locator child : header.locator(":scope > *").all()) {
                if (child.isVisible()) {
                    BoundingBox b = child.boundingBox();
                    assertThat(b.y).as("top of %s", child.evaluate("e => e.className")).isGreaterThanOrEqualTo(bar.y - 0.5);
                    assertThat(b.y + b.height).as("bottom of %s", child.evaluate("e => e.className"))
                            .isLessThanOrEqualTo(bar.y + bar.height + 0.5);
                }
            }
            assertThat(page.locator("nav.mainnav")).isHidden();
            assertThat(overflow(page)).as("horizontal overflow at 390px").isLessThanOrEqualTo(0);

            // the bottom bar: My day, Schedule, Jobs, Clients, More; each a thumb's target, at the foot of the screen
            Locator bottom = page.locator("nav.bottombar");
            assertThat(bottom).isVisible();
            assertThat(bottom).hasAttribute("aria-label", "Shortcuts");
            Locator targets = bottom.locator(":scope > a, :scope > details > summary");
            assertThat(targets).hasText(new String[] {"My day", "Schedule", "Jobs", "Clients", "More"});
            for (Locator target : targets.all()) {
                BoundingBox b = target.boundingBox();
                assertThat(b.width).as("width of " + target.textContent()).isGreaterThanOrEqualTo(THUMB);
                assertThat(b.height).as("height of " + target.textContent()).isGreaterThanOrEqualTo(THUMB);
            }
            BoundingBox foot = bottom.boundingBox();
            assertThat(foot.y + foot.height).isCloseTo(844, org.assertj.core.data.Offset.offset(1.0));
            Files.createDirectories(DashboardInChromiumTests.SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(DashboardInChromiumTests.SCREENSHOTS.resolve("home-phone.png")));

            // More opens the rest; Settings is there, and its page marks Settings as current
            bottom.locator("details.more > summary").click();
            Locator settingsLink = bottom.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true));
            assertThat(settingsLink).isVisible();
            BoundingBox item = settingsLink.boundingBox();
            assertThat(item.height).isGreaterThanOrEqualTo(THUMB);
            settingsLink.click();
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/settings");
            assertThat(page.locator("h1")).hasText("Settings");
            assertThat(page.locator("header.topbar").boundingBox().height).isLessThanOrEqualTo(ONE_LINE);
            // the page's last item is not hidden behind the bar: the body leaves room for it
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
            BoundingBox lastGroup = page.locator("#settings-groups > section").last().boundingBox();
            assertThat(lastGroup.y + lastGroup.height).isLessThanOrEqualTo(bottom.boundingBox().y + 0.5);

            // the user's menu: named with the user's name, opened by keyboard, Sign out works
            Locator menu = page.locator("details.usermenu");
            Locator summary = menu.locator("summary");
            assertThat(summary).hasAccessibleName(Pattern.compile("^Owner of " + c.slug() + ", your account$"));
            assertThat(menu.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out"))).isHidden();
            summary.focus();
            page.keyboard().press("Enter");
            assertThat(menu).hasAttribute("open", "");
            assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My account").setExact(true))).isVisible();
            assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Two-step verification"))).isVisible();
            assertThat(menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Calendar subscription"))).isVisible();
            assertThat(overflow(page)).as("horizontal overflow with the user menu open").isLessThanOrEqualTo(0);
            page.keyboard().press("Enter"); // closes it again
            assertThat(menu).not().hasAttribute("open", "");
            summary.click();
            menu.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/login?notice=signedOut");
            assertThat(page.locator("nav.bottombar")).hasCount(0);
            page.navigate(base + "/c/" + c.slug() + "/settings");
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/login");

            assertThat(window.problems()).as("console errors, CSP violations, HTTP errors").isEmpty();
        }
    }

    @Test
    void onADeskTheMainItemsAreThereTheCurrentOneMarkedAndSettingsListsWhatTheOwnerMaySet() throws Exception {
        TestCompany c = fixtures.companyWithEveryRole("nav-desk");
        String base = "https://localhost:" + port;
        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(1366, 900);
            Page page = window.page();
            window.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/");

            Locator nav = page.locator("nav[aria-label=Main]");
            assertThat(nav.getByRole(AriaRole.LINK)).hasText(new String[] {
                    "My day", "Schedule", "Jobs", "Clients", "Quotes", "Invoices", "Inventory", "Reports", "Assistant", "Settings"});
            for (Locator link : nav.getByRole(AriaRole.LINK).all()) {
                assertThat(link).isVisible();
            }
            assertThat(page.locator("nav.bottombar")).isHidden();
            assertThat(page.locator("header.topbar").boundingBox().height).isLessThanOrEqualTo(ONE_LINE);
            assertThat(page.locator("header .company")).hasText(c.company.name());

            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Jobs").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/jobs");
            assertThat(nav.locator("[aria-current=page]")).hasText("Jobs");

            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Reports").setExact(true)).click();
            assertThat(page.locator("h1")).hasText("Reports");
            assertThat(page.locator("main ul.index-links a")).hasText(new String[] {"Revenue", "Receivables aging", "Jobs", "Technician utilization",
                    "Inventory value", "Parts used"});
            page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Receivables aging")).click();
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/reports/aging");
            assertThat(nav.locator("[aria-current=page]")).hasText("Reports");

            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/settings");
            assertThat(nav.locator("[aria-current=page]")).hasText("Settings");
            assertThat(page.locator("#settings-groups h2")).hasText(new String[] {
                    "Company", "People and access", "Scheduling and messages", "Prices and invoices"});
            Files.createDirectories(DashboardInChromiumTests.SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(DashboardInChromiumTests.SCREENSHOTS.resolve("settings-desk.png")));
            assertThat(page.locator("#settings-groups ul.index-links > li > a")).hasText(new String[] {
                    "Company", "Security", "Audit log", "Team", "API keys", "Connected apps", "Scheduling", "Email",
                    "Reminders", "Notifications", "Customer portal", "Files", "Integrations", "Assistant", "SMS", "Telegram", "Pricing", "Tax rates",
                    "Products & services", "Invoicing", "Payments"});
            // every one of them opens for the owner, and the Settings item stays current there
            for (String name : List.of("Company", "Security", "Audit log", "Team", "API keys", "Connected apps", "Scheduling", "Email", "Notifications",
                    "Integrations", "Pricing", "Tax rates", "Products & services", "Invoicing")) {
                page.navigate(base + "/c/" + c.slug() + "/settings");
                page.locator("#settings-groups").getByRole(AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName(name).setExact(true)).click();
                assertThat(page.locator("h1")).isVisible();
                assertThat(nav.locator("[aria-current=page]")).hasText("Settings");
            }
            assertThat(window.problems()).as("console errors, CSP violations, HTTP errors").isEmpty();
        }
    }

    @Test
    void aTechnicianAndAReaderSeeNoLinkTheirRoleMayNotUseAndThePagesRefuseThem() {
        TestCompany c = fixtures.companyWithEveryRole("nav-roles");
        String base = "https://localhost:" + port;
        try (BrowserSession chromium = BrowserSession.launch(port)) {
            // the technician: no Team anywhere, and the team page without anybody's email address
            BrowserSession.Window tech = chromium.open(1366, 900);
            Page page = tech.page();
            tech.signIn(c.slug(), c.users.get(Role.USER).email().value(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + c.slug() + "/");
            assertThat(page.locator("a[href$='/team']")).hasCount(0);
            page.locator("nav[aria-label=Main]").getByRole(AriaRole.LINK,
                    new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
            assertThat(page.locator("#settings-groups ul.index-links > li > a")).hasText(new String[] {"API keys", "Connected apps"});
            assertThat(page.locator("a[href$='/team']")).hasCount(0);
            page.navigate(base + "/c/" + c.slug() + "/team");
            assertThat(page.locator("h1")).hasText("Team");
            assertThat(page.locator("main table.list")).containsText("Owner of " + c.slug());
            assertThat(page.locator("main")).not().containsText(c.ownerEmail());
            assertThat(page.locator("main")).not().containsText("@");
            assertThat(page.locator("main table.list th")).not().containsText(new String[] {"Email"});
            assertThat(tech.problems()).isEmpty();

            // the reader (the lowest role): no New client, no New job; the forms refuse when typed in
            BrowserSession.Window reader = chromium.open(1366, 900);
            Page rp = reader.page();
            reader.signIn(c.slug(), c.users.get(Role.READ_ONLY).email().value(), Fixtures.PASSWORD);
            assertThat(rp).hasURL(base + "/c/" + c.slug() + "/");
            Locator nav = rp.locator("nav[aria-label=Main]");
            assertThat(nav.getByRole(AriaRole.LINK)).hasText(new String[] {
                    "Schedule", "Jobs", "Clients", "Quotes", "Invoices", "Reports", "Assistant", "Settings"});
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Clients").setExact(true)).click();
            assertThat(rp.locator("h1")).hasText("Clients");
            assertThat(rp.locator("#new-client")).hasCount(0);
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Jobs").setExact(true)).click();
            assertThat(rp.locator("h1")).hasText("Jobs");
            assertThat(rp.locator("#new-job")).hasCount(0);
            assertThat(rp.locator("a[href$='/team'], a[href$='/clients/new'], a[href$='/jobs/new']")).hasCount(0);
            assertThat(rp.navigate(base + "/c/" + c.slug() + "/clients/new").status()).isEqualTo(403);
            assertThat(rp.navigate(base + "/c/" + c.slug() + "/jobs/new").status()).isEqualTo(403);
            assertThat(rp.navigate(base + "/c/" + c.slug() + "/settings/integrations").status()).isEqualTo(403);
            reader.problems().removeIf(p -> p.contains("403") && p.matches(".*/c/" + c.slug() + "/(clients/new|jobs/new|settings/integrations)\\b.*"));
            assertThat(reader.problems()).isEmpty();
        }
    }

    static int overflow(Page page) {
        return ((Number) page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
    }
}
