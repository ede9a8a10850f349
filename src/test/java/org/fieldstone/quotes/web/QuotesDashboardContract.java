package org.fieldstone.quotes.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The quotes pages over real HTTPS, as a browser submits them: the list and its filters, the editor (lines with an
 * optional item and an option group, every line's error at once, live totals equal to the API's), the lifecycle
 * recorded on the customer's behalf (send, a blank signature refused beside its field, approval, decline), the
 * read-only role, another company's quote and the home page's card.
 */
abstract class QuotesDashboardContract extends MoneyApiTestSupport {

    static final Pattern QUOTE_ID = Pattern.compile("/quotes/([0-9a-f-]{36})\\?notice=created$");
    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Value("${server.port}") int port;
    @Autowired Jobs jobs;

    @Test
    void theListFiltersByStatusAndSearchAndShowsEachTotal() {
        JsonNode draft = simpleQuote("Gutter cleaning " + System.nanoTime());
        JsonNode sent = simpleQuote("Roof survey " + System.nanoTime());
        act(QUOTES, "send", owner, sent, null);
        Https admin = signIn(Role.ADMIN);

        String onlySent = admin.get(base() + "/quotes?status=SENT").body();
        assertThat(onlySent).contains(sent.get("number").asString()).doesNotContain(draft.get("title").asString())
                .contains("216.20");
        String searched = admin.get(base() + "/quotes?q=" + draft.get("number").asString()).body();
        assertThat(searched).contains(draft.get("title").asString()).doesNotContain(sent.get("title").asString());
        assertThat(admin.get(base() + "/quotes?status=DECLINED&q=" + sent.get("number").asString()).body())
                .contains("id=\"no-quotes\"");
    }

    @Test
    void createsAQuoteWithAProductAnOptionalItemAndAnOptionGroup() {
        Https admin = signIn(Role.ADMIN);
        Response form = admin.get(base() + "/quotes/new?clientId=" + clientId + "&propertyId=" + propertyId);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"" + propertyId + "\" selected").contains("Boiler service");

        List<Map.Entry<String, String>> fields = fields("clientId", clientId, "propertyId", propertyId,
                "title", "Boiler and finish", "discountKind", "percent", "discount", "", "depositKind", "percent",
                "deposit", "20", "expiresOn", "", "terms", "Payable in 30 days", "notes", "");
        row(fields, product, "", "1", "", "", "", "", "");
        row(fields, "", "Spare filter", "1", "25.00", "", vat, "optional", "");
        row(fields, "", "Standard paint", "1", "100", "", vat, "", "Finish");
        row(fields, "", "Premium paint", "1", "150.50", "10", vat, "", "Finish");
        row(fields, "", "", "1", "", "", "", "", "");
        Response created = admin.post(base() + "/quotes/new", fields);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        Matcher m = QUOTE_ID.matcher(created.header("Location"));
        assertThat(m.find()).as(created.header("Location")).isTrue();

