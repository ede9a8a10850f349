package org.fieldstone.invoices.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.body;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The invoices pages over real HTTPS, as a browser submits them: the list and its filters, the editor (every line's
 * error at once, live totals equal to the API's), send, payments (an overpayment refused on its field, a refund without
 * a reason refused, a refund of the payment chosen and never more than is left of it), void, credit note, who sees and may post what, another company's invoice, the quote → job →
 * invoice buttons and the home page's overdue card.
 */
abstract class InvoicesDashboardContract extends MoneyApiTestSupport {

    static final Pattern INVOICE_ID = Pattern.compile("/invoices/([0-9a-f-]{36})\\?notice=([a-zA-Z]+)$");
    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Value("${server.port}") int port;

    @Test
    void theListFiltersByStatusKindAndSearchAndShowsEachBalance() {
        JsonNode draft = draft("Gutter cleaning " + System.nanoTime(), 10000);
        JsonNode sent = send(draft("Roof survey " + System.nanoTime(), 10000));
        Https admin = signIn(Role.ADMIN);

        String onlySent = admin.get(base() + "/invoices?status=SENT").body();
        assertThat(onlySent).contains(sent.get("number").asString()).doesNotContain(draft.get("title").asString())
                .contains("data-amount=\"" + amount(sent, "balance") + "\"").contains("id=\"invoices-summary\"");
        String searched = admin.get(base() + "/invoices?q=" + sent.get("number").asString()).body();
        assertThat(searched).contains(sent.get("title").asString()).doesNotContain(draft.get("title").asString());
        assertThat(admin.get(base() + "/invoices?kind=CREDIT_NOTE&q=" + sent.get("number").asString()).body())
                .contains("id=\"no-invoices\"");
        assertThat(admin.get(base() + "/invoices?overdue=yes&q=" + sent.get("number").asString()).body())
                .contains("id=\"no-invoices\"");
        assertThat(admin.get(base() + "/invoices?status=LOST").status()).isEqualTo(400);
    }

    @Test
    void createsAStandaloneInvoiceShowingEveryLineErrorAtOnceAndStoringNothingUntilValid() {
        Https admin = signIn(Role.ADMIN);
        Response form = admin.get(base() + "/invoices/new?clientId=" + clientId);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"invoice-clientId\" value=\"" + clientId + "\"").contains("Boiler service")
                .doesNotContain("name=\"choice\"");
        long before = total();
        List<Map.Entry<String, String>> fields = form("", "");
        row(fields, "", "Pipe work", "abc", "10", "", "");
        row(fields, "", "", "1", "", "", "");
        row(fields, "", "Fittings", "2", "12.345", "", "");
        row(fields, "", "Sealant", "1", "5", "150", "");
        Response invalid = admin.post(base() + "/invoices/new", fields);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("id=\"line-quantity-error-0\"").contains("id=\"line-unitPrice-error-1\"")
                .contains("id=\"line-discountPercent-error-2\"").contains("id=\"invoice-title-error\"")
                .contains("value=\"abc\"").contains("value=\"12.345\"").contains(">Pipe work</textarea>");
        assertThat(total()).isEqualTo(before);

