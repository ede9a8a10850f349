package org.fieldstone.invoices.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The REST API of invoices and payments over real HTTPS: figures, numbering when sent, every legal and illegal step
 * (refused: 409 or 400, nothing changed, nothing audited), payments and refunds with the balance never below zero and
 * each refund of a payment of the invoice, never more than is left of it —
 * also under concurrent payments —, the way from an approved quote to a job, its deposit invoice and its final invoice,
 * overdue, settings, the role matrix with the money policy and isolation between companies.
 */
abstract class InvoicesApiContract extends MoneyApiTestSupport {

    @Override
    protected String prefix() {
        return "invoices";
    }

    private JsonNode draft(String key, long unitPrice) {
        return created(api.post(INVOICES, key, """
                {"clientId": "%s", "propertyId": "%s", "title": "Repairs", "terms": "Net 30",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": %d, "taxRateId": "%s"}]}"""
                .formatted(clientId, propertyId, unitPrice, vat)));
    }

    /** A sent invoice of 100.00 + VAT 8.1 % = 108.10. */
    private JsonNode sent() {
        return act(INVOICES, "send", admin, draft(admin, 10000), null);
    }

    private Response pay(String key, JsonNode invoice, long amount) {
        return api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", key,
                "{\"amount\": " + amount + ", \"method\": \"BANK_TRANSFER\", \"reference\": \"RF18 5390 0754 7034\"}");
    }

    /** A refund of {@code amount} (minor units, positive) with its reason, naming {@code paymentId} unless null. */
    private Response refund(String key, JsonNode invoice, long amount, String paymentId) {
        String names = paymentId == null ? "" : ", \"refundsPaymentId\": \"" + paymentId + "\"";
        return api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", key,
                "{\"amount\": " + -amount + ", \"method\": \"BANK_TRANSFER\", \"reason\": \"Goodwill\"" + names + "}");
    }

    private JsonNode read(JsonNode invoice) {
        return ok(api.get(INVOICES + "/" + invoice.get("id").asString(), owner));
    }

    @Test
    void aStandaloneInvoiceIsNumberedWhenSentAndPaidInParts() {
        var c = fixtures.company("invoices-numbers");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        String[] client = clientWithProperty(key, "Numbered");
        JsonNode d1 = created(api.post(INVOICES, key, """
                {"clientId": "%s", "title": "One", "lineItems": [{"description": "W", "unitPrice": 5000}]}"""
                .formatted(client[0])));
        assertThat(d1.get("number").isNull()).as("a draft has no number").isTrue();
        assertThat(d1.get("status").asString()).isEqualTo("DRAFT");
        assertThat(d1.get("kind").asString()).isEqualTo("INVOICE");
        JsonNode deleted = created(api.post(INVOICES, key, """
                {"clientId": "%s", "title": "Deleted", "lineItems": [{"description": "W", "unitPrice": 1}]}"""
                .formatted(client[0])));
        assertThat(api.delete(INVOICES + "/" + deleted.get("id").asString(), key, etag(deleted)).status()).isEqualTo(204);
        JsonNode s1 = act(INVOICES, "send", key, d1, null);
        assertThat(s1.get("number").asString()).as("a deleted draft leaves no gap").isEqualTo("INV-0001");
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Zurich")));
        assertThat(s1.get("issuedOn").asString()).isEqualTo(today.toString());
        assertThat(s1.get("dueOn").asString()).as("net 30 by default").isEqualTo(today.plusDays(30).toString());
        JsonNode settings = ok(api.put("/api/v1/settings/invoicing", key,
                "{\"prefix\": \"R-2027-\", \"nextNumber\": 100, \"paymentTermsDays\": 10}"));
        assertThat(settings.get("nextNumber").asLong()).isEqualTo(100);
        assertProblem(api.put("/api/v1/settings/invoicing", key, "{\"nextNumber\": 1}"), 400);
        assertProblem(api.put("/api/v1/settings/invoicing", key, "{\"prefix\": \"<b>\"}"), 400);
        JsonNode d2 = created(api.post(INVOICES, key, """
                {"clientId": "%s", "title": "Two", "lineItems": [{"description": "W", "unitPrice": 5000}]}"""
                .formatted(client[0])));
        assertThat(d2.get("paymentTermsDays").asInt()).isEqualTo(10);
        JsonNode s2 = act(INVOICES, "send", key, d2, null);
        assertThat(s2.get("number").asString()).isEqualTo("R-2027-0100");
        assertThat(ok(api.get("/api/v1/settings/invoicing", key)).get("nextNumber").asLong()).isEqualTo(101);

        assertThat(created(pay(key, s1, 2000)).get("amount").get("amount").asLong()).isEqualTo(2000);
        JsonNode partly = ok(api.get(INVOICES + "/" + s1.get("id").asString(), key));
        assertThat(partly.get("status").asString()).isEqualTo("PARTIALLY_PAID");
        assertThat(amount(partly, "paid")).isEqualTo(2000);
        assertThat(amount(partly, "balance")).isEqualTo(3000);
        created(pay(key, partly, 3000));
        JsonNode paid = ok(api.get(INVOICES + "/" + s1.get("id").asString(), key));
        assertThat(paid.get("status").asString()).isEqualTo("PAID");
        assertThat(amount(paid, "balance")).isZero();
        JsonNode payments = ok(api.get(INVOICES + "/" + s1.get("id").asString() + "/payments", key));
        assertThat(payments).hasSize(2);
        assertThat(payments.get(0).get("reference").asString()).isEqualTo("RF18 5390 0754 7034");
        assertThat(payments.get(0).get("method").asString()).isEqualTo("BANK_TRANSFER");
    }

    @Test
    void anOverpaymentIsRefusedWithTheBalanceAndChangesNothing() {
        JsonNode invoice = sent();
        assertThat(amount(invoice, "total")).isEqualTo(10810);
        long audited = api.auditEntriesButEmails(a);
        Response over = pay(admin, invoice, 10811);
        assertProblem(over, 400);
        assertThat(body(over).get("errors").get("amount").asString()).contains("108.10");
        for (String body : List.of("{\"amount\": 0, \"method\": \"CASH\"}", "{\"amount\": 100, \"method\": \"BITCOIN\"}",
                "{\"amount\": 1.5, \"method\": \"CASH\"}", "{\"amount\": 100, \"method\": \"CASH\", \"paidOn\": \"2999-01-01\"}",
                "{\"amount\": -100, \"method\": \"CASH\", \"reason\": \"x\"}", "{\"amount\": \"lots\", \"method\": \"CASH\"}",
                "{\"method\": \"CASH\"}", "{\"amount\": 100, \"method\": \"CASH\", \"balance\": 0}")) {
            assertProblem(api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", admin, body), 400);
        }
        assertThat(read(invoice)).isEqualTo(invoice);
        assertThat(ok(api.get(INVOICES + "/" + invoice.get("id").asString() + "/payments", owner))).isEmpty();
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(audited);
        // the exact balance is accepted; a refund needs its reason and at most what was paid
        JsonNode payment = created(pay(admin, invoice, 10810));
        assertThat(payment.get("refundsPaymentId").isNull()).isTrue();
        assertThat(read(invoice).get("status").asString()).isEqualTo("PAID");
        assertProblem(pay(admin, invoice, 1), 400);
        Response noReason = api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", admin,
                "{\"amount\": -810, \"method\": \"CASH\"}");
        assertProblem(noReason, 400);
        assertThat(body(noReason).get("errors").has("reason")).isTrue();
        assertProblem(api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", admin,
                "{\"amount\": -10811, \"method\": \"CASH\", \"reason\": \"Too much\"}"), 400);
        JsonNode refund = created(api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", admin,
                "{\"amount\": -810, \"method\": \"CASH\", \"reason\": \"Goodwill: the filter was late\"}"));
        assertThat(refund.get("refund").asBoolean()).isTrue();
        assertThat(refund.get("refundsPaymentId").asString()).as("named none: the only payment")
                .isEqualTo(payment.get("id").asString());
        JsonNode after = read(invoice);
        assertThat(after.get("status").asString()).isEqualTo("PARTIALLY_PAID");
        assertThat(amount(after, "balance")).isEqualTo(810);
    }

    @Test
    void aRefundNamesThePaymentItRefundsAndTheRefundsOfAPaymentNeverComeToMoreThanIt() {
        JsonNode invoice = sent(); // 108.10
        String payments = INVOICES + "/" + invoice.get("id").asString() + "/payments";
        String first = created(pay(admin, invoice, 6000)).get("id").asString();
        String second = created(pay(admin, invoice, 4810)).get("id").asString();
        JsonNode otherInvoice = sent();
        String othersPayment = created(pay(admin, otherInvoice, 100)).get("id").asString();
        // another company's payment, on an invoice of its own
        String theirKey = b.keys.get(Role.OWNER);
        JsonNode theirs = act(INVOICES, "send", theirKey, created(api.post(INVOICES, theirKey, """
                {"clientId": "%s", "title": "Theirs", "lineItems": [{"description": "W", "unitPrice": 7777}]}"""
                .formatted(clientWithProperty(theirKey, "Refund elsewhere")[0]))), null);
        String theirPayment = created(pay(theirKey, theirs, 7777)).get("id").asString();

        JsonNode before = read(invoice);
        long audited = api.auditEntriesButEmails(a);
        Response which = refund(admin, invoice, 100, null);
        assertProblem(which, 400);
        assertThat(body(which).get("errors").get("refundsPaymentId").asString()).contains("more than one payment");
        Response tooMuch = refund(admin, invoice, 6001, first);
        assertProblem(tooMuch, 400);
        assertThat(body(tooMuch).get("errors").get("amount").asString()).contains("60.00");
        assertProblem(api.post(payments, admin, "{\"amount\": 100, \"method\": \"CASH\", \"refundsPaymentId\": \""
                + first + "\"}"), 400);
        Response elsewhere = refund(admin, invoice, 100, othersPayment);
        assertProblem(elsewhere, 400);
        assertThat(body(elsewhere).get("errors").get("refundsPaymentId").asString())
                .isEqualTo("That is not a payment of this invoice.");
        Response otherCompany = refund(admin, invoice, 100, theirPayment);
        assertProblem(otherCompany, 400);
        assertThat(body(otherCompany).get("errors")).as("the same answer as for an id that is nobody's")
                .isEqualTo(body(refund(admin, invoice, 100, java.util.UUID.randomUUID().toString())).get("errors"));
        assertThat(otherCompany.body()).doesNotContain("77.77").doesNotContain(theirs.get("id").asString());
        assertProblem(refund(theirKey, theirs, 100, first), 400);
        assertThat(read(invoice)).isEqualTo(before);
        assertThat(ok(api.get(payments, owner))).hasSize(2);
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(audited);

        // named, it is refunded and says so
        JsonNode refund = created(refund(admin, invoice, 4000, first));
        assertThat(refund.get("refundsPaymentId").asString()).isEqualTo(first);
        java.util.Map<String, JsonNode> listed = new java.util.HashMap<>();
        ok(api.get(payments, owner)).forEach(p -> listed.put(p.get("id").asString(), p));
        assertThat(listed.get(refund.get("id").asString()).get("refundsPaymentId").asString()).isEqualTo(first);
        assertThat(listed.get(first).get("refundsPaymentId").isNull()).as("a payment refunds none").isTrue();
        assertProblem(refund(admin, invoice, 100, refund.get("id").asString()), 400);
        // two refunds of one payment together: at most the payment
        audited = api.auditEntriesButEmails(a);
        Response beyond = refund(admin, invoice, 2001, first);
        assertProblem(beyond, 400);
        assertThat(body(beyond).get("errors").get("amount").asString()).contains("20.00 left to refund");
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(audited);
        created(refund(admin, invoice, 2000, first));
        assertProblem(refund(admin, invoice, 1, first), 400);
        // the first refunded in full, the second is the only one left: taken when none is named
        assertThat(created(refund(admin, invoice, 810, null)).get("refundsPaymentId").asString()).isEqualTo(second);
        JsonNode after = read(invoice);
        assertThat(amount(after, "paid")).isEqualTo(4000);
        assertThat(after.get("status").asString()).isEqualTo("PARTIALLY_PAID");
        assertThat(ok(api.get(payments, owner))).hasSize(5);
        assertThat(ok(api.get(INVOICES + "/" + theirs.get("id").asString() + "/payments", theirKey))).hasSize(1);
    }

    @Test
    void aPaidInvoiceIsCancelledByACreditNoteOfItsOwnAndTheRefund() {
        JsonNode invoice = sent(); // 108.10
        created(pay(admin, invoice, 10810));
        JsonNode paid = read(invoice);
        assertProblem(api.post(INVOICES + "/" + invoice.get("id").asString() + "/actions/void", admin, etag(paid), null), 409);
        JsonNode partial = created(api.post(INVOICES + "/" + invoice.get("id").asString() + "/credit-notes", admin, """
                {"reason": "One hour less", "lineItems": [{"description": "Work", "quantity": 0.5, "unitPrice": 10000,
                 "taxRateId": "%s"}]}""".formatted(vat)));
        assertThat(partial.get("kind").asString()).isEqualTo("CREDIT_NOTE");
        assertThat(partial.get("status").asString()).isEqualTo("DRAFT");
        assertThat(partial.get("creditsInvoiceId").asString()).isEqualTo(invoice.get("id").asString());
        assertThat(amount(partial, "total")).isEqualTo(5405);
        assertThat(amount(read(invoice), "balance")).as("a draft credits nothing yet").isZero();
        JsonNode issued = act(INVOICES, "send", admin, partial, null);
        assertThat(issued.get("number").asString()).matches("CN-\\d{4,}");
        assertThat(issued.get("overdue").asBoolean()).isFalse();
        assertProblem(api.post(INVOICES + "/" + issued.get("id").asString() + "/payments", admin,
                "{\"amount\": 1, \"method\": \"CASH\"}"), 409);
        assertProblem(api.post(INVOICES + "/" + issued.get("id").asString() + "/actions/void", admin, etag(issued), null), 409);
        JsonNode credited = read(invoice);
        assertThat(amount(credited, "credited")).isEqualTo(5405);
        assertThat(amount(credited, "balance")).as("a refund is due").isEqualTo(-5405);
        assertThat(credited.get("status").asString()).isEqualTo("PAID");
        // more than is left to credit is refused, and the rest needs its lines
        assertProblem(api.post(INVOICES + "/" + invoice.get("id").asString() + "/credit-notes", admin, """
                {"lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 10000, "taxRateId": "%s"}]}"""
                .formatted(vat)), 409);
        assertProblem(api.post(INVOICES + "/" + invoice.get("id").asString() + "/credit-notes", admin, null), 409);
        JsonNode rest = act(INVOICES, "send", admin, created(api.post(INVOICES + "/" + invoice.get("id").asString()
                + "/credit-notes", admin, """
                {"reason": "Cancelled", "lineItems": [{"description": "Work", "quantity": 0.5, "unitPrice": 10000,
                 "taxRateId": "%s"}]}""".formatted(vat))), null);
        assertThat(amount(read(invoice), "balance")).as("all credited: all of it is refunded").isEqualTo(-10810);
        created(api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", admin,
                "{\"amount\": -10810, \"method\": \"BANK_TRANSFER\", \"reason\": \"Credited in full\"}"));
        JsonNode cancelled = read(invoice);
        assertThat(cancelled.get("status").asString()).as("fully credited and refunded").isEqualTo("VOID");
        assertThat(amount(cancelled, "balance")).isZero();
        assertThat(body(api.get(INVOICES + "?kind=credit-note&size=200", owner)).get("items").valueStream()
                .map(i -> i.get("id").asString()).toList()).contains(issued.get("id").asString(), rest.get("id").asString());
        // a whole unpaid invoice credited at once is void
        JsonNode unpaid = sent();
        JsonNode whole = act(INVOICES, "send", admin, created(api.post(INVOICES + "/" + unpaid.get("id").asString()
                + "/credit-notes", admin, "{\"reason\": \"Wrong address\"}")), null);
        assertThat(amount(whole, "total")).isEqualTo(10810);
        assertThat(read(unpaid).get("status").asString()).isEqualTo("VOID");
    }

    @Test
    void concurrentPaymentsNeverTakeTheBalanceBelowZero() throws Exception {
        JsonNode invoice = sent(); // 108.10
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return pay(admin, invoice, 3000).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> r : results) {
            statuses.add(r.get());
        }
        pool.shutdown();
        assertThat(statuses).as("three of 30.00 fit in 108.10, a fourth does not").filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(400);
        JsonNode after = read(invoice);
        assertThat(amount(after, "paid")).isEqualTo(9000);
        assertThat(amount(after, "balance")).isEqualTo(1810);
        assertThat(after.get("status").asString()).isEqualTo("PARTIALLY_PAID");
        assertThat(ok(api.get(INVOICES + "/" + invoice.get("id").asString() + "/payments", owner))).hasSize(3);
    }

    @Test
    void everyStepIsRefusedWhereItDoesNotApplyAndChangesNothing() {
        JsonNode draft = draft(admin, 1000);
        JsonNode sent = sent();
        JsonNode paid = sent();
        created(pay(admin, paid, 10810));
        paid = read(paid);
        JsonNode voided = act(INVOICES, "void", admin, sent(), "{\"reason\": \"Wrong client\"}");
        assertThat(voided.get("status").asString()).isEqualTo("VOID");
        assertThat(amount(voided, "balance")).isZero();
        record Refusal(JsonNode invoice, String method, String path, String body) {
        }
        List<Refusal> refusals = List.of(
                new Refusal(draft, "POST", "/actions/void", null),
                new Refusal(draft, "POST", "/payments", "{\"amount\": 100, \"method\": \"CASH\"}"),
                new Refusal(sent, "POST", "/actions/send", null),
                new Refusal(sent, "PATCH", "", "{\"title\": \"Changed after sending\"}"),
                new Refusal(sent, "DELETE", "", null),
                new Refusal(paid, "POST", "/actions/void", null),
                new Refusal(paid, "PATCH", "", "{\"title\": \"X\"}"),
                new Refusal(voided, "POST", "/actions/void", null),
                new Refusal(voided, "POST", "/actions/send", null),
                new Refusal(voided, "POST", "/payments", "{\"amount\": 100, \"method\": \"CASH\"}"));
        for (Refusal r : refusals) {
            JsonNode before = read(r.invoice());
            long audited = api.auditEntriesButEmails(a);
            Response answer = api.send(r.method(), INVOICES + "/" + r.invoice().get("id").asString() + r.path(), admin,
                    etag(before), r.body());
            assertProblem(answer, 409);
            assertThat(read(r.invoice())).as(r.method() + " " + r.path()).isEqualTo(before);
            assertThat(api.auditEntriesButEmails(a)).as(r.method() + " " + r.path()).isEqualTo(audited);
        }
        assertProblem(api.post(INVOICES + "/" + sent.get("id").asString() + "/actions/pay", admin, etag(sent), null), 404);
        JsonNode empty = created(api.post(INVOICES, admin,
                "{\"clientId\": \"" + clientId + "\", \"title\": \"Empty\"}"));
        assertProblem(api.post(INVOICES + "/" + empty.get("id").asString() + "/actions/send", admin, etag(empty), null), 409);
        assertProblem(api.post(INVOICES, admin, """
                {"clientId": "%s", "title": "Options", "lineItems": [{"description": "W", "unitPrice": 1, "optional": true}]}"""
                .formatted(clientId)), 400);
    }

    @Test
    void fromAnApprovedQuoteToAJobItsDepositInvoiceAndItsFinalInvoiceTheDepositIsCarriedAndDeducted() {
        JsonNode quote = quote(owner, """
                {"title": "New boiler", "depositPercent": 30, "discountPercent": 5,
                 "lineItems": [{"description": "Boiler", "quantity": 1, "unitPrice": 400000, "taxRateId": "%1$s"},
                               {"description": "Installation", "quantity": 6, "unitPrice": 12000, "taxRateId": "%1$s",
                                "discountPercent": 10},
                               {"description": "Old boiler removal", "quantity": 1, "unitPrice": 25000, "optional": true,
                                "taxRateId": "%1$s"}]}""".formatted(vat));
        JsonNode approved = act(QUOTES, "approve", admin, act(QUOTES, "send", admin, quote, null), """
                {"signatureName": "Grace Hopper", "chosenItemIds": ["%s"]}""".formatted(
                quote.get("lineItems").get(2).get("id").asString()));
        long quoteDeposit = amount(approved, "depositDue");
        long quoteTotal = amount(approved, "total");
        assertThat(quoteDeposit).isEqualTo(Math.round(quoteTotal * 0.30));
        assertProblem(api.post(QUOTES + "/" + quote.get("id").asString() + "/actions/convert", admin, etag(quote), null), 412);
        Response converted = api.post(QUOTES + "/" + quote.get("id").asString() + "/actions/convert", admin,
                etag(approved), null);
        JsonNode job = created(converted);
        assertThat(converted.header("Location")).contains("/api/v1/jobs/" + job.get("id").asString());
        assertThat(job.get("quoteId").asString()).isEqualTo(quote.get("id").asString());
        assertThat(job.get("status").asString()).isEqualTo("DRAFT");
        assertThat(job.get("lineItems")).as("the three lines chosen").hasSize(3);
        assertThat(job.get("depositDue").get("amount").asLong()).isEqualTo(quoteDeposit);
        assertThat(job.get("discountPercent").decimalValue()).isEqualByComparingTo("5");
        JsonNode convertedQuote = ok(api.get(QUOTES + "/" + quote.get("id").asString(), owner));
        assertThat(convertedQuote.get("status").asString()).isEqualTo("CONVERTED");
        assertThat(convertedQuote.get("jobId").asString()).isEqualTo(job.get("id").asString());
        assertProblem(api.post(QUOTES + "/" + quote.get("id").asString() + "/actions/convert", admin,
                etag(convertedQuote), null), 409);

        // the deposit first, with its tax
        String jobPath = "/api/v1/jobs/" + job.get("id").asString();
        assertProblem(api.post(jobPath + "/actions/invoice", admin, null, "{\"kind\": \"invoice\"}"), 409);
        JsonNode deposit = created(api.post(jobPath + "/actions/invoice", admin, null, "{\"kind\": \"deposit\"}"));
        assertThat(deposit.get("kind").asString()).isEqualTo("DEPOSIT");
        assertThat(amount(deposit, "total")).as("the deposit, tax included").isEqualTo(quoteDeposit);
        assertThat(amount(deposit, "tax")).isPositive();
        assertProblem(api.post(jobPath + "/actions/invoice", admin, null, "{\"kind\": \"deposit\"}"), 409);
        JsonNode depositSent = act(INVOICES, "send", admin, deposit, null);
        created(pay(admin, depositSent, quoteDeposit));
        assertThat(read(depositSent).get("status").asString()).isEqualTo("PAID");

        // the work is done: visit, complete, invoice
        JsonNode scheduled = created(api.post(jobPath + "/visits", admin, null,
                "{\"start\": \"2027-03-01T08:00\", \"end\": \"2027-03-01T16:00\"}"));
        JsonNode current = ok(api.get(jobPath, admin));
        assertThat(current.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(scheduled.get("jobId").asString()).isEqualTo(job.get("id").asString());
        ok(api.post(jobPath + "/actions/complete", admin, etag(current), null));
        JsonNode invoice = created(api.post(jobPath + "/actions/invoice", admin, null, null));
        assertThat(invoice.get("jobId").asString()).isEqualTo(job.get("id").asString());
        assertThat(invoice.get("quoteId").asString()).isEqualTo(quote.get("id").asString());
        assertThat(amount(invoice, "total")).as("the job's lines and discount: the quote's figures").isEqualTo(quoteTotal);
        assertThat(invoice.get("depositAmount").asLong()).as("the deposit carried").isEqualTo(quoteDeposit);
        assertThat(invoice.get("deductions")).hasSize(1);
        assertThat(invoice.get("deductions").get(0).get("number").asString()).isEqualTo(depositSent.get("number").asString());
        assertThat(amount(invoice, "depositsDeducted")).isEqualTo(quoteDeposit);
        assertThat(amount(invoice, "balance")).isEqualTo(quoteTotal - quoteDeposit);
        assertThat(amount(invoice, "depositDue")).as("paid already").isZero();
        assertProblem(api.post(jobPath + "/actions/invoice", admin, null, null), 409);

        JsonNode invoiceSent = act(INVOICES, "send", admin, invoice, null);
        JsonNode invoiced = awaitJobStatus(jobPath, "INVOICED");
        assertThat(invoiced.get("flags").get("requiresInvoicing").asBoolean()).isFalse();
        created(pay(admin, invoiceSent, quoteTotal - quoteDeposit));
        assertThat(read(invoiceSent).get("status").asString()).isEqualTo("PAID");
    }

    @Test
    void aJobInvoicedWithoutADepositInvoiceAsksForTheDepositFirstAndBillsTimeOnSite() {
        JsonNode quote = quote(owner, """
                {"title": "Service", "depositAmount": 5000,
                 "lineItems": [{"description": "Parts", "quantity": 1, "unitPrice": 20000, "taxRateId": "%s"}]}"""
                .formatted(vat));
        JsonNode approved = act(QUOTES, "approve", admin, act(QUOTES, "send", admin, quote, null),
                "{\"signatureName\": \"G. Hopper\"}");
        JsonNode job = created(api.post(QUOTES + "/" + quote.get("id").asString() + "/actions/convert", admin,
                etag(approved), null));
        String jobPath = "/api/v1/jobs/" + job.get("id").asString();
        JsonNode visit = created(api.post(jobPath + "/visits", admin, null,
                "{\"start\": \"2027-03-02T08:00\", \"end\": \"2027-03-02T10:00\"}"));
        String visitPath = "/api/v1/visits/" + visit.get("id").asString();
        JsonNode started = ok(api.post(visitPath + "/actions/start", admin, etag(visit), null));
        clock.advance(Duration.ofMinutes(100));
        ok(api.post(visitPath + "/actions/finish", admin, etag(started), null));
        assertThat(ok(api.get(jobPath, admin)).get("status").asString()).isEqualTo("COMPLETED");
        JsonNode invoice = created(api.post(jobPath + "/actions/invoice", admin, null,
                "{\"hourlyProductId\": \"" + product + "\"}"));
        assertThat(amount(invoice, "depositDue")).as("the quote's deposit, asked for first").isEqualTo(5000);
        assertThat(amount(invoice, "depositDue")).isEqualTo(amount(approved, "depositDue"));
        JsonNode time = invoice.get("lineItems").get(1);
        assertThat(time.get("quantity").decimalValue()).as("1 h 40 min to the quarter hour up").isEqualByComparingTo("1.75");
        assertThat(time.get("unitPrice").asLong()).isEqualTo(18000);
        assertThat(amount(invoice, "subtotal")).isEqualTo(20000 + 31500);
        JsonNode sent = act(INVOICES, "send", admin, invoice, null);
        created(pay(admin, sent, 3000));
        assertThat(amount(read(sent), "depositDue")).isEqualTo(2000);
    }

    @org.springframework.beans.factory.annotation.Autowired org.fieldstone.tenancy.CompanyExports exports;

    @Test
    void theCompanysExportHoldsItsPricesQuotesInvoicesAndPaymentsOpened() throws Exception {
        JsonNode quote = act(QUOTES, "send", owner, simpleQuote("Exported quote"), null);
        JsonNode invoice = sent();
        JsonNode cheque = created(api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", admin,
                "{\"amount\": 1234, \"method\": \"CHEQUE\", \"reference\": \"Cheque 000777\"}"));
        created(refund(admin, invoice, 234, cheque.get("id").asString()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.Map<String, Long> sections = exports.export(a.system(), out);
        assertThat(sections).containsKeys("pricing", "quotes", "invoices");
        JsonNode export = tools.jackson.databind.json.JsonMapper.builder().build().readTree(out.toByteArray());
        JsonNode exportedQuote = export.get("quotes").valueStream()
                .filter(q -> q.get("quote").get("id").asString().equals(quote.get("id").asString())).findFirst().orElseThrow();
        assertThat(exportedQuote.get("quote").get("lines").get(0).get("description").asString()).isEqualTo("Work");
        assertThat(exportedQuote.get("revisions")).hasSize(1);
        JsonNode exportedInvoice = export.get("invoices").valueStream()
                .filter(i -> i.get("invoice").get("id").asString().equals(invoice.get("id").asString())).findFirst().orElseThrow();
        assertThat(exportedInvoice.get("invoice").get("number").asString()).isEqualTo(invoice.get("number").asString());
        JsonNode exportedCheque = exportedInvoice.get("payments").valueStream()
                .filter(p -> p.get("id").asString().equals(cheque.get("id").asString())).findFirst().orElseThrow();
        assertThat(exportedCheque.get("reference").asString()).isEqualTo("Cheque 000777");
        assertThat(exportedCheque.get("amount").get("amount").asLong()).isEqualTo(1234);
        assertThat(exportedInvoice.get("payments").valueStream().filter(p -> p.get("amount").get("amount").asLong() < 0)
                .map(p -> p.get("refundsPaymentId").asString()).toList()).containsExactly(cheque.get("id").asString());
        assertThat(export.get("pricing").valueStream().map(p -> p.get("name").asString()).toList())
                .contains("VAT 8.1 %", "Boiler service");
        assertThat(sections.get("invoices")).isEqualTo(export.get("invoices").size());
    }

    @Test
    void anInvoicePastItsDueDateIsOverdueUntilPaid() {
        JsonNode invoice = act(INVOICES, "send", admin, created(api.post(INVOICES, admin, """
                {"clientId": "%s", "title": "Due soon", "paymentTermsDays": 1,
                 "lineItems": [{"description": "W", "unitPrice": 100}]}""".formatted(clientId))), null);
        assertThat(invoice.get("overdue").asBoolean()).isFalse();
        clock.advance(Duration.ofDays(2));
        assertThat(read(invoice).get("overdue").asBoolean()).isTrue();
        assertThat(body(api.get(INVOICES + "?overdue=true&size=200", owner)).get("items").valueStream()
                .map(i -> i.get("id").asString()).toList()).contains(invoice.get("id").asString());
        created(pay(admin, invoice, 100));
        assertThat(read(invoice).get("overdue").asBoolean()).isFalse();
        assertProblem(api.get(INVOICES + "?status=lost", owner), 400);
    }

    @Test
    void rolesAndTheCompanysMoneyPolicyDecideWhoMayInvoiceAndRecordPayments() {
        assertProblem(api.post(INVOICES, user, "{\"clientId\": \"" + clientId + "\", \"title\": \"T\"}"), 403);
        assertProblem(api.post(INVOICES, readOnly, "{\"clientId\": \"" + clientId + "\", \"title\": \"T\"}"), 403);
        JsonNode invoice = sent();
        assertProblem(pay(user, invoice, 100), 403);
        assertProblem(pay(readOnly, invoice, 100), 403);
        assertThat(api.get(INVOICES + "/" + invoice.get("id").asString(), readOnly).status()).isEqualTo(200);
        assertProblem(api.put("/api/v1/settings/invoicing", user, "{\"paymentTermsDays\": 5}"), 403);
        ok(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": [\"quotes:write\", \"payments:record\"]}"));
        try {
            assertThat(created(pay(user, invoice, 100)).get("amount").get("amount").asLong()).isEqualTo(100);
            assertProblem(api.post(INVOICES + "/" + invoice.get("id").asString() + "/actions/void", user,
                    etag(read(invoice)), null), 403);
        } finally {
            ok(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": [\"quotes:write\"]}"));
        }
        assertProblem(pay(user, invoice, 100), 403);
    }

    @Test
    void anotherCompanysInvoicesAndJobsAreNotFound() {
        JsonNode invoice = sent();
        String path = INVOICES + "/" + invoice.get("id").asString();
        String other = b.keys.get(Role.OWNER);
        assertProblem(api.get(path, other), 404);
        assertProblem(api.get(path + "/payments", other), 404);
        assertProblem(api.post(path + "/payments", other, "{\"amount\": 100, \"method\": \"CASH\"}"), 404);
        assertProblem(api.patch(path, other, etag(invoice), "{\"title\": \"Mine\"}"), 404);
        assertProblem(api.post(path + "/actions/void", other, etag(invoice), null), 404);
        assertProblem(api.post(path + "/actions/send", other, etag(invoice), null), 404);
        assertProblem(api.delete(path, other, etag(invoice)), 404);
        JsonNode job = created(api.post("/api/v1/jobs", owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "Other's job"}""".formatted(clientId, propertyId)));
        assertProblem(api.post("/api/v1/jobs/" + job.get("id").asString() + "/actions/invoice", other, null, null), 404);
        JsonNode q = simpleQuote("Other's quote");
        assertProblem(api.post(QUOTES + "/" + q.get("id").asString() + "/actions/convert", other, etag(q), null), 404);
        assertThat(body(api.get(INVOICES, other)).get("total").asLong()).isZero();
        assertThat(read(invoice)).isEqualTo(invoice);
    }

    private JsonNode awaitJobStatus(String jobPath, String status) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode job = ok(api.get(jobPath, owner));
        while (!job.get("status").asString().equals(status) && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            job = ok(api.get(jobPath, owner));
        }
        assertThat(job.get("status").asString()).isEqualTo(status);
        return job;
    }
}
