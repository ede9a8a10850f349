package org.fieldstone.invoices.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.NewInvoice;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * From the first estimate to the money in the bank, as office staff do it in a real browser (Debian's chromium through
 * Playwright): create a quote with an optional item, send it, record the customer's approval (by phone, the optional
 * item chosen), convert it into a job, complete the job, invoice it, send the invoice and record the payment — the
 * invoice shows PAID; then the overdue invoice the company had is paid and the home page's overdue card empties. No
 * console errors and no Content-Security-Policy violations on the way.
 */
@SqliteApplicationTest
class QuoteToCashInChromiumTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Pricing pricing;
    @Autowired Invoices invoices;
    @Autowired Visits visits;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    @Test
    void officeStaffQuoteConvertCompleteInvoiceAndGetPaid() throws Exception {
        var c = fixtures.company("quote-to-cash");
        String slug = c.slug();
        String base = "https://localhost:" + port + "/c/" + slug;
        Actor system = c.system();
        Client client = clients.create(system, new NewClient("Harbour Bakery", null, null, null, List.of()),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        String propertyId = clients.properties(system, client.id()).getFirst().id();
        TaxRate vat = pricing.createTaxRate(system, "VAT 8.1 %", new BigDecimal("8.1"));
        // last month's invoice, overdue: what the home page's card shows at first
        LocalDate today = LocalDate.now(clock.withZone(c.company.timeZone()));
        Invoice old = invoices.create(system, new NewInvoice(client.id(), null, "Oven flue check", List.of(
                new LineInput(null, null, "Oven flue check", BigDecimal.ONE, 12_000L, null, Change.to(vat.id()), false, null)),
                null, null, null, null, 30));
        old = invoices.send(system, old.id(), old.version(), today.minusDays(45));
        assertThat(old.overdue()).isTrue();

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(1366, 900);
            Page page = window.page();
            List<String> problems = window.problems();
            window.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page.locator("#invoices-overdue-count")).hasText("1");

            // a quote for the bakery: the service, then an optional descaling
            page.navigate(base + "/quotes/new?clientId=" + client.id() + "&propertyId=" + propertyId);
            page.locator("#quote-title").fill("Boiler service");
            page.locator("#line-description-0").fill("Boiler service, flat rate");
            page.locator("#line-quantity-0").fill("1");
            page.locator("#line-unitPrice-0").fill("180.00");
            page.locator("#line-tax-0").selectOption(new SelectOption().setLabel("VAT 8.1 %"));
            page.locator("#save-quote").click();
            assertThat(page).hasURL(Pattern.compile(base + "/quotes/[0-9a-f-]{36}(\\?.*)?$"));
            String quoteUrl = page.url().replaceFirst("\\?.*$", "");
            page.locator("#edit-quote").click();
            page.locator("#line-description-1").fill("Descaling of the hot water tank");
            page.locator("#line-quantity-1").fill("1");
            page.locator("#line-unitPrice-1").fill("95.00");
            page.locator("#line-tax-1").selectOption(new SelectOption().setLabel("VAT 8.1 %"));
            page.locator("#line-choice-1").selectOption("optional");
            page.locator("#save-quote").click();
            assertThat(page).hasURL(Pattern.compile("/quotes/[0-9a-f-]{36}\\?notice=updated$"));
            assertThat(page.url()).startsWith(quoteUrl);
            assertThat(page.locator("#lines")).containsText("Descaling of the hot water tank");

            // sent, and approved by phone with the optional item chosen
            page.locator("#send-quote").click();
            assertThat(page.locator("#quote-status")).hasText("Sent");
            page.locator("#record-approval input[name=chosenItemIds]").check();
            page.locator("#signatureName").fill("Hanna Becker");
            page.locator("#approve-quote").click();
            assertThat(page.locator("#quote-status")).hasText("Approved");
            assertThat(page.locator("main")).containsText("Hanna Becker");

            // converted into a job, worked, completed
            page.locator("#convert-quote").click();
            assertThat(page).hasURL(Pattern.compile(base + "/jobs/[0-9a-f-]{36}(\\?.*)?$"));
            String jobId = page.url().replaceFirst("\\?.*$", "").replaceFirst(".*/jobs/", "");
            // the service and the optional item chosen
            assertThat(page.locator("#line-items")).containsText(Pattern.compile("Net total [A-Z]{3} 275\\.00"));
            visits.addVisit(system, jobId, new NewVisit(today + "T08:00", today + "T09:00", null));
            page.reload();
            page.locator("#complete-job").click();
            // it asks first, saying what completing does
            assertThat(page.locator("#complete-cancels")).containsText("This open visit will be cancelled:");
            page.locator("#confirm-complete").click();
            assertThat(page.locator("main")).containsText("Completed");
            assertThat(page.locator("#notice")).hasText("The job was completed; its open visit was cancelled.");

            // invoiced, sent and paid
            page.locator("#create-invoice").click();
            assertThat(page).hasURL(Pattern.compile(base + "/invoices/[0-9a-f-]{36}(\\?.*)?$"));
            assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "DRAFT");
            // 180.00 + 95.00 + VAT 8.1 % (14.58 + 7.70) = 297.28
            assertThat(page.locator("#figure-balance")).hasAttribute("data-amount", "29728");
            page.locator("#send-invoice").click();
            assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "SENT");
            assertThat(page.locator("#payment-amount")).hasValue("297.28");
            page.locator("#payment-method").selectOption("BANK_TRANSFER");
            page.locator("#record-payment-submit").click();
            assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "PAID");
            assertThat(page.locator("#figure-balance")).hasAttribute("data-amount", "0");
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("invoice-paid.png")).setFullPage(true));

            // the job is invoiced (through the outbox), and the old invoice paid empties the overdue card
            page.navigate(base + "/jobs/" + jobId);
            assertThat(page.locator("main")).containsText("Invoiced");
            page.navigate(base + "/invoices/" + old.id());
            assertThat(page.locator("#invoice-overdue")).isVisible();
            page.locator("#record-payment-submit").click();
            assertThat(page.locator("#invoice-status")).hasAttribute("data-status", "PAID");
            page.navigate(base + "/");
            assertThat(page.locator("#invoices-overdue-count")).hasText("0");

            // phone-sized (a technician quoting on site, an owner checking the money): nothing wider than the screen
            page.setViewportSize(390, 844);
            for (String path : List.of(quoteUrl.replaceFirst(".*/c/", "/c/"), quoteUrl.replaceFirst(".*/c/", "/c/") + "/edit",
                    "/c/" + slug + "/quotes/new?clientId=" + client.id() + "&propertyId=" + propertyId,
                    "/c/" + slug + "/invoices/" + old.id(), "/c/" + slug + "/invoices", "/c/" + slug + "/quotes",
                    "/c/" + slug + "/reports/revenue", "/c/" + slug + "/reports/aging", "/c/" + slug + "/settings/pricing",
                    "/c/" + slug + "/settings/products", "/c/" + slug + "/settings/tax-rates",
                    "/c/" + slug + "/settings/invoicing", "/c/" + slug + "/settings/email")) {
                page.navigate("https://localhost:" + port + path);
                int overflow = ((Number) page.evaluate(
                        "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
                assertThat(overflow).as("horizontal overflow of %s at 390px, in px", path).isLessThanOrEqualTo(0);
            }

            assertThat(problems).as("console errors and CSP violations").isEmpty();
        }
    }
}