        List<Map.Entry<String, String>> valid = form("Boiler repair", "10");
        row(valid, product, "", "1", "", "", "");
        row(valid, "", "Valve", "2", "12.50", "", vat);
        Response created = admin.post(base() + "/invoices/new", valid);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        Matcher m = INVOICE_ID.matcher(created.header("Location"));
        assertThat(m.find()).as(created.header("Location")).isTrue();
        JsonNode invoice = ok(api.get(INVOICES + "/" + m.group(1), owner));
        assertThat(invoice.get("lineItems")).hasSize(2);
        assertThat(invoice.get("lineItems").get(1).get("unitPrice").asLong()).isEqualTo(1250);
        assertThat(invoice.get("paymentTermsDays").asInt()).isEqualTo(10);
        assertThat(invoice.get("status").asString()).isEqualTo("DRAFT");
        assertThat(total()).isEqualTo(before + 1);
        String page = admin.get(base() + "/invoices/" + m.group(1) + "?notice=created").body();
        assertThat(page).contains("The invoice was created.")
                .contains("id=\"figure-total\" data-amount=\"" + amount(invoice, "total") + "\"")
                .contains("id=\"figure-balance\" data-amount=\"" + amount(invoice, "balance") + "\"")
                .contains("id=\"send-invoice\"").contains("id=\"edit-invoice\"");
        assertThat(timeline(page)).containsExactly("Created");
    }

    @Test
    void theEditorsLiveTotalsAreTheApisFiguresForTheSameInvoice() {
        JsonNode invoice = created(api.post(INVOICES, admin, """
                {"clientId": "%s", "title": "Odd cents", "discountPercent": 5, "lineItems": [
                 {"description": "Hours", "quantity": 3, "unitPrice": 3333, "discountPercent": 10, "taxRateId": "%s"},
                 {"description": "Parts", "quantity": 1.5, "unitPrice": 1999, "taxRateId": "%s"}]}"""
                .formatted(clientId, vat, vat)));
        Https admin = signIn(Role.ADMIN);
        Response edit = admin.get(base() + "/invoices/" + invoice.get("id").asString() + "/edit");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.body()).contains("id=\"figure-total\" data-amount=\"" + amount(invoice, "total") + "\"")
                .contains("value=\"33.33\"").contains("value=\"19.99\"").contains("id=\"invoice-totals\"");

        List<Map.Entry<String, String>> fields = fields("invoiceId", invoice.get("id").asString(), "discountKind",
                "percent", "discount", "5");
        row(fields, "", "Hours", "3", "33.33", "10", vat);
        row(fields, "", "Parts", "1.5", "19.99", "", vat);
        Response totals = admin.post(base() + "/invoices/totals", fields);
        assertThat(totals.status()).isEqualTo(200);
        assertThat(totals.body()).contains("id=\"figure-subtotal\" data-amount=\"" + amount(invoice, "subtotal") + "\"")
                .contains("id=\"figure-discount\" data-amount=\"" + amount(invoice, "discount") + "\"")
                .contains("id=\"figure-total\" data-amount=\"" + amount(invoice, "total") + "\"")
                .doesNotContain("<html");

        // saved through the editor, the invoice is what the editor showed
        List<Map.Entry<String, String>> save = form("Odd cents, fewer hours", "");
        save.add(Map.entry("version", version(edit)));
        row(save, "", "Hours", "2", "33.33", "", vat);
        Response preview = admin.post(base() + "/invoices/totals", save);
        Response saved = admin.post(base() + "/invoices/" + invoice.get("id").asString() + "/edit", save);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        JsonNode after = ok(api.get(INVOICES + "/" + invoice.get("id").asString(), owner));
        assertThat(preview.body()).contains("id=\"figure-total\" data-amount=\"" + amount(after, "total") + "\"");
    }

    @Test
    void sendsRecordsAPaymentAndShowsItPaidRefusingAnOverpaymentOnItsField() {
        JsonNode draft = draft("Repairs", 10000);
        String id = draft.get("id").asString();
        String path = base() + "/invoices/" + id;
        Https admin = signIn(Role.ADMIN);
        Response page = admin.get(path);
        Response sent = admin.post(path, Map.of("action", "send", "version", version(page), "issuedOn", ""));
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        assertThat(sent.header("Location")).endsWith("/invoices/" + id + "?notice=sent");
        JsonNode invoice = ok(api.get(INVOICES + "/" + id, owner));
        assertThat(invoice.get("status").asString()).isEqualTo("SENT");
        assertThat(invoice.get("number").asString()).isNotBlank();

        Response over = admin.post(path, Map.of("action", "pay", "amount", "200.00", "method", "BANK_TRANSFER",
                "paidOn", "", "reference", "RF18"));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body()).contains("id=\"payment-amount-error\"").contains("value=\"200.00\"")
                .contains("value=\"RF18\"").contains("more than the balance");
        assertThat(ok(api.get(INVOICES + "/" + id + "/payments", owner))).isEmpty();

        String balance = invoice.get("balance").get("amount").asLong() / 100 + "."
                + String.format("%02d", invoice.get("balance").get("amount").asLong() % 100);
        Response paid = admin.post(path, Map.of("action", "pay", "amount", balance, "method", "BANK_TRANSFER",
                "paidOn", "", "reference", "RF18"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(302);
        JsonNode after = ok(api.get(INVOICES + "/" + id, owner));
        assertThat(after.get("status").asString()).isEqualTo("PAID");
        assertThat(amount(after, "balance")).isZero();
        String shown = admin.get(path + "?notice=paid").body();
        assertThat(shown).contains("data-status=\"PAID\"").contains("The payment was recorded.")
                .contains("id=\"figure-paid\" data-amount=\"" + amount(after, "paid") + "\"")
                .doesNotContain("id=\"record-payment\"");
        assertThat(timeline(shown)).containsSubsequence("Paid", "Sent", "Created");

        // a refund needs its reason; refused on the field, nothing stored
        Response noReason = admin.post(path, Map.of("action", "refund", "amount", "10.00", "method", "CASH", "reason", ""));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"refund-reason-error\"").contains("value=\"10.00\"");
        assertThat(ok(api.get(INVOICES + "/" + id + "/payments", owner))).hasSize(1);
        Response refunded = admin.post(path, Map.of("action", "refund", "amount", "10.00", "method", "CASH",
                "reason", "Goodwill"));
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(302);
        assertThat(ok(api.get(INVOICES + "/" + id, owner)).get("status").asString()).isEqualTo("PARTIALLY_PAID");

        // a credit note for the rest: a draft of its own, shown next
        Response credit = admin.post(path, Map.of("action", "credit-note", "reason", "Work not done"));
        assertThat(credit.status()).as(credit.body()).isEqualTo(302);
        Matcher m = INVOICE_ID.matcher(credit.header("Location"));
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isNotEqualTo(id);
        JsonNode note = ok(api.get(INVOICES + "/" + m.group(1), owner));
        assertThat(note.get("kind").asString()).isEqualTo("CREDIT_NOTE");
        assertThat(note.get("creditsInvoiceId").asString()).isEqualTo(id);
    }

    @Test
    void aRefundChoosesThePaymentItRefundsAndThePaymentsTableShowsWhich() {
        JsonNode sent = send(draft("Two payments", 10000)); // 108.10
        String id = sent.get("id").asString();
        String payments = INVOICES + "/" + id + "/payments";
        String path = base() + "/invoices/" + id;
        String first = created(api.post(payments, admin,
                "{\"amount\": 6000, \"method\": \"BANK_TRANSFER\", \"reference\": \"RF-FIRST\"}")).get("id").asString();
        clock.advance(Duration.ofSeconds(1)); // recorded later, on the same day: the newer
        String second = created(api.post(payments, admin, "{\"amount\": 4810, \"method\": \"CASH\"}")).get("id").asString();
        JsonNode other = send(draft("Another invoice", 10000));
        String othersPayment = created(api.post(INVOICES + "/" + other.get("id").asString() + "/payments", admin,
                "{\"amount\": 100, \"method\": \"CASH\"}")).get("id").asString();
        Https admin = signIn(Role.ADMIN);

        String page = admin.get(path).body();
        assertThat(options(page)).as("newest first, the newest chosen").containsExactly(second + " selected", first);
        assertThat(page).contains("RF-FIRST: CHF\u00a060.00 left to refund");

        long audited = api.auditEntriesButEmails(a);
        Response tooMuch = admin.post(path, Map.of("action", "refund", "amount", "60.01", "method", "CASH",
                "reason", "Goodwill", "refundsPaymentId", first));
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("id=\"refund-amount-error\"").contains("left to refund of the payment")
                .contains("value=\"60.01\"");
        assertThat(options(tooMuch.body())).as("the payment chosen, kept").containsExactly(second, first + " selected");
        Response elsewhere = admin.post(path, Map.of("action", "refund", "amount", "1.00", "method", "CASH",
                "reason", "Goodwill", "refundsPaymentId", othersPayment));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("id=\"refund-payment-error\"")
                .contains("That is not a payment of this invoice.");
        assertThat(ok(api.get(payments, owner))).hasSize(2);
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(audited);

        Response refunded = admin.post(path, Map.of("action", "refund", "amount", "20.00", "method", "BANK_TRANSFER",
                "reason", "Goodwill", "refundsPaymentId", first));
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(302);
        String shown = admin.get(path + "?notice=refunded").body();
        assertThat(shown).contains("data-refunds=\"" + first + "\"").contains("href=\"#payment-" + first + "\"")
                .contains("id=\"payment-" + first + "\"").contains("Refunds the payment of CHF\u00a060.00 on");
        assertThat(shown).contains("RF-FIRST: CHF\u00a040.00 left to refund");
    }

    /** The refund form's choices in order, each its payment's id, and " selected" when chosen. */
    static List<String> options(String page) {
        Matcher select = Pattern.compile("<select id=\"refund-payment\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(page);
        assertThat(select.find()).as("the refund form's select in %s", page).isTrue();
        Matcher option = Pattern.compile("<option value=\"([^\"]+)\"([^>]*)>").matcher(select.group(1));
        List<String> found = new ArrayList<>();
        while (option.find()) {
            found.add(option.group(1) + (option.group(2).contains("selected") ? " selected" : ""));
        }
        return found;
    }

    @Test
    void voidsASentInvoiceAndARefusedStepIsShownOnTheInvoicesOwnPage() {
        JsonNode sent = send(draft("To void", 5000));
        String path = base() + "/invoices/" + sent.get("id").asString();
        Https admin = signIn(Role.ADMIN);
        Response voided = admin.post(path, Map.of("action", "void", "version", version(admin.get(path)),
                "reason", "Sent twice"));
        assertThat(voided.status()).as(voided.body()).isEqualTo(302);
        JsonNode after = ok(api.get(INVOICES + "/" + sent.get("id").asString(), owner));
        assertThat(after.get("status").asString()).isEqualTo("VOID");
        assertThat(admin.get(path).body()).contains("id=\"voided\"").contains("Sent twice")
                .doesNotContain("id=\"record-payment\"");

        Response refused = admin.post(path, Map.of("action", "send", "version", after.get("version").asString()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"refusal\"");
        assertThat(ok(api.get(INVOICES + "/" + sent.get("id").asString(), owner)).get("status").asString())
                .isEqualTo("VOID");
    }

    @Test
    void theReadOnlyRoleSeesNoWriteButtonsAndItsPostsAreRefused() {
        JsonNode sent = send(draft("Read only", 10000));
        String path = base() + "/invoices/" + sent.get("id").asString();
        Https reader = signIn(Role.READ_ONLY);
        assertThat(reader.get(base() + "/invoices").body()).doesNotContain("id=\"new-invoice\"");
        Response page = reader.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(sent.get("number").asString()).doesNotContain("id=\"actions\"")
                .doesNotContain("id=\"record-payment\"");
        assertThat(reader.post(path, Map.of("action", "pay", "amount", "1.00", "method", "CASH")).status()).isEqualTo(403);
        assertThat(reader.post(path, Map.of("action", "void", "version", sent.get("version").asString())).status())
                .isEqualTo(403);
        assertThat(reader.get(base() + "/invoices/new").status()).isEqualTo(403);
        assertThat(ok(api.get(INVOICES + "/" + sent.get("id").asString() + "/payments", owner))).isEmpty();
    }

    @Test
    void aUserMayNotCreateInvoicesUnlessTheCompanysMoneyPolicyGivesIt() {
        Https user = signIn(Role.USER);
        assertThat(user.get(base() + "/invoices/new").status()).isEqualTo(403);
        List<Map.Entry<String, String>> fields = form("By a user", "");
        row(fields, "", "Work", "1", "10", "", "");
        long before = total();
        assertThat(user.post(base() + "/invoices/new", fields).status()).isEqualTo(403);
        assertThat(total()).isEqualTo(before);
        ok(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": [\"quotes:write\", \"invoices:write\"]}"));
        try {
            assertThat(user.get(base() + "/invoices").body()).contains("id=\"new-invoice\"");
            Response created = user.post(base() + "/invoices/new", fields);
            assertThat(created.status()).as(created.body()).isEqualTo(302);
            assertThat(total()).isEqualTo(before + 1);
        } finally {
            ok(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": [\"quotes:write\"]}"));
        }
    }

    @Test
    void anotherCompanysInvoiceIsNotFound() {
        String key = b.keys.get(Role.OWNER);
        String[] theirClient = clientWithProperty(key, "Other Co client");
        JsonNode theirs = created(api.post(INVOICES, key, """
                {"clientId": "%s", "title": "Theirs", "lineItems": [{"description": "x", "unitPrice": 100}]}"""
                .formatted(theirClient[0])));
        Https admin = signIn(Role.ADMIN);
        String path = base() + "/invoices/" + theirs.get("id").asString();
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(admin.get(path + "/edit").status()).isEqualTo(404);
        admin.get(base() + "/invoices");
        assertThat(admin.post(path, Map.of("action", "send", "version", theirs.get("version").asString())).status())
                .isEqualTo(404);
        assertThat(ok(api.get(INVOICES + "/" + theirs.get("id").asString(), key)).get("status").asString())
                .isEqualTo("DRAFT");
    }

    @Test
    void fromTheQuotePageToTheJobAndFromTheCompletedJobToItsInvoice() {
        JsonNode quote = simpleQuote("Convert me");
        JsonNode approved = act(QUOTES, "approve", admin, act(QUOTES, "send", admin, quote, null),
                "{\"signatureName\": \"Grace Hopper\"}");
        String quotePath = base() + "/quotes/" + quote.get("id").asString();
        Https office = signIn(Role.ADMIN);
        Response quotePage = office.get(quotePath);
        assertThat(quotePage.body()).contains("id=\"convert-quote\"").doesNotContain("id=\"convert-quote\" disabled");
        Response stale = office.post(quotePath + "/convert", Map.of("version", quote.get("version").asString()));
        assertThat(stale.status()).isEqualTo(302);
        assertThat(stale.header("Location")).endsWith("/quotes/" + quote.get("id").asString());
        assertThat(office.get(quotePath).body()).contains("id=\"refusal\"");
        assertThat(office.get(quotePath).body()).as("shown once").doesNotContain("id=\"refusal\"");

        Response converted = office.post(quotePath + "/convert", Map.of("version", approved.get("version").asString()));
        assertThat(converted.status()).isEqualTo(302);
        JsonNode afterQuote = ok(api.get(QUOTES + "/" + quote.get("id").asString(), owner));
        assertThat(afterQuote.get("status").asString()).isEqualTo("CONVERTED");
        String jobId = afterQuote.get("jobId").asString();
        assertThat(converted.header("Location")).endsWith("/jobs/" + jobId + "?notice=converted");
        String jobPage = office.get(base() + "/jobs/" + jobId + "?notice=converted").body();
        assertThat(jobPage).contains("converted into this job").doesNotContain("id=\"create-invoice\"");

        String jobApi = "/api/v1/jobs/" + jobId;
        // not completed yet: refused, with the reason on the job's own page
        Response early = office.post(base() + "/jobs/" + jobId + "/invoice", Map.of("kind", "INVOICE"));
        assertThat(early.header("Location")).endsWith("/jobs/" + jobId);
        assertThat(office.get(base() + "/jobs/" + jobId).body()).contains("id=\"invoice-refused\"")
                .contains("not completed yet");
        created(api.post(jobApi + "/visits", admin, null, "{\"start\": \"2027-03-01T08:00\", \"end\": \"2027-03-01T16:00\"}"));
        ok(api.post(jobApi + "/actions/complete", admin, etag(ok(api.get(jobApi, admin))), null));
        assertThat(signIn(Role.READ_ONLY).get(base() + "/jobs/" + jobId).body()).doesNotContain("id=\"create-invoice\"");
        assertThat(office.get(base() + "/jobs/" + jobId).body()).contains("id=\"create-invoice\"");
        Response invoiced = office.post(base() + "/jobs/" + jobId + "/invoice", Map.of("kind", "INVOICE"));
        assertThat(invoiced.status()).as(invoiced.body()).isEqualTo(302);
        Matcher m = INVOICE_ID.matcher(invoiced.header("Location"));
        assertThat(m.find()).as(invoiced.header("Location")).isTrue();
        assertThat(m.group(2)).isEqualTo("fromJob");
        JsonNode invoice = ok(api.get(INVOICES + "/" + m.group(1), owner));
        assertThat(invoice.get("jobId").asString()).isEqualTo(jobId);
        assertThat(amount(invoice, "total")).isEqualTo(amount(afterQuote, "total"));
        assertThat(office.get(base() + "/invoices/" + m.group(1)).body()).contains("id=\"invoice-job\"");

        // a second press shows the same draft rather than making another
        Response again = office.post(base() + "/jobs/" + jobId + "/invoice", Map.of("kind", "INVOICE"));
        assertThat(again.header("Location")).endsWith("/invoices/" + m.group(1) + "?notice=existing");
        assertThat(signIn(Role.READ_ONLY).post(base() + "/jobs/" + jobId + "/invoice", Map.of("kind", "INVOICE"))
                .status()).isEqualTo(403);
    }

    @Test
    void createInvoiceOnACompletedJobBillsItsTimeOnSiteAtTheProductChosen() {
        JsonNode job = created(api.post("/api/v1/jobs", owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "Leak", "lineItems": [
                 {"kind": "PART", "description": "Seal", "quantity": 1, "unitPrice": 500, "taxRate": 8.1}]}"""
                .formatted(clientId, propertyId)));
        String jobApi = "/api/v1/jobs/" + job.get("id").asString();
        JsonNode visit = created(api.post(jobApi + "/visits", admin, null,
                "{\"start\": \"2027-03-02T08:00\", \"end\": \"2027-03-02T10:00\"}"));
        String visitApi = "/api/v1/visits/" + visit.get("id").asString();
        JsonNode started = ok(api.post(visitApi + "/actions/start", admin, etag(visit), null));
        clock.advance(java.time.Duration.ofMinutes(50));
        ok(api.post(visitApi + "/actions/finish", admin, etag(started), null));
        Https office = signIn(Role.ADMIN);
        String page = office.get(base() + "/jobs/" + job.get("id").asString()).body();
        assertThat(page).contains("id=\"hourly-product\"").contains("Boiler service");
        Response invoiced = office.post(base() + "/jobs/" + job.get("id").asString() + "/invoice",
                Map.of("kind", "INVOICE", "hourlyProductId", product));
        Matcher m = INVOICE_ID.matcher(invoiced.header("Location"));
        assertThat(m.find()).as(invoiced.header("Location")).isTrue();
        JsonNode invoice = ok(api.get(INVOICES + "/" + m.group(1), owner));
        assertThat(invoice.get("lineItems")).hasSize(2);
        assertThat(invoice.get("lineItems").get(1).get("quantity").decimalValue()).as("50 min to the quarter hour up")
                .isEqualByComparingTo("1.00");
        assertThat(invoice.get("lineItems").get(1).get("unitPrice").asLong()).isEqualTo(18000);
    }

    @Test
    void theHomePagesOverdueCardChangesWhenTheOverdueInvoiceIsPaid() {
        TestCompany home = fixtures.companyWithEveryRole("invoices-home");
        String key = home.keys.get(Role.OWNER);
        String[] client = clientWithProperty(key, "Home client");
        JsonNode invoice = created(api.post(INVOICES, key, """
                {"clientId": "%s", "title": "Due tomorrow", "paymentTermsDays": 1,
                 "lineItems": [{"description": "W", "unitPrice": 12345}]}""".formatted(client[0])));
        JsonNode sent = act(INVOICES, "send", key, invoice, null);
        Https owner = new Https(port);
        assertThat(owner.signIn(home.slug(), home.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        Response first = owner.get("/c/" + home.slug() + "/");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(card(first.body())).as(first.body()).isEqualTo("0");

        clock.advance(Duration.ofDays(2));
        // two days on, the session has lapsed: sign in again
        owner = new Https(port);
        assertThat(owner.signIn(home.slug(), home.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String page = owner.get("/c/" + home.slug() + "/").body();
        assertThat(card(page)).isEqualTo("1");
        Matcher amount = Pattern.compile("class=\"overdue-amount\">([^<]*)</li>").matcher(page);
        assertThat(amount.find()).as(page).isTrue();
        assertThat(amount.group(1).replaceAll("[^0-9]", "")).isEqualTo(String.valueOf(amount(sent, "balance")));
        assertThat(page).contains("/c/" + home.slug() + "/invoices?overdue=yes");

        Response paid = owner.post("/c/" + home.slug() + "/invoices/" + sent.get("id").asString(),
                Map.of("action", "pay", "amount", "123.45", "method", "CASH"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(302);
        String after = owner.get("/c/" + home.slug() + "/").body();
        assertThat(card(after)).isEqualTo("0");
        assertThat(after).doesNotContain("class=\"overdue-amount\"");
    }

    @Test
    void settingsInvoicingSavesThePaymentTermsAndRefusesANumberThatIsNoneBesideItsField() {
        TestCompany own = fixtures.companyWithEveryRole("invoices-settings");
        Https owner = new Https(port);
        assertThat(owner.signIn(own.slug(), own.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String path = "/c/" + own.slug() + "/settings/invoicing";
        Response page = owner.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"invoicing-paymentTermsDays\"");
        Response refused = owner.post(path, Map.of("prefix", "F-", "nextNumber", "seven", "paymentTermsDays", "14"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"invoicing-nextNumber-error\"").contains("value=\"seven\"");
        Response saved = owner.post(path, Map.of("prefix", "F-", "nextNumber", "7", "paymentTermsDays", "14"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        JsonNode settings = ok(api.get("/api/v1/settings/invoicing", own.keys.get(Role.OWNER)));
        assertThat(settings.get("paymentTermsDays").asInt()).isEqualTo(14);
        assertThat(settings.get("prefix").asString()).isEqualTo("F-");
        assertThat(settings.get("nextNumber").asLong()).isEqualTo(7);
        Https user = new Https(port);
        assertThat(user.signIn(own.slug(), own.users.get(Role.USER).email().value(), Fixtures.PASSWORD).status())
                .isEqualTo(302);
        assertThat(user.get(path).status()).isEqualTo(403);
    }

    // ---- helpers

    @Override
    protected String prefix() {
        return "invoices-web";
    }

    String base() {
        return "/c/" + a.slug();
    }

    Https signIn(Role role) {
        String email = role == Role.OWNER ? a.ownerEmail() : a.users.get(role).email().value();
        Https h = new Https(port);
        assertThat(h.signIn(a.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }

    JsonNode draft(String title, long unitPrice) {
        return created(api.post(INVOICES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "%s",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": %d, "taxRateId": "%s"}]}"""
                .formatted(clientId, propertyId, title, unitPrice, vat)));
    }

    JsonNode send(JsonNode draft) {
        return act(INVOICES, "send", admin, draft, null);
    }

    long total() {
        return body(api.get(INVOICES + "?size=1", owner)).get("total").asLong();
    }

    List<Map.Entry<String, String>> form(String title, String days) {
        return fields("clientId", clientId, "propertyId", propertyId, "title", title, "discountKind", "percent",
                "discount", "", "depositKind", "percent", "deposit", "", "paymentTermsDays", days, "terms", "",
                "notes", "");
    }

    static List<Map.Entry<String, String>> fields(String... pairs) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return fields;
    }

    /** One line of the editor, as its inputs submit it. */
    static void row(List<Map.Entry<String, String>> fields, String productId, String description, String quantity,
                    String unitPrice, String discount, String taxRateId) {
        fields.addAll(fields("lineId", "", "productId", productId, "description", description, "quantity", quantity,
                "unitPrice", unitPrice, "lineDiscount", discount, "taxRateId", taxRateId));
    }

    static String card(String page) {
        Matcher card = Pattern.compile("id=\"card-invoices-overdue\">.*?<p class=\"count\"><a [^>]*>(\\d+)</a>",
                Pattern.DOTALL).matcher(page);
        assertThat(card.find()).as("the overdue card in %s", page).isTrue();
        return card.group(1);
    }

    static List<String> timeline(String page) {
        Matcher section = Pattern.compile("id=\"timeline\">(.*?)</section>", Pattern.DOTALL).matcher(page);
        assertThat(section.find()).isTrue();
        Matcher what = Pattern.compile("<strong>([^<]*)</strong>").matcher(section.group(1));
        List<String> found = new ArrayList<>();
        while (what.find()) {
            found.add(what.group(1));
        }
        return found;
    }

    static String version(Response r) {
        Matcher m = VERSION.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }
}
