package org.fieldstone.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.body;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.support.CapturedLogs;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The customer portal over real HTTPS: share links made through the API (only for sent documents, shown once, stored
 * only hashed), the landing page that never spends a link, the one exchange for a portal session scoped to its
 * document, every refusal looking alike, expiry, revocation, a later revision replacing a link, the customer's
 * approval with the revision it saw, and a portal session that cannot reach another document or company.
 */
abstract class PortalContract extends MoneyApiTestSupport {

    private static final Pattern LINK = Pattern.compile("^https://[^/]+/p/([A-Za-z0-9]{24})$");

    @Value("${server.port}") int port;
    @Autowired CompanyDatabases databases;

    @Override
    protected String prefix() {
        return "portal";
    }

    /** A sent quote with an optional item and a group of two options, a 30 % deposit. */
    private JsonNode sentQuote() {
        JsonNode q = quote(owner, """
                {"title": "Heating", "terms": "Payable within 30 days.", "depositPercent": 30,
                 "lineItems": [
                   {"description": "Boiler service", "quantity": 1, "unitPrice": 18000, "taxRateId": "%1$s"},
                   {"description": "Descaling", "quantity": 1, "unitPrice": 6000, "taxRateId": "%1$s", "optional": true},
                   {"description": "Basic thermostat", "quantity": 1, "unitPrice": 4000, "taxRateId": "%1$s", "group": "Thermostat"},
                   {"description": "Smart thermostat", "quantity": 1, "unitPrice": 12000, "taxRateId": "%1$s", "group": "Thermostat"}
                 ]}""".formatted(vat));
        return act(QUOTES, "send", owner, q, "{}");
    }

