package org.fieldstone.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.NotFound;
import org.fieldstone.support.FakeStripe;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Card payments through Stripe Checkout against the fake Stripe, driven through the real stripe-java client: Settings →
 * Payments (permissions, write-only secrets, why payments are off), Checkout Sessions (amount, currency, reference,
 * metadata; refused when off, 404 for another company's invoice) and the webhook matrix — a valid event records the
 * card payment once; forged, stale, another company's, unsigned and malformed requests change nothing; a replay
 * answers 200 and changes nothing; async success and failure, refunds, disputes, the overpayment race — and a deposit
 * paid by card on an approved quote, deducted on the job's final invoice.
 */
public abstract class CardPaymentsContract extends MoneyApiTestSupport {

    static final String SETTINGS = "/api/v1/settings/payments";
    static final String KEY_A = "sk_test_fieldstone_fake_a_0123456789";
    static final String SECRET_A = "whsec_fieldstone_fake_a_0123456789";
    static final String SECRET_B = "whsec_fieldstone_fake_b_0123456789";

    @Autowired CardPayments cards;

    protected FakeStripe stripe;
    protected Actor customerA;
    protected Actor customerB;

    @Override
    protected String prefix() {
        return "cards";
    }

    @BeforeAll
    void connectStripe() {
        stripe = FakeStripe.start();
        ok(api.put(SETTINGS, owner, "{\"enabled\": true, \"secretKey\": \"%s\", \"webhookSecret\": \"%s\"}"
                .formatted(KEY_A, SECRET_A)));
        ok(api.put(SETTINGS, b.keys.get(org.fieldstone.shared.Role.OWNER),
                "{\"enabled\": true, \"secretKey\": \"sk_test_fieldstone_fake_b_0123456789\", \"webhookSecret\": \"%s\"}"
                        .formatted(SECRET_B)));
        stripe.registerWebhook(a.slug(), webhook(a), SECRET_A);
        stripe.registerWebhook(b.slug(), webhook(b), SECRET_B);
        customerA = Actor.customer(a.company.id(), "customer Grace Hopper", "127.0.0.1", "test");
        customerB = Actor.customer(b.company.id(), "customer of b", "127.0.0.1", "test");
    }

    @org.springframework.beans.factory.annotation.Value("${server.port}") int port;

    org.fieldstone.support.Https signIn(org.fieldstone.shared.Role role) {
        String email = role == org.fieldstone.shared.Role.OWNER ? a.ownerEmail() : a.users.get(role).email().value();
        org.fieldstone.support.Https h = new org.fieldstone.support.Https(port);
        assertThat(h.signIn(a.slug(), email, org.fieldstone.support.Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }

    URI webhook(TestCompany c) {
        return api.uri("/webhooks/stripe/" + c.slug());
    }

    /** A sent invoice of 100.00 + VAT 8.1 % = 108.10. */
    JsonNode sentInvoice() {
        JsonNode draft = created(api.post(INVOICES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Repairs",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 10000, "taxRateId": "%s"}]}"""
                .formatted(clientId, propertyId, vat)));
        return act(INVOICES, "send", admin, draft, null);
    }

    JsonNode read(String invoiceId) {
        return ok(api.get(INVOICES + "/" + invoiceId, owner));
    }

    JsonNode payments(String invoiceId) {
        return ok(api.get(INVOICES + "/" + invoiceId + "/payments", owner));
    }

    CardPayments.Checkout checkout(String invoiceId) {
        return cards.checkoutInvoice(customerA, invoiceId, URI.create("https://localhost/p/thanks?s=%7BCHECKOUT_SESSION_ID%7D"),
                URI.create("https://localhost/p/invoice"));
    }

    /** A paid session's {@code checkout.session.completed}, signed with a's secret: payload and header. */
    String[] completed(String sessionId) {
        String payload = stripe.event("checkout.session.completed", stripe.pay(sessionId));
        return new String[] {payload, FakeStripe.signature(payload, SECRET_A)};
    }

    HttpResponse<String> deliver(String[] signed) {
        return stripe.deliver(webhook(a), signed[0], signed[1]);
    }

    // ---- settings

    @Test
    void settingsSayWhyCardPaymentsAreOffAndNeverShowTheSecretsBack() {
        TestCompany c = fixtures.companyWithEveryRole("cards-settings");
        String key = c.keys.get(org.fieldstone.shared.Role.OWNER);
        JsonNode fresh = ok(api.get(SETTINGS, key));
        assertThat(fresh.get("accepting").asBoolean()).isFalse();
        assertThat(fresh.get("off").asString()).isEqualTo("no-keys");
        assertThat(fresh.get("webhookUrl").asString()).endsWith("/webhooks/stripe/" + c.slug()).startsWith("https://");
        assertThat(fresh.get("apiVersion").asString()).isEqualTo(com.stripe.Stripe.API_VERSION);
        assertThat(fresh.get("events")).hasSize(5);
        for (org.fieldstone.shared.Role weaker : List.of(org.fieldstone.shared.Role.USER, org.fieldstone.shared.Role.READ_ONLY)) {
            assertProblem(api.get(SETTINGS, c.keys.get(weaker)), 403);
            assertProblem(api.put(SETTINGS, c.keys.get(weaker), "{\"enabled\": true}"), 403);
        }
        assertProblem(api.put(SETTINGS, key, "{\"secretKey\": \"pk_test_publishable\"}"), 400);
        assertProblem(api.put(SETTINGS, key, "{\"webhookSecret\": \"nope\"}"), 400);
        assertProblem(api.put(SETTINGS, key, "{\"accepting\": true}"), 400);
        Response saved = api.put(SETTINGS, key, "{\"secretKey\": \"sk_test_fieldstone_fake_c_secretvalue\","
                + " \"webhookSecret\": \"whsec_fieldstone_fake_c_secretvalue\"}");
        JsonNode keys = ok(saved);
        assertThat(saved.body()).doesNotContain("secretvalue");
        assertThat(keys.get("secretKeyHint").asString()).isNotBlank();
        assertThat(keys.get("off").asString()).as("keys set, not switched on").isEqualTo("switched-off");
        assertThat(keys.get("testMode").asBoolean()).isTrue();
        assertThat(cards.accepting(c.company.id())).isFalse();
        JsonNode on = ok(api.put(SETTINGS, key, "{\"enabled\": true}"));
        assertThat(on.get("accepting").asBoolean()).isTrue();
        assertThat(on.get("off").isNull()).isTrue();
        assertThat(cards.accepting(c.company.id())).isTrue();
        Response read = api.get(SETTINGS, key);
        assertThat(read.body()).doesNotContain("secretvalue");
    }

    @Test
    void theSettingsPageShowsTheEndpointAndHintsNeverTheSecretsAndOnlyToThoseWhoManageSettings() {
        String path = "/c/" + a.slug() + "/settings/payments";
        Response page = signIn(org.fieldstone.shared.Role.ADMIN).get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/webhooks/stripe/" + a.slug()).contains(com.stripe.Stripe.API_VERSION)
                .contains("charge.dispute.created").contains("data-state=\"on\"")
                .doesNotContain(KEY_A).doesNotContain(SECRET_A);
        assertThat(signIn(org.fieldstone.shared.Role.USER).get(path).status()).isEqualTo(403);
        assertThat(signIn(org.fieldstone.shared.Role.ADMIN).get("/c/" + a.slug() + "/settings").body())
                .contains("/settings/payments");
        // a refused save names the field and never sends the typed secret back
        org.fieldstone.support.Https admin = signIn(org.fieldstone.shared.Role.ADMIN);
        admin.get(path);
        Response refused = admin.post(path, java.util.Map.of("enabled", "true", "secretKey", "pk_live_typedsecretvalue",
                "webhookSecret", ""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("payments-secretKey-error").doesNotContain("typedsecretvalue");
        assertThat(ok(api.get(SETTINGS, owner)).get("accepting").asBoolean()).as("nothing changed").isTrue();
    }

    // ---- checkout

    @Test
    void checkoutAsksStripeForTheBalanceInTheInvoicesCurrencyWithItsNumberAndIds() {
        JsonNode invoice = sentInvoice();
        String id = invoice.get("id").asString();
        CardPayments.Checkout checkout = checkout(id);
        FakeStripe.Request asked = stripe.lastCheckout();
        assertThat(asked.apiKey()).isEqualTo(KEY_A);
        assertThat(asked.form()).containsEntry("mode", "payment")
                .containsEntry("line_items[0][price_data][unit_amount]", "10810")
                .containsEntry("line_items[0][price_data][currency]", "chf")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("client_reference_id", invoice.get("number").asString())
                .containsEntry("metadata[fieldstone_invoice_id]", id)
                .containsEntry("metadata[fieldstone_company]", a.slug())
                .containsEntry("success_url", "https://localhost/p/thanks?s={CHECKOUT_SESSION_ID}");
        assertThat(asked.form().get("line_items[0][price_data][product_data][name]")).contains(invoice.get("number").asString());
        assertThat(checkout.amount().amount()).isEqualTo(10_810);
        assertThat(checkout.invoiceId()).isEqualTo(id);
        assertThat(checkout.url().toString()).isEqualTo(stripe.apiBase() + "/pay/" + checkout.sessionId());
        assertThat(payments(id)).as("nothing is recorded before Stripe's webhook").isEmpty();

        // another company's customer gets no further than an unknown id
        assertThatThrownBy(() -> cards.checkoutInvoice(customerB, id, URI.create("https://x/s"), URI.create("https://x/c")))
                .isInstanceOf(NotFound.class);
        // nothing due: refused
        JsonNode draft = created(api.post(INVOICES, admin, """
                {"clientId": "%s", "title": "Draft", "lineItems": [{"description": "W", "unitPrice": 100}]}"""
                .formatted(clientId)));
        assertThatThrownBy(() -> checkout(draft.get("id").asString())).isInstanceOf(Conflict.class);
        // payments off: a clear refusal, Stripe never asked
        TestCompany off = fixtures.company("cards-off");
        int before = stripe.requests().size();
        assertThatThrownBy(() -> cards.checkoutInvoice(Actor.customer(off.company.id(), "c", null, null), id,
                URI.create("https://x/s"), URI.create("https://x/c")))
                .isInstanceOf(NotFound.class);
        assertThat(cards.accepting(off.company.id())).isFalse();
        ok(api.put(SETTINGS, owner, "{\"enabled\": false}"));
        try {
            assertThatThrownBy(() -> checkout(id)).isInstanceOf(Conflict.class)
                    .satisfies(e -> assertThat(((Conflict) e).message().code()).isEqualTo("payments.refused.off.switched-off"));
        } finally {
            ok(api.put(SETTINGS, owner, "{\"enabled\": true}"));
        }
        assertThat(stripe.requests()).hasSize(before);
    }

    @Test
    void theHostedPagePaysAndStripesSignedWebhookRecordsTheCardPaymentThenTheCustomerIsSentBack() throws Exception {
        String id = sentInvoice().get("id").asString();
        CardPayments.Checkout checkout = checkout(id);
        java.net.http.HttpClient browser = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> page = browser.send(java.net.http.HttpRequest.newBuilder(checkout.url()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("<form method=\"post\"").contains(">Pay</button>");
        HttpResponse<String> paid = browser.send(java.net.http.HttpRequest.newBuilder(checkout.url())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).hasValue("https://localhost/p/thanks?s=" + checkout.sessionId());
        FakeStripe.Delivery delivery = stripe.deliveries().getLast();
        assertThat(delivery.status()).as(delivery.body()).isEqualTo(200);
        JsonNode invoice = read(id);
        assertThat(invoice.get("status").asString()).isEqualTo("PAID");
        JsonNode recorded = payments(id);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).get("method").asString()).isEqualTo("CARD");
        assertThat(recorded.get(0).get("amount").get("amount").asLong()).isEqualTo(10_810);
        assertThat(recorded.get(0).get("recordedBy").asString()).isNotBlank();
        assertThat(recorded.get(0).get("reference").asString())
                .isEqualTo(stripe.session(checkout.sessionId()).get("payment_intent").getAsString());
        assertThat(api.auditEntries(a, "invoice", id).stream().anyMatch(e -> "stripe".equals(e.actorName()))).isTrue();
    }

    // ---- the webhook matrix

    @Test
    void aValidEventRecordsOnceAndAReplayAnswers200AndChangesNothing() {
        String id = sentInvoice().get("id").asString();
        String[] signed = completed(checkout(id).sessionId());
        HttpResponse<String> first = deliver(signed);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("handled");
        JsonNode after = read(id);
        long audited = api.auditEntriesButEmails(a);
        HttpResponse<String> replay = deliver(signed);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("replay");
        // the same event id, signed again later: still once
        HttpResponse<String> resigned = stripe.deliver(webhook(a), signed[0], FakeStripe.signature(signed[0], SECRET_A));
        assertThat(resigned.statusCode()).isEqualTo(200);
        assertThat(payments(id)).hasSize(1);
        assertThat(read(id)).isEqualTo(after);
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(audited);
    }

    @Test
    void unverifiedOrMalformedRequestsAreRefusedAndChangeNothing() {
        String id = sentInvoice().get("id").asString();
        JsonNode before = read(id);
        long audited = api.auditEntriesButEmails(a);
        String payload = stripe.event("checkout.session.completed", stripe.pay(checkout(id).sessionId()));
        long now = Instant.now().getEpochSecond();
        String valid = FakeStripe.signature(payload, SECRET_A);
        String forged = valid.replaceFirst("v1=([0-9a-f])", "v1=" + (valid.contains("v1=0") ? "1" : "0"));
        for (String signature : List.of(forged,
                FakeStripe.signature(payload, "whsec_forged_by_an_attacker"),
                FakeStripe.signature(payload, SECRET_A, now - 301),
                FakeStripe.signature(payload, SECRET_B),
                "t=" + now + ",v1=deadbeef")) {
            HttpResponse<String> r = stripe.deliver(webhook(a), payload, signature);
            assertThat(r.statusCode()).as(signature).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        }
        assertThat(stripe.deliver(webhook(a), payload, null).statusCode()).as("no header").isEqualTo(400);
        // signed with b's secret and sent to b: verified there, but the session is none of b's
        assertThat(stripe.deliver(webhook(b), payload, FakeStripe.signature(payload, SECRET_B)).statusCode()).isEqualTo(200);
        String malformed = "{\"id\": \"evt_1\", \"type\": ";
        assertThat(stripe.deliver(webhook(a), malformed, FakeStripe.signature(malformed, SECRET_A)).statusCode()).isEqualTo(400);
        assertThat(stripe.deliver(api.uri("/webhooks/stripe/no-such-company"), payload, valid).statusCode()).isEqualTo(404);
        assertThat(stripe.deliver(webhook(a), "x".repeat(300 * 1024), valid).statusCode()).as("oversized").isEqualTo(400);
        assertThat(payments(id)).isEmpty();
        assertThat(read(id)).isEqualTo(before);
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(audited);
        // an event of another API version: its data is empty; 200, nothing changed, not marked handled
        String[] older = {stripe.event("evt_older_" + now, "checkout.session.completed",
                stripe.session(payloadSession(payload)), "2020-08-27"), null};
        older[1] = FakeStripe.signature(older[0], SECRET_A);
        HttpResponse<String> ignored = deliver(older);
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(ignored.body()).contains("ignored");
        assertThat(payments(id)).isEmpty();
        // the genuine event still works
        assertThat(stripe.deliver(webhook(a), payload, valid).statusCode()).isEqualTo(200);
        assertThat(payments(id)).hasSize(1);
    }

    static String payloadSession(String payload) {
        return com.google.gson.JsonParser.parseString(payload).getAsJsonObject().getAsJsonObject("data")
                .getAsJsonObject("object").get("id").getAsString();
    }

    @Test
    void aDelayedPaymentIsRecordedWhenItSucceedsAndAFailedOneOnlyOnTheTimeline() {
        String id = sentInvoice().get("id").asString();
        String sessionId = checkout(id).sessionId();
        JsonObject unpaid = stripe.session(sessionId).deepCopy();
        String completedUnpaid = stripe.event("checkout.session.completed", unpaid);
        assertThat(stripe.deliver(webhook(a), completedUnpaid, FakeStripe.signature(completedUnpaid, SECRET_A))
                .statusCode()).isEqualTo(200);
        assertThat(payments(id)).as("completed but unpaid: a delayed method").isEmpty();
        String failed = stripe.event("checkout.session.async_payment_failed", unpaid);
        assertThat(stripe.deliver(webhook(a), failed, FakeStripe.signature(failed, SECRET_A)).statusCode()).isEqualTo(200);
        JsonNode afterFailure = read(id);
        assertThat(afterFailure.get("cardFailedAt").isNull()).isFalse();
        assertThat(afterFailure.get("status").asString()).isEqualTo("SENT");
        assertThat(payments(id)).isEmpty();
        assertThat(api.auditEntries(a, "invoice", id).stream().anyMatch(e -> e.action().equals("invoice.card_payment_failed")))
                .isTrue();

        String second = checkout(id).sessionId();
        String succeeded = stripe.event("checkout.session.async_payment_succeeded", stripe.pay(second));
        assertThat(stripe.deliver(webhook(a), succeeded, FakeStripe.signature(succeeded, SECRET_A)).statusCode()).isEqualTo(200);
        assertThat(payments(id)).hasSize(1);
        assertThat(read(id).get("status").asString()).isEqualTo("PAID");
    }

    @Test
    void aRefundInStripeBecomesARefundOfTheCardPaymentAndADisputeFlagsTheInvoice() {
        String id = sentInvoice().get("id").asString();
        String sessionId = checkout(id).sessionId();
        assertThat(deliver(completed(sessionId)).statusCode()).isEqualTo(200);
        String intent = stripe.session(sessionId).get("payment_intent").getAsString();
        String paymentId = payments(id).get(0).get("id").asString();

        JsonObject charge = stripe.charge(intent, 10_810, 3_000, "chf");
        String refunded = stripe.event("charge.refunded", charge);
        assertThat(stripe.deliver(webhook(a), refunded, FakeStripe.signature(refunded, SECRET_A)).statusCode()).isEqualTo(200);
        JsonNode recorded = payments(id);
        assertThat(recorded).hasSize(2);
        // same day, perhaps the same instant of the test clock: found by what it is, not by its place
        JsonNode refund = recorded.get(0).get("refund").asBoolean() ? recorded.get(0) : recorded.get(1);
        assertThat(refund.get("refund").asBoolean()).isTrue();
        assertThat(refund.get("amount").get("amount").asLong()).isEqualTo(-3_000);
        assertThat(refund.get("refundsPaymentId").asString()).isEqualTo(paymentId);
        assertThat(refund.get("method").asString()).isEqualTo("CARD");
        JsonNode partly = read(id);
        assertThat(partly.get("status").asString()).isEqualTo("PARTIALLY_PAID");
        // another event telling the same amount refunded in all: nothing more
        String again = stripe.event("charge.refunded", charge);
        assertThat(stripe.deliver(webhook(a), again, FakeStripe.signature(again, SECRET_A)).statusCode()).isEqualTo(200);
        assertThat(payments(id)).hasSize(2);
        // a charge of another company's payment intent (here: unknown to a) changes nothing
        String unknown = stripe.event("charge.refunded", stripe.charge("pi_unknown", 500, 500, "chf"));
        assertThat(stripe.deliver(webhook(a), unknown, FakeStripe.signature(unknown, SECRET_A)).statusCode()).isEqualTo(200);
        assertThat(payments(id)).hasSize(2);

        assertThat(partly.get("disputedAt").isNull()).isTrue();
        String disputed = stripe.event("charge.dispute.created",
                stripe.dispute(charge.get("id").getAsString(), intent, 7_810, "chf"));
        assertThat(stripe.deliver(webhook(a), disputed, FakeStripe.signature(disputed, SECRET_A)).statusCode()).isEqualTo(200);
        JsonNode flagged = read(id);
        assertThat(flagged.get("disputedAt").isNull()).isFalse();
        assertThat(api.auditEntries(a, "invoice", id).stream().anyMatch(e -> e.action().equals("invoice.disputed"))).isTrue();
        Response page = signIn(org.fieldstone.shared.Role.ADMIN).get("/c/" + a.slug() + "/invoices/" + id);
        assertThat(page.body()).contains("id=\"invoice-disputed\"").contains("Card payment disputed")
                .contains("Card online (Stripe)");
    }

    @Test
    void twoCheckoutsPaidForTheSameBalanceAreBothRecordedAndTheInvoiceIsFlaggedRefundDue() {
        String id = sentInvoice().get("id").asString();
        String first = checkout(id).sessionId();
        String second = checkout(id).sessionId();
        assertThat(deliver(completed(first)).statusCode()).isEqualTo(200);
        HttpResponse<String> late = deliver(completed(second));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        JsonNode invoice = read(id);
        assertThat(payments(id)).hasSize(2);
        assertThat(invoice.get("status").asString()).isEqualTo("PAID");
        assertThat(invoice.get("balance").get("amount").asLong()).isEqualTo(-10_810);
        assertThat(invoice.get("refundDue").asBoolean()).isTrue();
        assertThat(signIn(org.fieldstone.shared.Role.ADMIN).get("/c/" + a.slug() + "/invoices/" + id).body())
                .contains("id=\"invoice-refund-due\"");
        // a paid invoice offers no new checkout
        assertThatThrownBy(() -> checkout(id)).isInstanceOf(Conflict.class);
    }

    // ---- deposits

    @Test
    void aDepositPaidByCardOnAnApprovedQuoteIsCarriedToTheJobAndDeductedOnItsInvoice() {
        JsonNode quote = quote(owner, """
                {"title": "New boiler", "depositAmount": 50000,
                 "lineItems": [{"description": "Boiler", "quantity": 1, "unitPrice": 400000, "taxRateId": "%s"}]}"""
                .formatted(vat));
        String quoteId = quote.get("id").asString();
        JsonNode sent = act(QUOTES, "send", admin, quote, null);
        assertThatThrownBy(() -> cards.checkoutDeposit(customerA, quoteId, URI.create("https://x/s"), URI.create("https://x/c")))
                .as("not approved yet").isInstanceOf(Conflict.class);
        JsonNode approved = act(QUOTES, "approve", admin, sent, "{\"signatureName\": \"Grace Hopper\"}");
        CardPayments.Checkout checkout = cards.checkoutDeposit(customerA, quoteId, URI.create("https://x/s"),
                URI.create("https://x/c"));
        assertThat(checkout.amount().amount()).isEqualTo(50_000);
        CardPayments.Checkout again = cards.checkoutDeposit(customerA, quoteId, URI.create("https://x/s"),
                URI.create("https://x/c"));
        assertThat(again.invoiceId()).as("the open deposit invoice is reused").isEqualTo(checkout.invoiceId());
        JsonNode depositInvoice = read(checkout.invoiceId());
        assertThat(depositInvoice.get("kind").asString()).isEqualTo("DEPOSIT");
        assertThat(depositInvoice.get("status").asString()).isEqualTo("SENT");
        assertThat(depositInvoice.get("quoteId").asString()).isEqualTo(quoteId);
        assertThatThrownBy(() -> cards.checkoutDeposit(customerB, quoteId, URI.create("https://x/s"), URI.create("https://x/c")))
                .isInstanceOf(NotFound.class);

        assertThat(deliver(completed(checkout.sessionId())).statusCode()).isEqualTo(200);
        assertThat(read(checkout.invoiceId()).get("status").asString()).isEqualTo("PAID");
        JsonNode deposits = ok(api.get(QUOTES + "/" + quoteId + "/deposit-invoices", owner));
        assertThat(deposits).hasSize(1);
        assertThat(deposits.get(0).get("paid").get("amount").asLong()).isEqualTo(50_000);
        assertProblem(api.get(QUOTES + "/" + quoteId + "/deposit-invoices", b.keys.get(org.fieldstone.shared.Role.OWNER)), 404);
        Response quotePage = signIn(org.fieldstone.shared.Role.ADMIN).get("/c/" + a.slug() + "/quotes/" + quoteId);
        assertThat(quotePage.body()).contains("id=\"deposits\"").contains("data-status=\"PAID\"")
                .contains(depositInvoice.get("number").asString());
        assertThatThrownBy(() -> cards.checkoutDeposit(customerA, quoteId, URI.create("https://x/s"), URI.create("https://x/c")))
                .as("paid").isInstanceOf(Conflict.class);

        JsonNode job = created(api.post(QUOTES + "/" + quoteId + "/actions/convert", admin, etag(approved), null));
        String jobPath = "/api/v1/jobs/" + job.get("id").asString();
        JsonNode carried = awaitJob(checkout.invoiceId(), job.get("id").asString());
        assertThat(carried.get("jobId").asString()).isEqualTo(job.get("id").asString());
        assertProblem(api.post(jobPath + "/actions/invoice", admin, null, "{\"kind\": \"deposit\"}"), 409);
        created(api.post(jobPath + "/visits", admin, null, "{\"start\": \"2027-03-01T08:00\", \"end\": \"2027-03-01T12:00\"}"));
        ok(api.post(jobPath + "/actions/complete", admin, etag(ok(api.get(jobPath, admin))), null));
        JsonNode invoice = created(api.post(jobPath + "/actions/invoice", admin, null, null));
        assertThat(invoice.get("deductions")).hasSize(1);
        assertThat(invoice.get("deductions").get(0).get("invoiceId").asString()).isEqualTo(checkout.invoiceId());
        assertThat(amount(invoice, "depositsDeducted")).isEqualTo(50_000);
        assertThat(amount(invoice, "balance")).isEqualTo(amount(invoice, "total") - 50_000);
    }

    private JsonNode awaitJob(String invoiceId, String jobId) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode invoice = read(invoiceId);
            if ((!invoice.get("jobId").isNull() && jobId.equals(invoice.get("jobId").asString()))
                    || System.nanoTime() > until) {
                return invoice;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return invoice;
            }
        }
    }

    static JsonNode json(Response r) {
        return body(r);
    }
}
