package org.fieldstone.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.quotes.NewQuote;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.FakeStripe;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The customer portal end to end in Chromium, in two browser contexts: the office sends a quote; the customer (a
 * phone, 390×844, a second context) opens the emailed link, ticks the optional item, approves with their name; the
 * office converts the quote, completes the job, invoices it; the customer opens the invoice's link and pays on the
 * (fake) Stripe Checkout page, comes back to "processing" until the signed webhook records the payment; the office sees
 * the invoice PAID; the first link, used again, shows the "new link" page. axe-core finds no serious or critical
 * violation on the portal's pages; no console errors or CSP violations anywhere.
 */
@SqliteApplicationTest
class QuoteToPaidInChromiumTests {

    private static final Pattern LINK = Pattern.compile("https://[^\\s\"<>]+/p/[A-Za-z0-9]{24}");

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired Clients clients;
    @Autowired Pricing pricing;
    @Autowired Quotes quotes;
    @Autowired org.fieldstone.jobs.Visits visits;
    @Autowired org.fieldstone.support.TestClock clock;
    @Value("${server.port}") int port;

    @Test
    void theCustomerApprovesOnThePortalAndPaysTheInvoiceByCard() throws Exception {
        var c = fixtures.companyWithEveryRole("portal-e2e");
        String slug = c.slug();
        String base = "https://localhost:" + port + "/c/" + slug;
        Actor system = c.system();
        String email = "hanna.becker@example.com";
        Client client = clients.create(system, new NewClient("Hanna Becker", email, null, null, List.of()),
                new NewProperty("Home", "Seeweg 3", "Zürich", null, "8008", null, null, null));
        String propertyId = clients.properties(system, client.id()).getFirst().id();
        TaxRate vat = pricing.createTaxRate(system, "VAT 8.1 %", new BigDecimal("8.1"));
        FakeStripe stripe = FakeStripe.start();
        String owner = c.keys.get(Role.OWNER);
        var connected = api.put("/api/v1/settings/payments", owner, """
                {"enabled": true, "secretKey": "sk_test_fieldstone_fake_e2e_0123456789",
                 "webhookSecret": "whsec_fieldstone_fake_e2e_0123456789"}""");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        stripe.registerWebhook(slug, api.uri("/webhooks/stripe/" + slug), "whsec_fieldstone_fake_e2e_0123456789");
        Quote draft = quotes.create(system, new NewQuote(client.id(), propertyId, "Boiler service", List.of(
                new LineInput(null, null, "Boiler service, flat rate", BigDecimal.ONE, 18_000L, null,
                        Change.to(vat.id()), false, null),
                new LineInput(null, null, "Descaling of the hot water tank", BigDecimal.ONE, 9_500L, null,
                        Change.to(vat.id()), true, null)),
                null, null, "Payable within 30 days.", null, null));

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window office = chromium.open(1366, 900);
            Page desk = office.page();
            office.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);
            List<String> problems = new ArrayList<>(office.problems());

            // the office sends the quote: it is emailed with its link
            desk.navigate(base + "/quotes/" + draft.id());
            desk.locator("#send-quote").click();
            assertThat(desk.locator("#quote-status")).hasText("Sent");
            String quoteLink = link(email, 1);

            // the customer, on a phone, in a browser of their own
            BrowserSession.Window phone = chromium.open(390, 844);
            Page p = phone.page();
            p.context().addInitScript(AccessibilityInChromiumTests.AXE);
            p.navigate(quoteLink);
            assertThat(p.locator("#open-document")).hasText("View your quote");
            List<String> violations = new ArrayList<>(AccessibilityInChromiumTests.check(p));
            p.locator("#open-document").click();
            assertThat(p).hasURL(Pattern.compile("/p/quote/" + draft.id() + "$"));
            assertThat(p.url()).doesNotContain(quoteLink.substring(quoteLink.length() - 24));
            violations.addAll(AccessibilityInChromiumTests.check(p));
            // 180.00 + VAT = 194.58; with the descaling 95.00 + VAT 102.70 → 297.28
            assertThat(p.locator("#figure-total")).hasAttribute("data-amount", "19458");
            p.locator("input[name=chosenItemIds]").check();
            assertThat(p.locator("#figure-total")).hasAttribute("data-amount", "29728");
            p.locator("#acceptTerms").check();
            p.locator("#signatureName").fill("Hanna Becker");
            p.locator("#approve-quote").click();
            assertThat(p.locator("#notice")).containsText("approval is recorded");
            assertThat(p.locator("#approval")).containsText("Hanna Becker");
            assertNoOverflow(p);

