package org.fieldstone.quotes.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The REST API of quotes over real HTTPS: lines from text and products, optional items and option groups, figures
 * reckoned by hand, every legal and illegal step of the lifecycle (a refusal is 409 or 400, changes nothing and audits
 * nothing), approval with its signature, revisions, expiry, ETag/If-Match, the role matrix with the company's money
 * policy, and isolation between companies.
 */
abstract class QuotesApiContract extends MoneyApiTestSupport {

    @Override
    protected String prefix() {
        return "quotes";
    }

    private JsonNode boilerQuote(String key) {
        return quote(key, """
                {"title": " Boiler service 2027 ", "terms": "Payable within 30 days.", "notes": "Access via the garden",
                 "discountAmount": 1000, "depositPercent": 30,
                 "lineItems": [
                   {"productId": "%1$s"},
                   {"description": "Filter", "quantity": 2, "unitPrice": 2550, "discountPercent": 10, "taxRateId": "%2$s"},
                   {"description": "Descaling", "quantity": 1, "unitPrice": 6000, "taxRateId": "%2$s", "optional": true},
                   {"description": "Basic thermostat", "quantity": 1, "unitPrice": 4000, "taxRateId": "%2$s", "group": "Thermostat"},
                   {"description": "Smart thermostat", "quantity": 1, "unitPrice": 12000, "taxRateId": "%2$s", "group": "Thermostat"}
                 ]}""".formatted(product, vat));
    }