        JsonNode quote = ok(api.get(QUOTES + "/" + m.group(1), owner));
        JsonNode lines = quote.get("lineItems");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("description").asString()).startsWith("Boiler service");
        assertThat(lines.get(0).get("unitPrice").asLong()).isEqualTo(18000);
        assertThat(lines.get(1).get("optional").asBoolean()).isTrue();
        assertThat(lines.get(1).get("unitPrice").asLong()).isEqualTo(2500);
        assertThat(lines.get(2).get("group").asString()).isEqualTo("Finish");
        assertThat(lines.get(3).get("unitPrice").asLong()).isEqualTo(15050);
        assertThat(lines.get(3).get("discountPercent").decimalValue()).isEqualByComparingTo("10");
        assertThat(quote.get("depositPercent").decimalValue()).isEqualByComparingTo("20");

        Response page = admin.get(base() + "/quotes/" + m.group(1) + "?notice=created");
        assertThat(page.body()).contains("The quote was created.").contains("Grace Hopper").contains("Spare filter")
                .contains("Option of Finish").contains("(not counted)")
                .contains("id=\"figure-total\" data-amount=\"" + amount(quote, "total") + "\"")
                .contains("id=\"figure-deposit\" data-amount=\"" + amount(quote, "depositDue") + "\"")
                .contains("Created");
    }

    @Test
    void showsEveryLineErrorAtOnceBesideItsFieldKeepsWhatWasTypedAndStoresNothing() {
        Https admin = signIn(Role.ADMIN);
        admin.get(base() + "/quotes/new");
        long before = body(api.get(QUOTES + "?size=1", owner)).get("total").asLong();
        List<Map.Entry<String, String>> fields = fields("clientId", clientId, "propertyId", propertyId,
                "title", "", "discountKind", "percent", "discount", "", "depositKind", "percent", "deposit", "",
                "expiresOn", "", "terms", "", "notes", "");
        row(fields, "", "Pipe work", "abc", "10", "", "", "", "");
        row(fields, "", "", "1", "", "", "", "", "");
        row(fields, "", "Fittings", "2", "12.345", "", "", "", "");
        row(fields, "", "Sealant", "1", "5", "150", "", "", "");
        Response invalid = admin.post(base() + "/quotes/new", fields);
        assertThat(invalid.status()).isEqualTo(400);
        // the empty second row is left out, so the rows after it move up
        assertThat(invalid.body()).contains("id=\"line-quantity-error-0\"").contains("id=\"line-unitPrice-error-1\"")
                .contains("id=\"line-discountPercent-error-2\"").contains("id=\"quote-title-error\"")
                .contains("value=\"abc\"").contains("value=\"12.345\"").contains(">Pipe work</textarea>");
        assertThat(body(api.get(QUOTES + "?size=1", owner)).get("total").asLong()).isEqualTo(before);

        List<Map.Entry<String, String>> service = fields("clientId", clientId, "propertyId", propertyId,
                "title", "Only the service finds these", "discountKind", "percent", "discount", "", "depositKind",
                "percent", "deposit", "", "expiresOn", "", "terms", "", "notes", "");
        row(service, "", "", "1", "10", "", "", "", "");
        row(service, "", "Valve", "0", "10", "", "", "", "");
        Response refused = admin.post(base() + "/quotes/new", service);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"line-description-error-0\"").contains("id=\"line-quantity-error-1\"");
    }

    @Test
    void theEditorsLiveTotalsAreTheApisFiguresForTheSameQuote() {
        JsonNode quote = quote(owner, """
                {"title": "Odd cents", "discountPercent": 5, "lineItems": [
                 {"description": "Hours", "quantity": 3, "unitPrice": 3333, "discountPercent": 10, "taxRateId": "%s"},
                 {"description": "Parts", "quantity": 1.5, "unitPrice": 1999, "taxRateId": "%s"},
                 {"description": "Option A", "quantity": 1, "unitPrice": 5000, "group": "Size", "taxRateId": "%s"},
                 {"description": "Option B", "quantity": 1, "unitPrice": 7000, "group": "Size", "taxRateId": "%s"}]}"""
                .formatted(vat, vat, vat, vat));
        Https admin = signIn(Role.ADMIN);
        Response edit = admin.get(base() + "/quotes/" + quote.get("id").asString() + "/edit");
        assertThat(edit.body()).contains("id=\"figure-total\" data-amount=\"" + amount(quote, "total") + "\"")
                .contains("value=\"33.33\"").contains("value=\"19.99\"");

        List<Map.Entry<String, String>> fields = fields("quoteId", quote.get("id").asString(), "discountKind", "percent",
                "discount", "5");
        row(fields, "", "Hours", "3", "33.33", "10", vat, "", "");
        row(fields, "", "Parts", "1.5", "19.99", "", vat, "", "");
        row(fields, "", "Option A", "1", "50", "", vat, "", "Size");
        row(fields, "", "Option B", "1", "70", "", vat, "", "Size");
        Response totals = admin.post(base() + "/quotes/totals", fields);
        assertThat(totals.status()).isEqualTo(200);
        assertThat(totals.body()).contains("id=\"figure-subtotal\" data-amount=\"" + amount(quote, "subtotal") + "\"")
                .contains("id=\"figure-discount\" data-amount=\"" + amount(quote, "discount") + "\"")
                .contains("id=\"figure-total\" data-amount=\"" + amount(quote, "total") + "\"")
                .doesNotContain("<html");

        List<Map.Entry<String, String>> changed = fields("quoteId", quote.get("id").asString(), "discountKind",
                "amount", "discount", "1.00");
        row(changed, "", "Hours", "1", "10", "", "", "", "");
        assertThat(admin.post(base() + "/quotes/totals", changed).body())
                .contains("id=\"figure-total\" data-amount=\"900\"");
    }

    @Test
    void recordsApprovalOnTheCustomersBehalfRefusingABlankSignatureBesideTheField() {
        JsonNode quote = quote(owner, """
                {"title": "Heating", "terms": "Half on approval", "lineItems": [
                 {"description": "Boiler", "quantity": 1, "unitPrice": 100000, "taxRateId": "%s"},
                 {"description": "Smart thermostat", "quantity": 1, "unitPrice": 20000, "optional": true},
                 {"description": "Basic valves", "quantity": 1, "unitPrice": 5000, "group": "Valves"},
                 {"description": "Thermostatic valves", "quantity": 1, "unitPrice": 9000, "group": "Valves"}]}"""
                .formatted(vat));
        String id = quote.get("id").asString();
        String path = base() + "/quotes/" + id;
        Https admin = signIn(Role.ADMIN);
        Response draft = admin.get(path);
        assertThat(draft.body()).contains("id=\"send-quote\"").doesNotContain("id=\"record-approval\"");
        Response sent = admin.post(path, Map.of("action", "send", "version", version(draft)));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.header("Location")).endsWith("/quotes/" + id + "?notice=sent");

        Response page = admin.get(path);
        assertThat(page.body()).contains("id=\"record-approval\"").contains("Half on approval")
                .contains("name=\"signatureName\"");
        // the email that sent it (after the commit, through the outbox) joins the quote's timeline
        long until = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!page.body().contains("Revision 1 emailed to grace@example.com") && System.nanoTime() < until) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            page = admin.get(path);
        }
        assertThat(page.body()).contains("Revision 1 emailed to grace@example.com");
        String optional = quote.get("lineItems").get(1).get("id").asString();
        String thermostatic = quote.get("lineItems").get(3).get("id").asString();
        Response blank = admin.post(path, List.of(Map.entry("action", "approve"), Map.entry("version", version(page)),
                Map.entry("signatureName", "   "), Map.entry("chosenItemIds", optional), Map.entry("option-0", thermostatic)));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("id=\"signatureName-error\"").contains("as their signature")
                .contains("value=\"" + optional + "\" checked");
        JsonNode unchanged = ok(api.get(QUOTES + "/" + id, owner));
        assertThat(unchanged.get("status").asString()).isEqualTo("SENT");
        assertThat(unchanged.get("approval").isNull()).isTrue();

        Response approved = admin.post(path, List.of(Map.entry("action", "approve"), Map.entry("version", version(blank)),
                Map.entry("signatureName", "Ada Lovelace"), Map.entry("chosenItemIds", optional),
                Map.entry("option-0", thermostatic)));
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        JsonNode after = ok(api.get(QUOTES + "/" + id, owner));
        assertThat(after.get("status").asString()).isEqualTo("APPROVED");
        assertThat(after.get("approval").get("signatureName").asString()).isEqualTo("Ada Lovelace");
        assertThat(after.get("approval").get("chosenItemIds").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(optional, thermostatic);

        String shown = admin.get(path + "?notice=approved").body();
        assertThat(shown).contains("The approval was recorded.").contains("Approved by Ada Lovelace")
                .contains("id=\"figure-total\" data-amount=\"" + amount(after, "total") + "\"")
                .contains("id=\"convert-quote\"").doesNotContain("id=\"record-approval\"");
        assertThat(timeline(shown)).containsSubsequence("Approved", "Sent", "Created");
    }

    @Test
    void aDeclineIsRecordedWithItsReasonAndShownPlainly() {
        JsonNode quote = act(QUOTES, "send", owner, simpleQuote("Fence"), null);
        String path = base() + "/quotes/" + quote.get("id").asString();
        Https user = signIn(Role.USER);
        Response page = user.get(path);
        Response declined = user.post(path, Map.of("action", "decline", "version", version(page), "reason", "Too expensive"));
        assertThat(declined.status()).isEqualTo(302);
        assertThat(ok(api.get(QUOTES + "/" + quote.get("id").asString(), owner)).get("status").asString()).isEqualTo("DECLINED");
        String shown = user.get(path).body();
        assertThat(shown).contains("id=\"declined\"").contains("Too expensive").contains("Declined by the customer")
                .doesNotContain("id=\"record-approval\"").contains("id=\"edit-quote\"");

        // a forged step on a declined quote: refused with its reason on the quote's own page
        String now = ok(api.get(QUOTES + "/" + quote.get("id").asString(), owner)).get("version").asString();
        Response refused = user.post(path, Map.of("action", "send", "version", now));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"refusal\"").contains("cannot be sent");
    }

    @Test
    void theReadOnlyRoleSeesNoWriteButtonsAndItsPostsAreRefused() {
        JsonNode quote = act(QUOTES, "send", owner, simpleQuote("Read only"), null);
        String path = base() + "/quotes/" + quote.get("id").asString();
        Https reader = signIn(Role.READ_ONLY);
        assertThat(reader.get(base() + "/quotes").body()).doesNotContain("id=\"new-quote\"");
        Response page = reader.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(quote.get("number").asString()).doesNotContain("id=\"record-approval\"")
                .doesNotContain("id=\"edit-quote\"").doesNotContain("id=\"actions\"");
        Response forged = reader.post(path, Map.of("action", "approve", "version", quote.get("version").asString(),
                "signatureName", "Mallory"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(reader.get(base() + "/quotes/new").status()).isEqualTo(403);
        assertThat(ok(api.get(QUOTES + "/" + quote.get("id").asString(), owner)).get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void anotherCompanysQuoteIsNotFound() {
        String[] theirClient = clientWithProperty(b.keys.get(Role.OWNER), "Other Co client");
        JsonNode theirs = created(api.post(QUOTES, b.keys.get(Role.OWNER), """
                {"clientId": "%s", "propertyId": "%s", "title": "Theirs", "lineItems": [{"description": "x",
                 "unitPrice": 100}]}""".formatted(theirClient[0], theirClient[1])));
        Https admin = signIn(Role.ADMIN);
        assertThat(admin.get(base() + "/quotes/" + theirs.get("id").asString()).status()).isEqualTo(404);
        assertThat(admin.get(base() + "/quotes/" + theirs.get("id").asString() + "/edit").status()).isEqualTo(404);
        admin.get(base() + "/quotes");
        Response forged = admin.post(base() + "/quotes/" + theirs.get("id").asString(), Map.of("action", "send",
                "version", theirs.get("version").asString()));
        assertThat(forged.status()).isEqualTo(404);
        assertThat(ok(api.get(QUOTES + "/" + theirs.get("id").asString(), b.keys.get(Role.OWNER))).get("status")
                .asString()).isEqualTo("DRAFT");
    }

    @Test
    void theHomePageShowsQuotesAwaitingResponseWithWhatTheyComeTo() {
        TestCompany home = fixtures.companyWithEveryRole("quotes-home");
        String key = home.keys.get(Role.OWNER);
        String[] client = clientWithProperty(key, "Home client");
        String one = """
                {"clientId": "%s", "propertyId": "%s", "title": "%s", "lineItems": [{"description": "x",
                 "unitPrice": %d}]}""";
        JsonNode a1 = created(api.post(QUOTES, key, one.formatted(client[0], client[1], "First", 12050)));
        JsonNode a2 = created(api.post(QUOTES, key, one.formatted(client[0], client[1], "Second", 100000)));
        created(api.post(QUOTES, key, one.formatted(client[0], client[1], "Still a draft", 99999)));
        act(QUOTES, "send", key, a1, null);
        JsonNode second = act(QUOTES, "send", key, a2, null);
        act(QUOTES, "request-changes", key, second, "{\"message\": \"Cheaper please\"}");

        Https owner = new Https(port);
        assertThat(owner.signIn(home.slug(), home.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String page = owner.get("/c/" + home.slug() + "/").body();
        Matcher card = Pattern.compile("id=\"card-quotes-awaiting\">.*?<p class=\"count\"><a [^>]*>(\\d+)</a>.*?"
                + "class=\"awaiting-amount\">([^<]*)</li>", Pattern.DOTALL).matcher(page);
        assertThat(card.find()).as(page).isTrue();
        assertThat(card.group(1)).isEqualTo("2");
        assertThat(card.group(2)).startsWith("CHF");
        assertThat(card.group(2).replaceAll("[^0-9]", "")).isEqualTo(String.valueOf(
                amount(ok(api.get(QUOTES + "/" + a1.get("id").asString(), key)), "total")
                        + amount(ok(api.get(QUOTES + "/" + a2.get("id").asString(), key)), "total")));
        assertThat(page).contains("of which 1 with changes requested");
    }

    @Test
    void editingASentQuoteThroughThePageMakesItsNextRevisionAndAStaleEditSavesNothing() {
        JsonNode sent = act(QUOTES, "send", owner, simpleQuote("Patio"), null);
        String id = sent.get("id").asString();
        Https admin = signIn(Role.ADMIN);
        Response edit = admin.get(base() + "/quotes/" + id + "/edit");
        assertThat(edit.body()).contains("id=\"new-revision\"").contains("value=\"Patio\"").contains("value=\"100.00\"");
        String lineId = sent.get("lineItems").get(0).get("id").asString();
        List<Map.Entry<String, String>> fields = fields("version", version(edit), "propertyId", propertyId,
                "title", "Patio, larger", "discountKind", "amount", "discount", "10", "depositKind", "percent",
                "deposit", "", "expiresOn", "", "terms", "", "notes", "");
        fields.addAll(fields("lineId", lineId, "productId", "", "description", "Work", "quantity", "3",
                "unitPrice", "100.00", "lineDiscount", "", "taxRateId", vat, "choice", "", "group", ""));
        Response saved = admin.post(base() + "/quotes/" + id + "/edit", fields);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        JsonNode revised = ok(api.get(QUOTES + "/" + id, owner));
        assertThat(revised.get("revision").asInt()).isEqualTo(2);
        assertThat(revised.get("status").asString()).isEqualTo("DRAFT");
        assertThat(revised.get("lineItems").get(0).get("id").asString()).isEqualTo(lineId);
        assertThat(revised.get("discountAmount").asLong()).isEqualTo(1000);
        assertThat(admin.get(base() + "/quotes/" + id).body())
                .contains("id=\"figure-total\" data-amount=\"" + amount(revised, "total") + "\"")
                .contains("New revision");

        Response stale = admin.post(base() + "/quotes/" + id + "/edit", fields);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("id=\"conflict\"").contains("value=\"Patio, larger\"")
                .contains("name=\"version\" value=\"" + revised.get("version").asLong() + "\"");
        assertThat(ok(api.get(QUOTES + "/" + id, owner)).get("version").asLong()).isEqualTo(revised.get("version").asLong());
    }

    @Test
    void changesRequestedAreRecordedWithTheCustomersMessage() {
        JsonNode sent = act(QUOTES, "send", owner, simpleQuote("Kitchen tap"), null);
        String path = base() + "/quotes/" + sent.get("id").asString();
        Https admin = signIn(Role.ADMIN);
        Response page = admin.get(path);
        Response asked = admin.post(path, Map.of("action", "request-changes", "version", version(page),
                "message", "Chrome finish instead"));
        assertThat(asked.status()).isEqualTo(302);
        JsonNode after = ok(api.get(QUOTES + "/" + sent.get("id").asString(), owner));
        assertThat(after.get("status").asString()).isEqualTo("CHANGES_REQUESTED");
        assertThat(after.get("decisionNote").asString()).isEqualTo("Chrome finish instead");
        String shown = admin.get(path).body();
        assertThat(shown).contains("id=\"changes-requested\"").contains("Chrome finish instead")
                .contains("id=\"record-approval\"").doesNotContain("id=\"record-changes\"");
        assertThat(timeline(shown)).containsSubsequence("Changes requested", "Sent", "Created");
    }

    @Test
    void myDayOffersANewQuoteForEachVisitsClientAndProperty() {
        User tech = a.users.get(Role.USER);
        java.time.Instant now = clock.instant();
        jobs.create(a.system(), new NewJob(clientId, propertyId, "Quote on site", null, null, null, null, null,
                List.of(tech.id()), null, null, null, new NewVisit(now.toString(), now.plusSeconds(3600).toString(), null)));
        Https user = signIn(Role.USER);
        String day = user.get(base() + "/my-day").body();
        String link = base() + "/quotes/new?clientId=" + clientId + "&amp;propertyId=" + propertyId;
        assertThat(day).contains("href=\"" + link + "\"");
        Response form = user.get(base() + "/quotes/new?clientId=" + clientId + "&propertyId=" + propertyId);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"quote-clientId\" value=\"" + clientId + "\"").contains("value=\"" + propertyId + "\" selected");
        // a company that takes quoting from its users: no button on My day
        ok(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": []}"));
        try {
            assertThat(user.get(base() + "/my-day").body()).doesNotContain("href=\"" + link + "\"");
        } finally {
            ok(api.put("/api/v1/settings/pricing", admin, "{\"usersMay\": [\"quotes:write\"]}"));
        }
    }

    // ---- helpers

    @Override
    protected String prefix() {
        return "quotes-web";
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

    static List<Map.Entry<String, String>> fields(String... pairs) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.add(Map.entry(pairs[i], pairs[i + 1]));
        }
        return fields;
    }

    /** One line of the editor, as its inputs submit it. */
    static void row(List<Map.Entry<String, String>> fields, String productId, String description, String quantity,
                    String unitPrice, String discount, String taxRateId, String choice, String group) {
        fields.addAll(fields("lineId", "", "productId", productId, "description", description, "quantity", quantity,
                "unitPrice", unitPrice, "lineDiscount", discount, "taxRateId", taxRateId,
                "choice", choice, "group", group));
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