    private JsonNode issue(String kind, String id, String key) {
        Response r = api.post("/api/v1/" + kind + "/" + id + "/share-links", key, "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    private static String token(JsonNode issued) {
        Matcher m = LINK.matcher(issued.get("url").asString());
        assertThat(m.matches()).as(issued.get("url").asString()).isTrue();
        return m.group(1);
    }

    private Https browser() {
        return new Https(port);
    }

    /** A new browser that loads the link's page (as a browser does before its button is pressed) and presses it. */
    private Response pressFresh(String token) {
        Https h = browser();
        h.get("/p/" + token);
        return h.post("/p/" + token, Map.of());
    }

    /** A new browser that loads the link's page and asks for a new link from it. */
    private Response askFresh(String token) {
        Https h = browser();
        h.get("/p/" + token);
        return h.post("/p/" + token + "/new-link", Map.of("email", "mallory@evil.test"));
    }

    /** Opens the link's landing page and presses its button; returns the exchange's answer. */
    private Response open(Https customer, String token) {
        Response landing = customer.get("/p/" + token);
        assertThat(landing.status()).isEqualTo(200);
        return customer.post("/p/" + token, Map.of());
    }

    @Test
    void aLinkIsMadeOnlyForASentDocumentShownOnceAndStoredOnlyAsAHash() {
        JsonNode draft = simpleQuote("Draft");
        Response refused = api.post(QUOTES + "/" + draft.get("id").asString() + "/share-links", owner, "{}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("send it first");

        JsonNode quote = sentQuote();
        List<String> logs = new java.util.ArrayList<>();
        JsonNode[] issued = new JsonNode[1];
        logs.addAll(CapturedLogs.during(() -> issued[0] = issue("quotes", quote.get("id").asString(), owner)));
        String token = token(issued[0]);
        assertThat(issued[0].get("expiresAt").asString()).isNotBlank();
        assertThat(token).hasSize(24).matches("[A-Za-z0-9]{24}");

        // the token is nowhere but in the answer: not in the link's row, the audit trail, the control plane, the logs
        String linkId = issued[0].get("id").asString();
        String row = databases.of(a.company.id()).jdbc().sql("SELECT * FROM share_links WHERE id = :id").param("id", linkId)
                .query().listOfRows().toString();
        assertThat(row).doesNotContain(token).contains(sha256(token));
        assertThat(api.auditEntries(a, "share_link", linkId).toString()).doesNotContain(token).doesNotContain(sha256(token));
        assertThat(String.join("\n", logs)).doesNotContain(token);
        // the listing shows the state, never a token or its hash
        Response listed = api.get(QUOTES + "/" + quote.get("id").asString() + "/share-links", readOnly);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("\"state\":\"SENT\"").contains("grace@example.com")
                .doesNotContain(token).doesNotContain(sha256(token));
    }

    @Test
    void readingTheLandingPageNeverSpendsTheLinkAndItsOneExchangeOpensTheDocumentWithoutTheToken() {
        JsonNode quote = sentQuote();
        String quoteId = quote.get("id").asString();
        JsonNode issuedLink = issue("quotes", quoteId, owner);
        String token = token(issuedLink);

        // a mail scanner and a link preview fetch the URL: nothing is spent
        for (int i = 0; i < 3; i++) {
            Response scanned = browser().get("/p/" + token);
            assertThat(scanned.status()).isEqualTo(200);
            assertThat(scanned.body()).contains("View your quote").contains("method=\"post\"");
            assertThat(scanned.header("Cache-Control")).contains("no-store");
            assertThat(scanned.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        Https customer = browser();
        Response exchanged = open(customer, token);
        assertThat(exchanged.status()).isEqualTo(302);
        String location = exchanged.header("Location");
        assertThat(location).endsWith("/p/quote/" + quoteId).doesNotContain(token);
        String cookie = exchanged.setCookies().stream().filter(c -> c.startsWith("__Host-fs_portal=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/")
                .doesNotContain("Domain");

        Response page = customer.get("/p/quote/" + quoteId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(quote.get("number").asString()).contains("Boiler service")
                .contains("Descaling").contains("Smart thermostat").contains("Payable within 30 days.")
                .doesNotContain("class=\"mainnav\"");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        // no third-party resources: every src and href stays on this origin
        assertThat(page.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");

        // the second exchange, from anyone, is refused with the page that offers a new link
        Response again = pressFresh(token);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("no longer opens anything").contains("Send me a new link");
        assertThat(again.setCookies()).noneMatch(c -> c.startsWith("__Host-fs_portal=") && !c.contains("Max-Age=0"));

        // each exchange and refusal is in the company's trail with the visitor's address and software
        // (the quote's email carries a link of its own: this one is the link issued above)
        String linkId = issuedLink.get("id").asString();
        List<AuditEntry> trail = api.auditEntries(a, "share_link", linkId);
        assertThat(trail).extracting(AuditEntry::action).contains("share_link.exchanged", "share_link.refused",
                "share_link.opened");
        AuditEntry exchange = trail.stream().filter(e -> e.action().equals("share_link.exchanged")).findFirst().orElseThrow();
        assertThat(exchange.channel()).isEqualTo("portal");
        assertThat(exchange.ip()).isNotBlank();
        assertThat(exchange.userAgent()).isNotBlank();
        assertThat(body(api.get(QUOTES + "/" + quoteId + "/share-links", owner)).valueStream()
                .filter(l -> l.get("id").asString().equals(linkId)).findFirst().orElseThrow().get("state").asString())
                .isEqualTo("SPENT");
    }

    @Test
    void unknownExpiredRevokedAndSpentLinksLookTheSame() {
        JsonNode quote = sentQuote();
        String quoteId = quote.get("id").asString();
        String spent = token(issue("quotes", quoteId, owner));
        open(browser(), spent);
        JsonNode revokedLink = issue("quotes", quoteId, owner);
        String revoked = token(revokedLink);
        Response del = api.delete("/api/v1/share-links/" + revokedLink.get("id").asString(), owner, null);
        assertThat(del.status()).isEqualTo(204);
        String unknown = "A".repeat(12) + "b".repeat(12);

        String first = null;
        for (String token : List.of(spent, revoked, unknown)) {
            Response get = browser().get("/p/" + token);
            Response post = pressFresh(token);
            assertThat(get.status()).isEqualTo(200);
            assertThat(post.status()).isEqualTo(200);
            String shown = normalized(post.body(), token);
            assertThat(normalized(get.body(), token)).isEqualTo(shown);
            if (first == null) {
                first = shown;
            }
            assertThat(shown).as("the same page for every link that opens nothing").isEqualTo(first);
        }
        // a malformed token is not even looked up
        assertThat(browser().get("/p/short").status()).isIn(404, 403);
    }

    @Test
    void aLinkExpiresAfterTheCompanysDaysAndRevokingOneEndsItsSessions() {
        Response set = api.put("/api/v1/settings/portal", owner, "{\"linkDays\": 1}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(api.put("/api/v1/settings/portal", owner, "{\"linkDays\": 0}").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/settings/portal", user, "{\"linkDays\": 5}").status()).isEqualTo(403);
        try {
            JsonNode quote = sentQuote();
            String quoteId = quote.get("id").asString();
            String expiring = token(issue("quotes", quoteId, owner));
            JsonNode live = issue("quotes", quoteId, owner);
            Https customer = browser();
            assertThat(open(customer, token(live)).status()).isEqualTo(302);
            assertThat(customer.get("/p/quote/" + quoteId).status()).isEqualTo(200);

            // revoked: the session made with it ends at once
            assertThat(api.delete("/api/v1/share-links/" + live.get("id").asString(), owner, null).status()).isEqualTo(204);
            assertThat(customer.get("/p/quote/" + quoteId).status()).isEqualTo(404);

            clock.advance(Duration.ofDays(1).plusMinutes(1));
            Response late = pressFresh(expiring);
            assertThat(late.body()).contains("no longer opens anything");
            assertThat(body(api.get(QUOTES + "/" + quoteId + "/share-links", owner)).toString())
                    .contains("\"state\":\"EXPIRED\"").contains("\"state\":\"REVOKED\"");
        } finally {
            api.put("/api/v1/settings/portal", owner, "{\"linkDays\": 30}");
        }
    }

    @Test
    void aPortalSessionReadsOnlyItsOwnDocument() {
        JsonNode quote = sentQuote();
        String quoteId = quote.get("id").asString();
        JsonNode other = sentQuote();
        Https customer = browser();
        open(customer, token(issue("quotes", quoteId, owner)));
        assertThat(customer.get("/p/quote/" + quoteId).status()).isEqualTo(200);
        // another quote of the same company, its PDF, an invoice address, another company's quote: not found
        assertThat(customer.get("/p/quote/" + other.get("id").asString()).status()).isEqualTo(404);
        assertThat(customer.get("/p/quote/" + other.get("id").asString() + "/pdf").status()).isEqualTo(404);
        assertThat(customer.post("/p/quote/" + other.get("id").asString() + "/decline", Map.of()).status()).isEqualTo(404);
        assertThat(customer.get("/p/invoice/" + quoteId).status()).isEqualTo(404);
        String otherOwner = b.keys.get(org.fieldstone.shared.Role.OWNER);
        String[] theirClient = clientWithProperty(otherOwner, "Other");
        JsonNode theirs = created(api.post(QUOTES, otherOwner, """
                {"clientId": "%s", "propertyId": "%s", "title": "Theirs", "lineItems": [{"description": "X", "quantity": 1,
                 "unitPrice": 100}]}""".formatted(theirClient[0], theirClient[1])));
        assertThat(customer.get("/p/quote/" + theirs.get("id").asString()).status()).isEqualTo(404);
        // and without a session nothing at all
        assertThat(browser().get("/p/quote/" + quoteId).status()).isEqualTo(404);
        // nor may another company make, list or revoke this company's links
        assertThat(api.post(QUOTES + "/" + quoteId + "/share-links", otherOwner, "{}").status()).isEqualTo(404);
        assertThat(api.get(QUOTES + "/" + quoteId + "/share-links", otherOwner).status()).isEqualTo(404);
        String linkId = body(api.get(QUOTES + "/" + quoteId + "/share-links", owner)).get(0).get("id").asString();
        assertThat(api.delete("/api/v1/share-links/" + linkId, otherOwner, null).status()).isEqualTo(404);
        // and a read-only member may not make one
        assertThat(api.post(QUOTES + "/" + quoteId + "/share-links", readOnly, "{}").status()).isEqualTo(403);
    }

    @Test
    void theCustomerApprovesWithTheirNameTheTermsAndTheOptionsTheyChoseAndTheRevisionTheySawIsRecorded() {
        JsonNode quote = sentQuote();
        String quoteId = quote.get("id").asString();
        Https customer = browser();
        open(customer, token(issue("quotes", quoteId, owner)));
        String page = customer.get("/p/quote/" + quoteId).body();
        String hash = field(page, "revisionHash");
        JsonNode lines = quote.get("lineItems");
        String descaling = lines.get(1).get("id").asString();
        String smart = lines.get(3).get("id").asString();

        // the server's calculator reckons the totals of what is ticked (htmx)
        Response totals = customer.post("/p/quote/" + quoteId + "/totals", List.of(Map.entry("chosenItemIds", descaling),
                Map.entry("option-0", smart)));
        assertThat(totals.status()).isEqualTo(200);
        // 180.00 + 60.00 + 120.00 = 360.00, VAT 8.1 % = 29.16 → 389.16; deposit 30 % = 116.75
        assertThat(totals.body()).contains("data-amount=\"38916\"").contains("data-amount=\"11675\"");

        List<Map.Entry<String, String>> choice = List.of(Map.entry("chosenItemIds", descaling), Map.entry("option-0", smart),
                Map.entry("revisionHash", hash), Map.entry("acceptTerms", "true"));
        long audited = api.auditEntriesButEmails(a);
        Response blank = customer.post("/p/quote/" + quoteId + "/approve", concat(choice, Map.entry("signatureName", "  ")));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("signatureName-error");
        Response noTerms = customer.post("/p/quote/" + quoteId + "/approve", List.of(Map.entry("chosenItemIds", descaling),
                Map.entry("option-0", smart), Map.entry("revisionHash", hash), Map.entry("signatureName", "Grace Hopper")));
        assertThat(noTerms.status()).isEqualTo(400);
        assertThat(noTerms.body()).contains("acceptTerms-error");
        Response stale = customer.post("/p/quote/" + quoteId + "/approve", List.of(Map.entry("chosenItemIds", descaling),
                Map.entry("option-0", smart), Map.entry("revisionHash", "0".repeat(64)), Map.entry("acceptTerms", "true"),
                Map.entry("signatureName", "Grace Hopper")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(api.auditEntriesButEmails(a)).as("refusals change nothing").isEqualTo(audited);
        assertThat(ok(api.get(QUOTES + "/" + quoteId, owner)).get("status").asString()).isEqualTo("SENT");

        Response approved = customer.post("/p/quote/" + quoteId + "/approve",
                concat(choice, Map.entry("signatureName", "Grace Hopper")));
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        JsonNode after = ok(api.get(QUOTES + "/" + quoteId, owner));
        assertThat(after.get("status").asString()).isEqualTo("APPROVED");
        JsonNode approval = after.get("approval");
        assertThat(approval.get("signatureName").asString()).isEqualTo("Grace Hopper");
        assertThat(approval.get("revisionHash").asString()).isEqualTo(hash).isEqualTo(quote.get("revisionHash").asString());
        assertThat(approval.get("recordedBy").asString()).isEqualTo("customer");
        assertThat(approval.toString()).contains(descaling).contains(smart);
        Response shown = customer.get("/p/quote/" + quoteId);
        assertThat(shown.body()).contains("You approved it here");
        AuditEntry entry = api.auditEntries(a, "quote", quoteId).stream()
                .filter(e -> e.action().equals("quote.approved")).findFirst().orElseThrow();
        assertThat(entry.channel()).isEqualTo("portal");
    }

    @Test
    void aLaterRevisionReplacesTheLinkAndItsSession() {
        JsonNode quote = sentQuote();
        String quoteId = quote.get("id").asString();
        Https customer = browser();
        open(customer, token(issue("quotes", quoteId, owner)));
        String unspent = token(issue("quotes", quoteId, owner));
        assertThat(customer.get("/p/quote/" + quoteId).status()).isEqualTo(200);

        JsonNode revised = ok(api.patch(QUOTES + "/" + quoteId, owner, etag(ok(api.get(QUOTES + "/" + quoteId, owner))),
                "{\"title\": \"Heating, revised\"}"));
        assertThat(revised.get("revision").asInt()).isEqualTo(2);
        Response page = customer.get("/p/quote/" + quoteId);
        assertThat(page.body()).contains("This quote has changed").doesNotContain("approve-quote");
        assertThat(customer.post("/p/quote/" + quoteId + "/approve", Map.of("signatureName", "Grace Hopper",
                "acceptTerms", "true", "revisionHash", quote.get("revisionHash").asString())).body())
                .contains("This quote has changed");
        assertThat(pressFresh(unspent).body()).contains("no longer opens anything");
        assertThat(body(api.get(QUOTES + "/" + quoteId + "/share-links", owner)).toString()).contains("\"state\":\"REPLACED\"");
        assertThat(ok(api.get(QUOTES + "/" + quoteId, owner)).get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void theCustomerDeclinesOrAsksForChangesAndANewLinkIsAskedForWithoutSayingWhetherTheLinkWasOurs() {
        JsonNode first = sentQuote();
        Https customer = browser();
        String token = token(issue("quotes", first.get("id").asString(), owner));
        open(customer, token);
        Response empty = customer.post("/p/quote/" + first.get("id").asString() + "/changes", Map.of("message", " "));
        assertThat(empty.status()).isEqualTo(400);
        Response changes = customer.post("/p/quote/" + first.get("id").asString() + "/changes",
                Map.of("message", "Please quote the smart thermostat only"));
        assertThat(changes.status()).isEqualTo(302);
        JsonNode after = ok(api.get(QUOTES + "/" + first.get("id").asString(), owner));
        assertThat(after.get("status").asString()).isEqualTo("CHANGES_REQUESTED");
        assertThat(after.get("decisionNote").asString()).isEqualTo("Please quote the smart thermostat only");

        JsonNode second = sentQuote();
        Https other = browser();
        open(other, token(issue("quotes", second.get("id").asString(), owner)));
        assertThat(other.post("/p/quote/" + second.get("id").asString() + "/decline", Map.of("reason", "Too dear")).status())
                .isEqualTo(302);
        assertThat(ok(api.get(QUOTES + "/" + second.get("id").asString(), owner)).get("status").asString())
                .isEqualTo("DECLINED");

        // asking for a new link with the spent one: the same answer as for a token that was never ours; an address
        // typed into the request is ignored (there is no such field)
        Response asked = askFresh(token);
        Response unknown = askFresh("Z".repeat(24));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(normalized(asked.body(), token)).isEqualTo(normalized(unknown.body(), "Z".repeat(24)));
        // the spent link (the quote's email and the new-link request add links of their own)
        String linkId = body(api.get(QUOTES + "/" + first.get("id").asString() + "/share-links", owner)).valueStream()
                .filter(l -> l.get("state").asString().equals("SPENT")).findFirst().orElseThrow().get("id").asString();
        assertThat(api.auditEntries(a, "share_link", linkId)).extracting(AuditEntry::action)
                .contains("share_link.new_link_requested");
        // throttled: a second request at once is recorded as refused, not sent again
        askFresh(token);
        assertThat(api.auditEntries(a, "share_link", linkId)).extracting(AuditEntry::action)
                .contains("share_link.new_link_refused");
    }

    @Test
    void theInvoicePageShowsLinesPaymentsAndBalanceAndSaysWhenCardPaymentsAreOff() {
        JsonNode draft = created(api.post(INVOICES, admin, """
                {"clientId": "%s", "title": "Repair", "lineItems": [{"description": "Repair", "quantity": 1,
                 "unitPrice": 20000, "taxRateId": "%s"}]}""".formatted(clientId, vat)));
        JsonNode draftLink = body(api.post(INVOICES + "/" + draft.get("id").asString() + "/share-links", admin, "{}"));
        assertThat(draftLink.toString()).contains("409");
        JsonNode sent = act(INVOICES, "send", admin, draft, "{}");
        String id = sent.get("id").asString();
        Response paid = api.post(INVOICES + "/" + id + "/payments", admin, """
                {"amount": 5000, "method": "CASH"}""");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        Https customer = browser();
        Response landing = customer.get("/p/" + token(issue("invoices", id, admin)));
        assertThat(landing.body()).contains("View your invoice");
        customer.post("/p/" + token(issue("invoices", id, admin)), Map.of());
        Response page = customer.get("/p/invoice/" + id);
        assertThat(page.status()).isEqualTo(200);
        // 200.00 + VAT 8.1 % = 216.20; paid 50.00; balance 166.20
        assertThat(page.body()).contains(sent.get("number").asString()).contains("Repair").contains("data-amount=\"16620\"");
        Response pdf = customer.get("/p/invoice/" + id + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).startsWith("application/pdf");
    }

    @Test
    void theOfficeSeesEachLinksStateMakesANewLinkShownOnceAndRevokesOne() {
        JsonNode quote = sentQuote();
        String quoteId = quote.get("id").asString();
        String spent = token(issue("quotes", quoteId, owner));
        open(browser(), spent);
        Https office = new Https(port);
        assertThat(office.signIn(a.slug(), a.users.get(org.fieldstone.shared.Role.ADMIN).email().value(),
                org.fieldstone.support.Fixtures.PASSWORD).status()).isEqualTo(302);
        String path = "/c/" + a.slug() + "/quotes/" + quoteId;
        Response page = office.get(path);
        assertThat(page.body()).contains("Customer links").contains("data-link-state=\"SPENT\"").contains("id=\"copy-link\"")
                .doesNotContain(spent);

        Response made = office.post("/c/" + a.slug() + "/share-links", Map.of("kind", "quote", "document", quoteId));
        assertThat(made.status()).isEqualTo(302);
        Response shown = office.get(path);
        Matcher m = Pattern.compile("id=\"share-link-url\" readonly=\"readonly\" value=\"https://[^/]+/p/([A-Za-z0-9]{24})\"|"
                + "value=\"https://[^/]+/p/([A-Za-z0-9]{24})\"").matcher(shown.body());
        assertThat(m.find()).as("the new link is shown").isTrue();
        String fresh = m.group(1) != null ? m.group(1) : m.group(2);
        assertThat(office.get(path).body()).as("shown only once").doesNotContain(fresh);
        assertThat(browser().get("/p/" + fresh).body()).contains("View your quote");

        String linkId = null;
        for (JsonNode l : body(api.get(QUOTES + "/" + quoteId + "/share-links", owner))) {
            if (l.get("state").asString().equals("OPENED")) {
                linkId = l.get("id").asString(); // the fresh one: its landing page was shown, it is not spent
            }
        }
        assertThat(linkId).isNotNull();
        Response revoked = office.post("/c/" + a.slug() + "/share-links/" + linkId + "/revoke",
                Map.of("kind", "quote", "document", quoteId));
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(office.get(path).body()).contains("data-link-state=\"REVOKED\"");
        Response late = pressFresh(fresh);
        assertThat(late.body()).as(late.status() + " " + late.header("Location")).contains("no longer opens anything");
        // the timeline tells what happened to the links
        assertThat(office.get(path).body()).contains("Viewed by the customer on the portal").contains("Customer link revoked");

        // a read-only member sees the links but may neither make nor revoke one
        Https reader = new Https(port);
        reader.signIn(a.slug(), a.users.get(org.fieldstone.shared.Role.READ_ONLY).email().value(),
                org.fieldstone.support.Fixtures.PASSWORD);
        Response readerPage = reader.get(path);
        assertThat(readerPage.body()).contains("Customer links").doesNotContain("id=\"copy-link\"");
        assertThat(reader.post("/c/" + a.slug() + "/share-links", Map.of("kind", "quote", "document", quoteId)).status())
                .isEqualTo(403);
    }

    @Test
    void settingsCustomerPortalChangesHowLongLinksLiveAndRefusesNonsenseBesideTheField() {
        Https office = new Https(port);
        office.signIn(a.slug(), a.ownerEmail(), org.fieldstone.support.Fixtures.PASSWORD);
        String path = "/c/" + a.slug() + "/settings/portal";
        assertThat(office.get("/c/" + a.slug() + "/settings").body()).contains(path);
        assertThat(office.get(path).body()).contains("value=\"30\"");
        Response bad = office.post(path, Map.of("linkDays", "400"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("portal-linkDays-error").contains("value=\"400\"");
        assertThat(office.post(path, Map.of("linkDays", "soon")).status()).isEqualTo(400);
        assertThat(ok(api.get("/api/v1/settings/portal", owner)).get("linkDays").asInt()).isEqualTo(30);
        assertThat(office.post(path, Map.of("linkDays", "14")).status()).isEqualTo(302);
        try {
            assertThat(ok(api.get("/api/v1/settings/portal", owner)).get("linkDays").asInt()).isEqualTo(14);
            Https member = new Https(port);
            member.signIn(a.slug(), a.users.get(org.fieldstone.shared.Role.USER).email().value(),
                    org.fieldstone.support.Fixtures.PASSWORD);
            assertThat(member.get(path).status()).isEqualTo(403);
            assertThat(member.post(path, Map.of("linkDays", "1")).status()).isEqualTo(403);
        } finally {
            api.put("/api/v1/settings/portal", owner, "{\"linkDays\": 30}");
        }
    }

    @Test
    void theCustomerSeesTheirUpcomingVisitsAndRequestsNewWorkWhichBecomesAJobForTheOffice() {
        java.time.LocalDate day = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/Zurich"))
                .plusDays(3);
        Response job = api.post("/api/v1/jobs", owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "Annual boiler check",
                 "firstVisit": {"start": "%sT09:00", "end": "%sT10:00"}}""".formatted(clientId, propertyId, day, day));
        assertThat(job.status()).as(job.body()).isEqualTo(201);
        JsonNode quote = sentQuote();
        String quoteId = quote.get("id").asString();
        Https customer = browser();
        open(customer, token(issue("quotes", quoteId, owner)));
        Response page = customer.get("/p/quote/" + quoteId);
        assertThat(page.body()).contains("Your upcoming visits").contains("Annual boiler check").contains(day.toString());

        Response empty = customer.post("/p/quote/" + quoteId + "/request", Map.of("work", "  "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("work-error");
        Response asked = customer.post("/p/quote/" + quoteId + "/request", Map.of("work", "The garden tap drips"));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("your request is with the office");
        Response found = api.get("/api/v1/jobs?client=" + clientId + "&size=100", owner);
        assertThat(found.body()).contains("Request from the customer portal").contains("The garden tap drips")
                .contains("portal");
        // three requests an hour per link, then a clear refusal
        customer.post("/p/quote/" + quoteId + "/request", Map.of("work", "Second"));
        customer.post("/p/quote/" + quoteId + "/request", Map.of("work", "Third"));
        Response fourth = customer.post("/p/quote/" + quoteId + "/request", Map.of("work", "Fourth"));
        assertThat(fourth.status()).isEqualTo(429);
        // another document's address: not found
        assertThat(customer.post("/p/invoice/" + quoteId + "/request", Map.of("work", "x")).status()).isEqualTo(404);
    }

    @Test
    void theCustomerPaysTheDepositOfTheApprovedQuoteByCardAndSeesItPaid() {
        String secret = "whsec_fieldstone_fake_portal_0123456789";
        ok(api.put("/api/v1/settings/payments", owner, """
                {"enabled": true, "secretKey": "sk_test_fieldstone_fake_portal_0123456789", "webhookSecret": "%s"}"""
                .formatted(secret)));
        org.fieldstone.support.FakeStripe stripe = org.fieldstone.support.FakeStripe.start();
        stripe.registerWebhook(a.slug(), api.uri("/webhooks/stripe/" + a.slug()), secret);
        try {
            JsonNode quote = sentQuote();
            String quoteId = quote.get("id").asString();
            Https customer = browser();
            open(customer, token(issue("quotes", quoteId, owner)));
            String hash = field(customer.get("/p/quote/" + quoteId).body(), "revisionHash");
            String basic = quote.get("lineItems").get(2).get("id").asString();
            assertThat(customer.post("/p/quote/" + quoteId + "/approve", List.of(Map.entry("option-0", basic),
                    Map.entry("revisionHash", hash), Map.entry("acceptTerms", "true"),
                    Map.entry("signatureName", "Grace Hopper"))).status()).isEqualTo(302);
            Response approved = customer.get("/p/quote/" + quoteId);
            // 180.00 + 40.00 = 220.00 + VAT 8.1 % = 237.82; 30 % deposit = 71.35
            assertThat(approved.body()).contains("id=\"pay-deposit\"").contains("data-amount=\"7135\"");
            Response toStripe = customer.post("/p/quote/" + quoteId + "/deposit", Map.of());
            assertThat(toStripe.status()).isEqualTo(302);
            String sessionId = toStripe.header("Location").replaceFirst(".*/pay/", "");
            assertThat(stripe.session(sessionId).get("amount_total").getAsLong()).isEqualTo(7135);
            stripe.pay(sessionId);
            assertThat(stripe.deliverSessionEvent("checkout.session.completed", sessionId).status()).isEqualTo(200);
            Response paid = customer.get("/p/quote/" + quoteId);
            assertThat(paid.body()).contains("id=\"deposit-paid\"").doesNotContain("id=\"pay-deposit\"");
            JsonNode deposits = ok(api.get(QUOTES + "/" + quoteId + "/deposit-invoices", owner));
            assertThat(deposits.get(0).get("paid").get("amount").asLong()).isEqualTo(7135);
        } finally {
            ok(api.put("/api/v1/settings/payments", owner, "{\"enabled\": false}"));
        }
    }

    private static List<Map.Entry<String, String>> concat(List<Map.Entry<String, String>> fields, Map.Entry<String, String> more) {
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>(fields);
        all.add(more);
        return all;
    }

    /** The page without what differs per request: the token, the CSRF token. */
    private static String normalized(String page, String token) {
        return page.replace(token, "TOKEN").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")
                .replaceAll("content=\"[^\"]*\" name=\"csrf-token\"|name=\"csrf-token\" content=\"[^\"]*\"", "");
    }

    private static String field(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    private static String sha256(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