    @Test
    void aQuoteFromProductsAndTextWithOptionsIsReckonedLikeByHandAndApprovedWithTheChosenOptions() {
        Response r = api.post(QUOTES, owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "T", "lineItems": [{"productId": "%s"}]}"""
                .formatted(clientId, propertyId, product));
        assertThat(r.header("Location")).contains(QUOTES + "/");
        JsonNode q = boilerQuote(owner);
        assertThat(q.get("number").asString()).matches("Q-\\d{4,}");
        assertThat(q.get("status").asString()).isEqualTo("DRAFT");
        assertThat(q.get("revision").asInt()).isEqualTo(1);
        assertThat(q.get("title").asString()).isEqualTo("Boiler service 2027");
        assertThat(q.get("currency").asString()).isEqualTo("CHF");
        assertThat(q.get("expired").asBoolean()).isFalse();
        assertThat(q.get("expiresOn").asString()).as("30 days by default").isNotBlank();
        JsonNode lines = q.get("lineItems");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).get("description").asString()).isEqualTo("Boiler service\nYearly check");
        assertThat(lines.get(0).get("unitPrice").asLong()).as("the product's price").isEqualTo(18000);
        assertThat(lines.get(0).get("taxRateId").asString()).as("the product's rate").isEqualTo(vat);
        assertThat(lines.get(0).get("taxName").asString()).isEqualTo("VAT 8.1 %");
        assertThat(lines.get(1).get("total").get("amount").asLong()).isEqualTo(4590);
        assertThat(lines.get(2).get("optional").asBoolean()).isTrue();
        assertThat(lines.get(2).get("counted").asBoolean()).as("an optional item counts once ticked").isFalse();
        assertThat(lines.get(3).get("counted").asBoolean()).as("the first option of a group").isTrue();
        assertThat(lines.get(4).get("counted").asBoolean()).isFalse();
        assertThat(lines.get(4).get("group").asString()).isEqualTo("Thermostat");
        // 18000 + 4590 + 4000 = 26590; discount 10.00 shared 677/173/150; tax 1403 + 358 + 312
        assertThat(amount(q, "subtotal")).isEqualTo(26590);
        assertThat(amount(q, "discount")).isEqualTo(1000);
        assertThat(amount(q, "tax")).isEqualTo(2073);
        assertThat(amount(q, "total")).isEqualTo(27663);
        assertThat(amount(q, "depositDue")).as("30 % half-up").isEqualTo(8299);
        assertThat(q.get("taxes").get(0).get("base").get("amount").asLong()).isEqualTo(26590 - 1000);
        assertThat(q.get("discountAmount").asLong()).isEqualTo(1000);
        assertThat(q.get("depositPercent").decimalValue()).isEqualByComparingTo("30");

        JsonNode sent = act(QUOTES, "send", owner, q, null);
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("sentAt").isNull()).isFalse();
        List<String> ids = new ArrayList<>();
        lines.forEach(l -> ids.add(l.get("id").asString()));
        JsonNode approved = act(QUOTES, "approve", admin, sent, """
                {"signatureName": "  Grace Hopper ", "chosenItemIds": ["%s", "%s"]}""".formatted(ids.get(2), ids.get(4)));
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        JsonNode approval = approved.get("approval");
        assertThat(approval.get("signatureName").asString()).isEqualTo("Grace Hopper");
        assertThat(approval.get("revision").asInt()).isEqualTo(1);
        assertThat(approval.get("revisionHash").asString()).isEqualTo(sent.get("revisionHash").asString()).hasSize(64);
        assertThat(approval.get("ip").asString()).isNotBlank();
        assertThat(approval.get("userAgent").isNull()).isFalse();
        assertThat(approval.get("recordedBy").asString()).isNotBlank();
        assertThat(approval.get("chosenItemIds").valueStream().map(JsonNode::asString).toList())
                .containsExactly(ids.get(2), ids.get(4));
        // 18000 + 4590 + 6000 + 12000 = 40590; shares 443/113/148/296; tax 1422 + 363 + 474 + 948
        assertThat(amount(approved, "subtotal")).isEqualTo(40590);
        assertThat(amount(approved, "tax")).isEqualTo(3207);
        assertThat(amount(approved, "total")).isEqualTo(42797);
        assertThat(amount(approved, "depositDue")).isEqualTo(12839);
        assertThat(approved.get("lineItems").get(3).get("counted").asBoolean()).isFalse();
        assertThat(approved.get("lineItems").get(4).get("counted").asBoolean()).isTrue();
        assertThat(body(api.get(QUOTES + "/" + q.get("id").asString(), readOnly))).isEqualTo(approved);
    }

    @Test
    void anApprovalNeedsASignatureAndOneOptionOfEachGroupAndOtherwiseChangesNothing() {
        JsonNode q = act(QUOTES, "send", owner, boilerQuote(owner), null);
        String id = q.get("id").asString();
        String basic = q.get("lineItems").get(3).get("id").asString();
        String smart = q.get("lineItems").get(4).get("id").asString();
        long audited = api.auditEntriesButEmails(a);
        for (String body : List.of(
                "{\"signatureName\": \"   \", \"chosenItemIds\": [\"" + basic + "\"]}",
                "{\"chosenItemIds\": [\"" + basic + "\"]}",
                "{\"signatureName\": \"Grace\", \"chosenItemIds\": []}",
                "{\"signatureName\": \"Grace\", \"chosenItemIds\": [\"" + basic + "\", \"" + smart + "\"]}",
                "{\"signatureName\": \"Grace\", \"chosenItemIds\": [\"" + basic + "\", \"no-such-line\"]}",
                "{\"signatureName\": \"Grace\", \"chosenItemIds\": \"" + basic + "\"}",
                "{\"signatureName\": \"Grace\", \"chosenItemIds\": [\"" + basic + "\"], \"extra\": 1}")) {
            Response refused = api.post(QUOTES + "/" + id + "/actions/approve", admin, etag(q), body);
            assertProblem(refused, 400);
        }
        Response blank = api.post(QUOTES + "/" + id + "/actions/approve", admin, etag(q), "{\"signatureName\": \"\"}");
        assertThat(body(blank).get("errors").get("signatureName").asString()).contains("signature");
        JsonNode after = ok(api.get(QUOTES + "/" + id, owner));
        assertThat(after).isEqualTo(q);
        assertThat(api.auditEntriesButEmails(a)).as("nothing audited").isEqualTo(audited);
    }

    @Test
    void everyStepOfTheLifecycleIsRefusedWhereItDoesNotApplyAndChangesNothing() {
        record Step(String action, String body) {
        }
        List<Step> steps = List.of(new Step("send", null), new Step("approve", "{\"signatureName\":\"Ada\"}"),
                new Step("decline", "{\"reason\":\"Too dear\"}"), new Step("request-changes", "{\"message\":\"Cheaper?\"}"));
        // which steps each status allows
        java.util.Map<String, List<String>> legal = java.util.Map.of(
                "DRAFT", List.of("send"),
                "SENT", List.of("approve", "decline", "request-changes"),
                "CHANGES_REQUESTED", List.of("approve", "decline"),
                "APPROVED", List.of(),
                "DECLINED", List.of());
        java.util.Map<String, Function<JsonNode, JsonNode>> reach = java.util.Map.of(
                "DRAFT", q -> q,
                "SENT", q -> act(QUOTES, "send", owner, q, null),
                "CHANGES_REQUESTED", q -> act(QUOTES, "request-changes", owner, act(QUOTES, "send", owner, q, null), "{\"message\":\"Cheaper?\"}"),
                "APPROVED", q -> act(QUOTES, "approve", owner, act(QUOTES, "send", owner, q, null), "{\"signatureName\":\"Ada\"}"),
                "DECLINED", q -> act(QUOTES, "decline", owner, act(QUOTES, "send", owner, q, null), null));
        for (var state : legal.entrySet()) {
            for (Step step : steps) {
                JsonNode q = reach.get(state.getKey()).apply(simpleQuote("Lifecycle " + state.getKey() + " " + step.action()));
                assertThat(q.get("status").asString()).isEqualTo(state.getKey());
                long audited = api.auditEntriesButEmails(a);
                Response r = api.post(QUOTES + "/" + q.get("id").asString() + "/actions/" + step.action(), owner, etag(q),
                        step.body());
                if (state.getValue().contains(step.action())) {
                    assertThat(r.status()).as(state.getKey() + " " + step.action() + ": " + r.body()).isEqualTo(200);
                } else {
                    assertProblem(r, 409);
                    assertThat(body(r).get("detail").asString()).as(r.body()).isNotBlank();
                    assertThat(ok(api.get(QUOTES + "/" + q.get("id").asString(), owner))).isEqualTo(q);
                    assertThat(api.auditEntriesButEmails(a)).as(state.getKey() + " " + step.action()).isEqualTo(audited);
                }
            }
        }
        // a decision is recorded with the customer's words
        JsonNode declined = reach.get("DECLINED").apply(simpleQuote("Declined with reason"));
        assertThat(declined.get("decidedAt").isNull()).isFalse();
        JsonNode changes = reach.get("CHANGES_REQUESTED").apply(simpleQuote("Changes"));
        assertThat(changes.get("decisionNote").asString()).isEqualTo("Cheaper?");
        // an approved quote is not changed, and a sent one is not deleted
        JsonNode approved = reach.get("APPROVED").apply(simpleQuote("Approved stays"));
        assertProblem(api.patch(QUOTES + "/" + approved.get("id").asString(), owner, etag(approved), "{\"title\":\"X\"}"), 409);
        assertProblem(api.delete(QUOTES + "/" + approved.get("id").asString(), owner, etag(approved)), 409);
        assertProblem(api.post(QUOTES + "/" + approved.get("id").asString() + "/actions/fly", owner, etag(approved), null), 404);
        // a draft without lines is not sent
        JsonNode empty = quote(owner, "{\"title\": \"Empty\"}");
        assertProblem(api.post(QUOTES + "/" + empty.get("id").asString() + "/actions/send", owner, etag(empty), null), 409);
    }

    @Test
    void changingASentQuoteMakesTheNextRevisionAndTheSentOneStaysReadable() {
        JsonNode sent = act(QUOTES, "send", owner, simpleQuote("Revised"), null);
        String id = sent.get("id").asString();
        JsonNode line = sent.get("lineItems").get(0);
        Response patched = api.patch(QUOTES + "/" + id, owner, etag(sent), """
                {"title": "Revised twice", "lineItems": [{"id": "%s", "description": "Work", "quantity": 3,
                 "unitPrice": 10000, "taxRateId": "%s"}]}""".formatted(line.get("id").asString(), vat));
        JsonNode revised = ok(patched);
        assertThat(revised.get("revision").asInt()).isEqualTo(2);
        assertThat(revised.get("status").asString()).isEqualTo("DRAFT");
        assertThat(revised.get("sentAt").isNull()).isTrue();
        assertThat(revised.get("lineItems").get(0).get("id").asString()).as("a line sent with its id keeps it")
                .isEqualTo(line.get("id").asString());
        assertThat(amount(revised, "subtotal")).isEqualTo(30000);
        assertThat(revised.get("revisionHash").asString()).isNotEqualTo(sent.get("revisionHash").asString());
        JsonNode again = act(QUOTES, "send", owner, revised, null);
        JsonNode revisions = ok(api.get(QUOTES + "/" + id + "/revisions", readOnly));
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(0).get("revision").asInt()).isEqualTo(1);
        assertThat(revisions.get(0).get("quote").get("title").asString()).isEqualTo("Revised");
        assertThat(amount(revisions.get(0).get("quote"), "subtotal")).isEqualTo(20000);
        assertThat(revisions.get(0).get("revisionHash").asString()).isEqualTo(sent.get("revisionHash").asString());
        assertThat(revisions.get(1).get("revisionHash").asString()).isEqualTo(again.get("revisionHash").asString());
        // a draft that was never sent is deleted; a draft revision of a sent quote is not
        assertProblem(api.delete(QUOTES + "/" + id, owner, etag(again)), 409);
        JsonNode draft = simpleQuote("Deleted");
        assertThat(api.delete(QUOTES + "/" + draft.get("id").asString(), owner, etag(draft)).status()).isEqualTo(204);
        assertThat(api.get(QUOTES + "/" + draft.get("id").asString(), owner).status()).isEqualTo(404);
    }

    @Test
    void aQuotePastItsExpiryDateIsExpiredAndNotApproved() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Zurich")));
        JsonNode q = quote(owner, """
                {"title": "Short-lived", "expiresOn": "%s", "lineItems": [{"description": "Work", "unitPrice": 100}]}"""
                .formatted(today.plusDays(1)));
        JsonNode sent = act(QUOTES, "send", owner, q, null);
        assertThat(sent.get("expired").asBoolean()).isFalse();
        clock.advance(Duration.ofDays(3));
        JsonNode read = ok(api.get(QUOTES + "/" + q.get("id").asString(), owner));
        assertThat(read.get("expired").asBoolean()).isTrue();
        assertThat(read.get("status").asString()).as("expired is computed, not a status").isEqualTo("SENT");
        assertThat(body(api.get(QUOTES + "?expired=true&size=200", owner)).get("items").valueStream()
                .map(i -> i.get("id").asString()).toList()).contains(q.get("id").asString());
        assertProblem(api.post(QUOTES + "/" + q.get("id").asString() + "/actions/approve", owner, etag(read),
                "{\"signatureName\":\"Ada\"}"), 409);
        JsonNode extended = ok(api.patch(QUOTES + "/" + q.get("id").asString(), owner, etag(read),
                "{\"expiresOn\": \"" + today.plusDays(30) + "\"}"));
        assertThat(extended.get("revision").asInt()).isEqualTo(2);
        JsonNode resent = act(QUOTES, "send", owner, extended, null);
        assertThat(act(QUOTES, "approve", owner, resent, "{\"signatureName\":\"Ada\"}").get("status").asString())
                .isEqualTo("APPROVED");
        assertProblem(api.patch(QUOTES + "/" + q.get("id").asString(), owner, etag(resent),
                "{\"expiresOn\": \"" + today.minusDays(1) + "\"}"), 409);
    }

    @Test
    void changesNeedTheCurrentVersion() {
        JsonNode q = simpleQuote("Versioned");
        String path = QUOTES + "/" + q.get("id").asString();
        assertProblem(api.patch(path, owner, null, "{\"title\":\"X\"}"), 428);
        assertProblem(api.post(path + "/actions/send", owner, null, null), 428);
        JsonNode changed = ok(api.patch(path, owner, etag(q), "{\"title\":\"Y\"}"));
        assertProblem(api.patch(path, owner, etag(q), "{\"title\":\"Z\"}"), 412);
        assertProblem(api.post(path + "/actions/send", owner, etag(q), null), 412);
        assertThat(ok(api.get(path, owner)).get("title").asString()).isEqualTo("Y");
        assertThat(ok(api.get(path, owner)).get("version").asLong()).isEqualTo(changed.get("version").asLong());
    }

    @Test
    void badLinesAreAllReportedAtOnceAndNothingIsCreated() {
        long audited = api.auditEntriesButEmails(a);
        Response r = api.post(QUOTES, owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "",
                 "lineItems": [{"description": "A", "quantity": -2, "unitPrice": "abc"},
                               {"description": "", "unitPrice": 100, "taxRateId": "nope"},
                               {"description": "C", "unitPrice": 12.5},
                               {"description": "D", "unitPrice": 100, "optional": true, "group": "G"}],
                 "discountPercent": 120, "depositAmount": -1, "expiresOn": "soon"}""".formatted(clientId, propertyId));
        assertProblem(r, 400);
        JsonNode errors = body(r).get("errors");
        assertThat(errors.propertyNames()).as(r.body()).contains("lineItems[0].unitPrice", "lineItems[2].unitPrice",
                "discountPercent", "depositAmount");
        Response r2 = api.post(QUOTES, owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "",
                 "lineItems": [{"description": "A", "quantity": -2, "unitPrice": 100},
                               {"description": "", "unitPrice": 100, "taxRateId": "nope"},
                               {"description": "D", "unitPrice": 100, "optional": true, "group": "G"}],
                 "expiresOn": "soon"}""".formatted(clientId, propertyId));
        assertProblem(r2, 400);
        assertThat(body(r2).get("errors").propertyNames()).as(r2.body()).contains("title", "lineItems[0].quantity",
                "lineItems[1].description", "lineItems[1].taxRateId", "lineItems[2].optional", "expiresOn");
        assertProblem(api.post(QUOTES, owner, "{\"clientId\": \"" + clientId + "\", \"title\": \"T\", \"total\": 1}"), 400);
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(audited);
    }

    @Test
    void rolesAndTheCompanysMoneyPolicyDecideWhoMayQuote() {
        assertProblem(api.post(QUOTES, readOnly, "{\"title\":\"T\"}"), 403);
        JsonNode byUser = quote(user, "{\"title\": \"By a technician\", \"lineItems\": [{\"description\": \"W\", \"unitPrice\": 100}]}");
        JsonNode sentByUser = act(QUOTES, "send", user, byUser, null);
        assertThat(ok(api.get(QUOTES + "/" + byUser.get("id").asString(), readOnly)).get("status").asString()).isEqualTo("SENT");
        assertProblem(api.post(QUOTES + "/" + byUser.get("id").asString() + "/actions/decline", readOnly, etag(sentByUser), null), 403);
        // the company takes quoting from its users
        assertProblem(api.put("/api/v1/settings/pricing", user, "{\"usersMay\": []}"), 403);
        JsonNode policy = ok(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": []}"));
        assertThat(policy.get("usersMay")).isEmpty();
        try {
            assertProblem(api.post(QUOTES, user, "{\"title\":\"T\"}"), 403);
            assertProblem(api.post(QUOTES + "/" + byUser.get("id").asString() + "/actions/decline", user, etag(sentByUser), null), 403);
            assertThat(api.get(QUOTES + "/" + byUser.get("id").asString(), user).status()).as("still reads").isEqualTo(200);
            assertThat(act(QUOTES, "decline", admin, sentByUser, null).get("status").asString()).isEqualTo("DECLINED");
        } finally {
            assertThat(ok(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": [\"quotes:write\"]}"))
                    .get("usersMay").get(0).asString()).isEqualTo("quotes:write");
        }
        assertProblem(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": [\"team:manage\"]}"), 400);
        assertThat(created(api.post(QUOTES, user, """
                {"clientId": "%s", "propertyId": "%s", "title": "Again"}""".formatted(clientId, propertyId)))
                .get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void anotherCompanysQuotesAreNotFoundAndItsTaxRatesAndProductsNotUsable() {
        JsonNode q = simpleQuote("Isolated");
        String path = QUOTES + "/" + q.get("id").asString();
        String other = b.keys.get(Role.OWNER);
        assertProblem(api.get(path, other), 404);
        assertProblem(api.get(path + "/revisions", other), 404);
        assertProblem(api.patch(path, other, etag(q), "{\"title\":\"Mine\"}"), 404);
        assertProblem(api.delete(path, other, etag(q)), 404);
        for (String action : List.of("send", "approve", "decline", "request-changes")) {
            assertProblem(api.post(path + "/actions/" + action, other, etag(q),
                    action.equals("approve") ? "{\"signatureName\":\"X\"}" : null), 404);
        }
        assertThat(body(api.get(QUOTES, other)).get("total").asLong()).isZero();
        assertProblem(api.get("/api/v1/tax-rates/" + vat, other), 404);
        assertProblem(api.get("/api/v1/products/" + product, other), 404);
        // company b cannot quote company a's client, nor use a's rate or product
        Response foreign = api.post(QUOTES, other, """
                {"clientId": "%s", "propertyId": "%s", "title": "T",
                 "lineItems": [{"productId": "%s"}, {"description": "X", "unitPrice": 1, "taxRateId": "%s"}]}"""
                .formatted(clientId, propertyId, product, vat));
        assertProblem(foreign, 400);
        assertThat(body(foreign).get("errors").propertyNames()).contains("clientId", "lineItems[0].productId",
                "lineItems[1].taxRateId");
        assertThat(ok(api.get(path, owner))).isEqualTo(q);
    }

    @Test
    void numbersAreGapFreePerCompany() {
        var c = fixtures.company("quotes-numbers");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        String[] client = clientWithProperty(key, "Numbered");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(created(api.post(QUOTES, key, """
                    {"clientId": "%s", "propertyId": "%s", "title": "N"}""".formatted(client[0], client[1])))
                    .get("number").asString());
        }
        assertThat(numbers).containsExactly("Q-0001", "Q-0002", "Q-0003");
    }
}