            // the office converts, completes and invoices
            desk.navigate(base + "/quotes/" + draft.id());
            assertThat(desk.locator("#quote-status")).hasText("Approved");
            assertThat(desk.locator("main")).containsText("Hanna Becker");
            assertThat(desk.locator("#share-links")).containsText("Used");
            desk.locator("#convert-quote").click();
            assertThat(desk).hasURL(Pattern.compile(base + "/jobs/[0-9a-f-]{36}(\\?.*)?$"));
            String jobId = desk.url().replaceFirst("\\?.*$", "").replaceFirst(".*/jobs/", "");
            java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(c.company.timeZone()));
            visits.addVisit(system, jobId, new org.fieldstone.jobs.NewVisit(today + "T08:00", today + "T09:00", null));
            desk.reload();
            desk.locator("#complete-job").click();
            desk.locator("#confirm-complete").click();
            assertThat(desk.locator("main")).containsText("Completed");
            desk.locator("#create-invoice").click();
            assertThat(desk).hasURL(Pattern.compile(base + "/invoices/[0-9a-f-]{36}(\\?.*)?$"));
            String invoiceUrl = desk.url().replaceFirst("\\?.*$", "");
            desk.locator("#send-invoice").click();
            assertThat(desk.locator("#invoice-status")).hasAttribute("data-status", "SENT");
            String invoiceLink = link(email, 2);

            // the customer pays on Stripe's (fake) hosted page and comes back
            p.navigate(invoiceLink);
            assertThat(p.locator("#open-document")).hasText("View your invoice");
            p.locator("#open-document").click();
            assertThat(p.locator("#balance")).hasAttribute("data-amount", "29728");
            violations.addAll(AccessibilityInChromiumTests.check(p));
            p.locator("#pay-invoice").click();
            assertThat(p).hasURL(Pattern.compile("/pay/"));
            p.locator("#pay").click();
            assertThat(p).hasURL(Pattern.compile("/p/invoice/[0-9a-f-]{36}/paid$"));
            assertThat(p.locator("#payment-received")).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
            p.locator("#back-to-invoice").click();
            assertThat(p.locator("#invoice-paid")).isVisible();

            // the office sees it paid by card
            desk.navigate(invoiceUrl);
            assertThat(desk.locator("#invoice-status")).hasAttribute("data-status", "PAID");

            // the quote's link, used again, opens nothing and offers a new one
            BrowserSession.Window later = chromium.open(390, 844);
            later.page().context().addInitScript(AccessibilityInChromiumTests.AXE);
            later.page().navigate(quoteLink);
            assertThat(later.page().locator("#new-link")).hasText("Send me a new link");
            violations.addAll(AccessibilityInChromiumTests.check(later.page()));
            later.page().locator("#new-link").click();
            assertThat(later.page().locator("#new-link-sent")).isVisible();

            assertThat(violations).as("axe-core on the portal's pages").isEmpty();
            problems.addAll(office.problems());
            problems.addAll(phone.problems());
            problems.addAll(later.problems());
            assertThat(problems).as("console errors and CSP violations").isEmpty();
        }
    }

    /** The portal link in the {@code n}-th email to {@code to}. */
    private static String link(String to, int n) throws Exception {
        List<MimeMessage> mails = TestMail.awaitFor(TestMail.platform(), to, n, Duration.ofSeconds(20));
        assertThat(mails).as("emails to " + to).hasSizeGreaterThanOrEqualTo(n);
        String text = text(mails.get(n - 1));
        Matcher m = LINK.matcher(text);
        assertThat(m.find()).as("a portal link in: " + text).isTrue();
        return m.group();
    }

    /** The decoded text parts of a message. */
    private static String text(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        StringBuilder all = new StringBuilder();
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
        }
        return all.toString();
    }

    private static void assertNoOverflow(Page p) {
        int overflow = ((Number) p.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
        assertThat(overflow).as("horizontal overflow of %s at 390px", p.url()).isLessThanOrEqualTo(0);
    }
}
