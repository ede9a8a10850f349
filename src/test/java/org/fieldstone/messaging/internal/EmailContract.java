package org.fieldstone.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.messaging.DocumentPdfs;
import org.fieldstone.quotes.QuoteEvents;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.CapturedLogs;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Https;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.TestMail;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.JsonNode;

/**
 * Quotes and invoices by email, on a real SMTP server (GreenMail): sent to the client with the company's template,
 * recorded on the document's timeline with the revision sent, through the company's own server when it set one (its
 * password only in the secret store), skipped without a recipient, failed after retries when the server is down,
 * once per event; settings only for admins, timelines only of the company's own documents.
 */
abstract class EmailContract extends MoneyApiTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired AuditTrail audit;
    @Autowired CompanyDatabases databases;
    @Autowired org.fieldstone.tenancy.CompanySettings settings;
    @Autowired org.fieldstone.tenancy.SecretStore secrets;
    @Autowired org.fieldstone.tenancy.RecordStore store;
    @Autowired org.fieldstone.tenancy.FieldProtection protection;
    @Autowired org.fieldstone.tenancy.Companies companies;
    @Autowired org.fieldstone.quotes.Quotes quotes;
    @Autowired org.fieldstone.invoices.Invoices invoices;
    @Autowired org.fieldstone.clients.Clients clients;
    @Autowired Mailer mailer;
    @Autowired DocumentLinks links;
    @org.springframework.beans.factory.annotation.Value("${server.port}") int port;
    @Autowired org.springframework.context.MessageSource messages;

    /** A client of company a with an address no other test sends to: {clientId, propertyId, email}. */
    private String[] clientWithOwnEmail(String key, String name) {
        String email = "client-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode c = created(api.post("/api/v1/clients", key, """
                {"name": "%s", "email": "%s",
                 "property": {"street": "Seestrasse 5", "postalCode": "8002", "city": "Zürich"}}""".formatted(name, email)));
        String id = c.get("id").asString();
        String pid = body(api.get("/api/v1/clients/" + id + "/properties", key)).get(0).get("id").asString();
        return new String[] {id, pid, email};
    }

    private JsonNode draftQuote(String key, String[] client, String taxRate) {
        return created(api.post(QUOTES, key, """
                {"clientId": "%s", "propertyId": "%s", "title": "Boiler", "lineItems": [{"description": "Work",
                 "quantity": 2, "unitPrice": 10000%s}]}""".formatted(client[0], client[1],
                taxRate == null ? "" : ", \"taxRateId\": \"" + taxRate + "\"")));
    }

    private JsonNode emailsOf(String path, String key, int atLeast) {
        long until = System.nanoTime() + WAIT.toNanos();
        JsonNode emails = ok(api.get(path + "/emails", key));
        while (emails.size() < atLeast && System.nanoTime() < until) {
            sleep();
            emails = ok(api.get(path + "/emails", key));
        }
        return emails;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSentQuoteIsEmailedToItsClientWithTheTemplateAndEachRevisionIsOnItsTimeline() throws Exception {
        String[] client = clientWithOwnEmail(owner, "Ada Lovelace");
        JsonNode sent = act(QUOTES, "send", owner, draftQuote(owner, client, vat), null);
        String number = sent.get("number").asString();
        String path = QUOTES + "/" + sent.get("id").asString();

        List<MimeMessage> received = TestMail.awaitFor(TestMail.platform(), client[2], 1, WAIT);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.getFirst();
        assertThat(mail.getSubject()).isEqualTo("Quote " + number + " from " + a.company.name());
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("fieldstone@platform.test");
        String text = GreenMailUtil.getBody(mail);
        assertThat(text).contains("Hello Ada Lovelace").contains("quote " + number).contains("CHF 216.20")
                .contains(sent.get("expiresOn").asString()).doesNotContain("{{");

        JsonNode emails = emailsOf(path, readOnly, 1);
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).get("revision").asInt()).isEqualTo(1);
        assertThat(emails.get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(emails.get(0).get("to").asString()).isEqualTo(client[2]);
        assertThat(emails.get(0).get("subject").asString()).isEqualTo(mail.getSubject());
        assertThat(emails.get(0).get("messageId").asString()).isEqualTo(mail.getMessageID());
        assertThat(emails.get(0).get("reason").isNull()).as("the quote's PDF attached").isTrue();
        byte[] attached = pdfAttachment(mail, number + ".pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(attached)) {
            assertThat(org.fieldstone.support.PdfText.text(pdf)).contains("Quote " + number,
                    org.fieldstone.support.PdfText.money(sent, "total", java.util.Locale.of("en", "CH")));
        }
        // the recipient is sealed at rest
        String stored = databases.of(a.company.id()).jdbc().sql("SELECT to_address FROM sent_emails WHERE document_id = :id")
                .param("id", sent.get("id").asString()).query(String.class).single();
        assertThat(stored).isNotEqualTo(client[2]).doesNotContain("@");

        JsonNode revised = ok(api.patch(path, owner, etag(sent), "{\"title\": \"Boiler, revised\"}"));
        assertThat(revised.get("revision").asInt()).isEqualTo(2);
        act(QUOTES, "send", owner, revised, null);
        assertThat(TestMail.awaitFor(TestMail.platform(), client[2], 2, WAIT)).hasSize(2);
        emails = emailsOf(path, owner, 2);
        assertThat(emails).hasSize(2);
        assertThat(emails.get(1).get("revision").asInt()).isEqualTo(2);
        assertThat(emails.get(1).get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void aSentInvoiceIsEmailedWithItsDueDate() throws Exception {
        String[] client = clientWithOwnEmail(owner, "Charles Babbage");
        JsonNode draft = created(api.post(INVOICES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Repairs",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 10000, "taxRateId": "%s"}]}"""
                .formatted(client[0], client[1], vat)));
        JsonNode sent = act(INVOICES, "send", admin, draft, null);
        String number = sent.get("number").asString();

        List<MimeMessage> received = TestMail.awaitFor(TestMail.platform(), client[2], 1, WAIT);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getSubject()).isEqualTo("Invoice " + number + " from " + a.company.name());
        assertThat(GreenMailUtil.getBody(received.getFirst())).contains("Hello Charles Babbage").contains("CHF 108.10")
                .contains(sent.get("dueOn").asString());
        JsonNode emails = emailsOf(INVOICES + "/" + sent.get("id").asString(), readOnly, 1);
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(emails.get(0).get("revision").isNull()).isTrue();
        assertThat(emails.get(0).get("documentType").asString()).isEqualTo("INVOICE");
    }

    @Test
    void aClientWithoutEmailIsSkippedAndTheQuoteIsStillSent() {
        JsonNode c = created(api.post("/api/v1/clients", owner, """
                {"name": "No Mail", "property": {"street": "Bahnhofstrasse 1", "postalCode": "8001", "city": "Zürich"}}"""));
        String pid = body(api.get("/api/v1/clients/" + c.get("id").asString() + "/properties", owner)).get(0).get("id").asString();
        JsonNode sent = act(QUOTES, "send", owner, draftQuote(owner, new String[] {c.get("id").asString(), pid}, vat), null);
        String path = QUOTES + "/" + sent.get("id").asString();
        JsonNode emails = emailsOf(path, owner, 1);
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).get("status").asString()).isEqualTo("SKIPPED");
        assertThat(emails.get(0).get("reason").asString()).isEqualTo("no-recipient");
        assertThat(ok(api.get(path, owner)).get("status").asString()).isEqualTo("SENT");
    }

    @Test
    void theCompanysOwnServerAndTemplateAreUsedAndItsPasswordIsNeverShown() throws Exception {
        TestCompany c = fixtures.companyWithEveryRole("email-own");
        String admin = c.keys.get(Role.ADMIN);
        String[] client = clientWithOwnEmail(admin, "Grace Own");
        GreenMail own = TestMail.company();
        List<String> logs = new ArrayList<>();
        logs.addAll(CapturedLogs.during(() -> {
            JsonNode saved = ok(api.put("/api/v1/settings/email", admin, """
                    {"host": "127.0.0.1", "port": %d, "username": "%s", "password": "%s", "security": "NONE",
                     "fromAddress": "office@own.test", "fromName": "Own Office", "replyTo": "replies@own.test"}"""
                    .formatted(own.getSmtp().getPort(), TestMail.COMPANY_USER, TestMail.COMPANY_PASSWORD)));
            assertThat(saved.get("passwordSet").asBoolean()).isTrue();
            assertThat(saved.has("password")).isFalse();
            assertThat(saved.toString()).doesNotContain(TestMail.COMPANY_PASSWORD);
            Response read = api.get("/api/v1/settings/email", admin);
            assertThat(read.body()).doesNotContain(TestMail.COMPANY_PASSWORD).contains("\"passwordSet\":true")
                    .contains("office@own.test");
            ok(api.put("/api/v1/settings/email/templates/quote", admin, """
                    {"subject": "Your offer {{document.number}} – {{client.name}}",
                     "body": "Dear {{client.name}}, total {{document.total}}. {{company.name}}"}"""));
            act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                    {"clientId": "%s", "propertyId": "%s", "title": "Own", "lineItems": [{"description": "Work",
                     "quantity": 1, "unitPrice": 5000}]}""".formatted(client[0], client[1]))), null);
            assertThat(TestMail.awaitFor(own, client[2], 1, WAIT)).hasSize(1);
        }));
        MimeMessage mail = TestMail.messagesFor(own, client[2]).getFirst();
        assertThat(mail.getSubject()).startsWith("Your offer Q-").endsWith(" – Grace Own");
        assertThat(GreenMailUtil.getBody(mail)).contains("Dear Grace Own, total CHF 50.00. " + c.company.name());
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("office@own.test");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Own Office");
        assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress()).isEqualTo("replies@own.test");
        assertThat(TestMail.messagesFor(TestMail.platform(), client[2])).as("not through the platform's server").isEmpty();

        assertThat(logs).noneMatch(line -> line.contains(TestMail.COMPANY_PASSWORD));
        List<String> trail = new ArrayList<>();
        audit.forEach(c.company.id(), databases.of(c.company.id()).jdbc(), AuditQuery.ALL, e -> trail.add(e.toString()));
        assertThat(trail).anyMatch(e -> e.contains("messaging.smtp")).anyMatch(e -> e.contains("smtp.password"))
                .noneMatch(e -> e.contains(TestMail.COMPANY_PASSWORD));

        // an absent password is kept; null removes it
        assertThat(ok(api.put("/api/v1/settings/email", admin, "{\"fromName\": \"Own\"}")).get("passwordSet").asBoolean()).isTrue();
        assertThat(ok(api.put("/api/v1/settings/email", admin, "{\"password\": null}")).get("passwordSet").asBoolean()).isFalse();
    }

    @Test
    void anUnreachableServerIsTriedAgainThenRecordedAsFailedAndTheQuoteStaysSent() {
        TestCompany c = fixtures.companyWithEveryRole("email-down");
        String admin = c.keys.get(Role.ADMIN);
        String[] client = clientWithOwnEmail(admin, "Down Town");
        ok(api.put("/api/v1/settings/email", admin, """
                {"host": "127.0.0.1", "port": %d, "security": "NONE", "fromAddress": "office@down.test"}"""
                .formatted(closedPort())));
        JsonNode sent = act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Down", "lineItems": [{"description": "Work",
                 "quantity": 1, "unitPrice": 5000}]}""".formatted(client[0], client[1]))), null);
        String path = QUOTES + "/" + sent.get("id").asString();
        long until = System.nanoTime() + WAIT.toNanos();
        Integer attempts = null;
        while (System.nanoTime() < until) {
            attempts = databases.of(c.company.id()).jdbc().sql("SELECT attempts FROM sent_emails WHERE document_id = :id")
                    .param("id", sent.get("id").asString()).query(Integer.class).optional().orElse(null);
            if (attempts != null && attempts >= 3) {
                break;
            }
            sleep();
        }
        assertThat(attempts).as("fieldstone.mail.max-attempts of the tests").isEqualTo(3);
        JsonNode emails = ok(api.get(path + "/emails", admin));
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(emails.get(0).get("reason").asString()).isNotBlank();
        assertThat(ok(api.get(path, admin)).get("status").asString()).isEqualTo("SENT");
        // given up: no further attempt
        sleep();
        sleep();
        assertThat(databases.of(c.company.id()).jdbc().sql("SELECT attempts FROM sent_emails WHERE document_id = :id")
                .param("id", sent.get("id").asString()).query(Integer.class).single()).isEqualTo(3);
    }

    /** The one PDF attached to a mail, by its file name. */
    private static byte[] pdfAttachment(MimeMessage mail, String fileName) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if ("application/pdf".equalsIgnoreCase(part.getContentType().split(";")[0].strip())) {
                assertThat(part.getFileName()).isEqualTo(fileName);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                part.getInputStream().transferTo(bytes);
                assertThat(new String(bytes.toByteArray(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
                return bytes.toByteArray();
            }
        }
        throw new AssertionError("no PDF attached to " + mail.getSubject());
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theSameEventTwiceSendsOneEmailAndAPdfIsAttachedWhenThereIsOne() throws Exception {
        String[] client = clientWithOwnEmail(owner, "Twice Told");
        JsonNode sent = act(QUOTES, "send", owner, draftQuote(owner, client, vat), null);
        assertThat(TestMail.awaitFor(TestMail.platform(), client[2], 1, WAIT)).hasSize(1);

        // the listener itself, with a PDF renderer, called twice with one event id
        byte[] pdf = "%PDF-1.7 test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DocumentPdfs pdfs = new DocumentPdfs() {
            @Override
            public byte[] quote(Actor actor, String quoteId) {
                return pdf;
            }

            @Override
            public byte[] invoice(Actor actor, String invoiceId) {
                return pdf;
            }
        };
        EmailService withPdfs = new EmailService(databases, settings, secrets, store, protection, companies, quotes,
                invoices, clients, new StaticListableBeanFactory(Map.of("pdfs", pdfs)).getBeanProvider(DocumentPdfs.class),
                mailer, links, messages, 3, true);
        UUID eventId = UUID.randomUUID();
        var event = new QuoteEvents.QuoteSent(a.company.id(), sent.get("id").asString(), sent.get("number").asString(), 1,
                Instant.now());
        withPdfs.quoteSent(event, eventId);
        withPdfs.quoteSent(event, eventId);
        List<MimeMessage> received = TestMail.awaitFor(TestMail.platform(), client[2], 3, Duration.ofSeconds(2));
        assertThat(received).as("one email for the outbox's event, one for the event delivered twice").hasSize(2);
        Multipart parts = (Multipart) received.get(1).getContent();
        BodyPart attachment = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if ("application/pdf".equalsIgnoreCase(parts.getBodyPart(i).getContentType().split(";")[0].strip())) {
                attachment = parts.getBodyPart(i);
            }
        }
        assertThat(attachment).isNotNull();
        assertThat(attachment.getFileName()).isEqualTo(sent.get("number").asString() + ".pdf");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        attachment.getInputStream().transferTo(bytes);
        assertThat(bytes.toByteArray()).isEqualTo(pdf);
        JsonNode emails = ok(api.get(QUOTES + "/" + sent.get("id").asString() + "/emails", owner));
        assertThat(emails).hasSize(2);
        assertThat(emails).as("both with their PDF attached").allMatch(e -> e.get("reason").isNull());
    }

    @Test
    void settingsEmailIsAFormForAdminsWithCsrfFieldMessagesAndPostRedirectGet() {
        TestCompany c = fixtures.companyWithEveryRole("email-page");
        String page = "/c/" + c.slug() + "/settings/email";
        Https admin = new Https(port);
        assertThat(admin.signIn(c.slug(), c.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        Response shown = admin.get(page);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("id=\"email-settings\"").contains("Quote {{document.number}} from {{company.name}}");

        Response bad = admin.post(page, Map.of("host", "smtp.own.test", "port", "99999", "fromAddress", "not an address",
                "security", "STARTTLS", "password", "Form-Pa55word-9876"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("field-error").contains("The port is a number from 1 to 65535.")
                .doesNotContain("Form-Pa55word-9876");
        assertThat(secrets.reveal(c.company.id(), EmailService.PASSWORD)).isEmpty();

        Response saved = admin.post(page, Map.of("host", "smtp.own.test", "port", "2525", "fromAddress", "office@own.test",
                "security", "STARTTLS", "password", "Form-Pa55word-9876"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith(page + "?notice=saved");
        assertThat(secrets.reveal(c.company.id(), EmailService.PASSWORD)).contains("Form-Pa55word-9876");
        Response after = admin.get(page + "?notice=saved");
        assertThat(after.body()).contains("The email settings were saved.").contains("smtp.own.test")
                .contains("A password is set").doesNotContain("Form-Pa55word-9876");

        // the company's server (smtp.own.test) does not exist: the test email says why it was not sent
        Response test = admin.post(page + "/test", Map.of());
        assertThat(test.status()).isEqualTo(502);
        assertThat(test.body()).contains("The test email was not sent: ");

        Response template = admin.post(page + "/templates/invoice", Map.of("subject", "Invoice {{number}}", "body", "x"));
        assertThat(template.status()).isEqualTo(400);
        assertThat(template.body()).contains("Unknown placeholder: number");
        assertThat(admin.postRaw(page, Map.of("host", "smtp.evil.test", "port", "25", "fromAddress", "a@evil.test",
                "security", "NONE")).status()).as("without the CSRF token").isEqualTo(403);

        Https reader = new Https(port);
        assertThat(reader.signIn(c.slug(), c.users.get(Role.READ_ONLY).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(reader.get(page).status()).isEqualTo(403);
        assertThat(reader.get("/c/" + c.slug() + "/settings").body()).doesNotContain("/settings/email");
        assertThat(reader.post(page, Map.of("host", "smtp.evil.test", "port", "25", "fromAddress", "a@evil.test",
                "security", "NONE")).status()).isEqualTo(403);
        assertThat(ok(api.get("/api/v1/settings/email", c.keys.get(Role.OWNER))).get("host").asString()).isEqualTo("smtp.own.test");
    }

    @Test
    void aTestEmailGoesToTheCallerThroughThePlatformsServer() {
        TestCompany c = fixtures.companyWithEveryRole("email-test");
        String to = c.users.get(Role.ADMIN).email().value();
        JsonNode answer = ok(api.post("/api/v1/settings/email/test", c.keys.get(Role.ADMIN), null));
        assertThat(answer.get("sent").asBoolean()).isTrue();
        assertThat(answer.get("to").asString()).isEqualTo(to);
        assertThat(TestMail.awaitFor(TestMail.platform(), to, 1, WAIT)).hasSize(1);
        assertProblem(api.post("/api/v1/settings/email/test", c.keys.get(Role.USER), null), 403);
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderIsRefusedAndChangesNothing() {
        JsonNode before = ok(api.get("/api/v1/settings/email/templates/invoice", admin));
        Response r = api.put("/api/v1/settings/email/templates/invoice", admin,
                "{\"subject\": \"Invoice {{document.number}}\", \"body\": \"Hi {{T(java.lang.Runtime).getRuntime()}}\"}");
        assertProblem(r, 400);
        assertThat(r.body()).contains("body");
        assertProblem(api.put("/api/v1/settings/email/templates/invoice", admin,
                "{\"subject\": \"{{client.password}}\", \"body\": \"x\"}"), 400);
        assertProblem(api.put("/api/v1/settings/email/templates/invoice", admin,
                "{\"subject\": \"Two\\nlines\", \"body\": \"x\"}"), 400);
        assertProblem(api.put("/api/v1/settings/email/templates/letter", admin, "{\"subject\": \"x\"}"), 404);
        assertThat(ok(api.get("/api/v1/settings/email/templates/invoice", admin))).isEqualTo(before);
        assertThat(before.get("subject").asString()).isEqualTo("Invoice {{document.number}} from {{company.name}}");
    }

    @Test
    void onlyAdminsChangeEmailSettingsAndAnotherCompanysDocumentsAreNotFound() {
        for (String key : List.of(readOnly, user)) {
            assertProblem(api.get("/api/v1/settings/email", key), 403);
            assertProblem(api.put("/api/v1/settings/email", key, "{\"host\": \"smtp.evil.test\"}"), 403);
            assertProblem(api.put("/api/v1/settings/email/templates/quote", key, "{\"subject\": \"x\"}"), 403);
        }
        assertThat(ok(api.get("/api/v1/settings/email", admin)).get("host").asString()).isEmpty();
        assertProblem(api.put("/api/v1/settings/email", admin, "{\"host\": \"smtp.test\", \"port\": 70000}"), 400);
        assertProblem(api.put("/api/v1/settings/email", admin, "{\"host\": \"smtp.test\", \"security\": \"SSLv2\"}"), 400);
        assertThat(ok(api.get("/api/v1/settings/email", admin)).get("host").asString()).isEmpty();

        JsonNode quote = act(QUOTES, "send", owner, simpleQuote("Secret"), null);
        String other = b.keys.get(Role.OWNER);
        assertProblem(api.get(QUOTES + "/" + quote.get("id").asString() + "/emails", other), 404);
        JsonNode invoice = created(api.post(INVOICES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Repairs",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 10000}]}""".formatted(clientId, propertyId)));
        assertProblem(api.get(INVOICES + "/" + invoice.get("id").asString() + "/emails", other), 404);
        assertProblem(api.get(QUOTES + "/" + UUID.randomUUID() + "/emails", owner), 404);
        assertThat(Optional.ofNullable(ok(api.get(INVOICES + "/" + invoice.get("id").asString() + "/emails", readOnly))))
                .get().matches(JsonNode::isEmpty, "a draft has no emails");
    }
}
