package org.fieldstone.ops.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.util.List;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * An owner deletes the company in a real browser: Company in the navigation, the export downloaded, a wrong
 * password refused beside its field, then the address and password given and the confirmation shown — with no
 * console errors or CSP violations on the way.
 */
@SqliteApplicationTest
class CompanyDeletionInChromiumTests {

    @Autowired Fixtures fixtures;
    @Autowired Companies companies;
    @Value("${server.port}") int port;

    @Test
    void anOwnerDownloadsTheExportAndDeletesTheCompany() throws Exception {
        var c = fixtures.company("browser-delete");
        String slug = c.slug();
        String base = "https://localhost:" + port;

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(390, 844);
            Page page = window.page();
            List<String> problems = window.problems();
            Locator nav = page.locator("nav.bottombar");
            window.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + slug + "/");

            nav.locator("details.more > summary").click();
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
            page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Company").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/settings/company");
            assertThat(page.locator("h1")).hasText("Company");

            Download download = page.waitForDownload(() -> page.locator("#download-export").click());
            assertThat(download.suggestedFilename()).startsWith(slug + "-export-").endsWith(".json");
            assertThat(Files.readString(download.path())).startsWith("{\"format\":\"fieldstone-export/1\"")
                    .contains(c.ownerEmail());

            page.locator("#confirmSlug").fill(slug);
            page.locator("#currentPassword").fill("not the password at all");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete company")).click();
            assertThat(page.locator("#delete .field-error")).hasText("Your password is not correct.");
            assertThat(companies.findBySlug(slug).orElseThrow().status()).isEqualTo(CompanyStatus.ACTIVE);
            // the refused attempt is answered 400 with the form (the browser logs that status, too)
            problems.removeIf(p -> p.contains(base + "/c/" + slug + "/settings/company/delete") && p.contains("400"));

            page.locator("#confirmSlug").fill(slug);
            page.locator("#currentPassword").fill(Fixtures.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete company")).click();

            assertThat(page.locator("h1")).hasText(c.company.name() + " is deleted");
            assertThat(page.locator("#destroyed-after")).containsText("Its data will be destroyed after");
            assertThat(nav).hasCount(0);
            assertThat(companies.findBySlug(slug).orElseThrow().status()).isEqualTo(CompanyStatus.DELETED);
            page.navigate(base + "/c/" + slug + "/");
            assertThat(page).hasURL(base + "/c/" + slug + "/login");
            // a deleted company's login page is not served
            problems.removeIf(p -> p.contains(base + "/c/" + slug + "/login") && p.contains("404"));

            assertThat(problems).as("console errors, CSP violations and uncaught errors").isEmpty();
        }
    }
}
