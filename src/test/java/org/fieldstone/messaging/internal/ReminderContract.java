package org.fieldstone.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.messaging.Reminders;
import org.fieldstone.portal.PortalEvents;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestMail;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.DomainEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Reminders, office notices and portal links by email, on a real SMTP server (GreenMail): an overdue invoice is
 * reminded on the day it becomes overdue and again 3 and 10 days after its due date, never otherwise and never twice —
 * not even by two runs at once; a quote a few days before it expires; a client who opted out or has no address gets
 * none (recorded as skipped); the settings are the admins' and refuse bad days; the office hears of the customer's
 * decisions on the portal with the signature's name; a document's email carries a fresh share link, and a customer's
 * request for a new link mails only the address on file. The job's clock is the application's {@code TestClock}.
 */
abstract class ReminderContract extends MoneyApiTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LINK = Pattern.compile("https://[^\\s/]+/p/([A-Za-z0-9]{24})(?![A-Za-z0-9])");

    @Autowired Reminders reminders;
    @Autowired ReminderJob job;
    @Autowired CompanyDatabases databases;
    @Autowired DomainEvents events;
    @Autowired org.fieldstone.quotes.Quotes quotes;
    @Autowired EmailTimeline timeline;
    @Autowired org.springframework.context.MessageSource messages;
    @org.springframework.beans.factory.annotation.Value("${server.port}") int port;

    /** A client with an address no other test sends to: {clientId, propertyId, email}. */
    private String[] client(String key, String name, boolean remindersOff) {
        String email = "rem-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode c = created(api.post("/api/v1/clients", key, """
                {"name": "%s", "email": "%s", "remindersOff": %s,
                 "property": {"street": "Seestrasse 5", "postalCode": "8002", "city": "Zürich"}}"""
                .formatted(name, email, remindersOff)));
        assertThat(c.get("remindersOff").asBoolean()).isEqualTo(remindersOff);
        String id = c.get("id").asString();
        String pid = body(api.get("/api/v1/clients/" + id + "/properties", key)).get(0).get("id").asString();
        return new String[] {id, pid, email};
    }

    /** A sent invoice of the client, due tomorrow. */
    private JsonNode invoiceDueTomorrow(String key, String clientId) {
        return act(INVOICES, "send", key, created(api.post(INVOICES, key, """
                {"clientId": "%s", "title": "Repairs", "paymentTermsDays": 1,
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 12000}]}""".formatted(clientId))), null);
    }

    private List<MimeMessage> reminderMails(String to) {
        return TestMail.messagesFor(TestMail.platform(), to).stream().filter(m -> subject(m).startsWith("Reminder:")).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<MimeMessage> awaitReminders(String to, int count) {
        long until = System.nanoTime() + WAIT.toNanos();
        List<MimeMessage> found = reminderMails(to);
        while (found.size() < count && System.nanoTime() < until) {
            pause(100);
            found = reminderMails(to);
        }
        return found;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void advanceDays(int days) {
        clock.advance(Duration.ofDays(days));
    }

    private static List<JsonNode> kind(JsonNode emails, String kind) {
        List<JsonNode> found = new ArrayList<>();
        emails.forEach(e -> {
            if (e.get("kind").asString().equals(kind)) {
                found.add(e);
            }
        });
        return found;
    }

    @Test
    void anOverdueInvoiceIsRemindedOnTheDayAndAgainAfterThreeAndTenDaysAndNeverOtherwise() throws Exception {
        TestCompany c = fixtures.companyWithEveryRole("rem-overdue");
        String admin = c.keys.get(Role.ADMIN);
        String[] client = client(admin, "Ada Late", false);
        JsonNode invoice = invoiceDueTomorrow(admin, client[0]);
        String number = invoice.get("number").asString();
        assertThat(TestMail.awaitFor(TestMail.platform(), client[2], 1, WAIT)).as("the invoice itself").hasSize(1);

        assertThat(reminders.sendDue(c.company.id())).as("due tomorrow: nothing yet").isZero();
        advanceDays(1);
        assertThat(reminders.sendDue(c.company.id())).as("due today: not overdue").isZero();
        advanceDays(1);
        assertThat(reminders.sendDue(c.company.id())).as("the day it becomes overdue").isEqualTo(1);
        assertThat(reminders.sendDue(c.company.id())).as("a second run the same day").isZero();
        List<MimeMessage> first = awaitReminders(client[2], 1);
        assertThat(first).hasSize(1);
        assertThat(subject(first.getFirst())).isEqualTo("Reminder: invoice " + number + " from " + c.company.name() + " is overdue");
        String text = GreenMailUtil.getBody(first.getFirst());
        assertThat(text).contains("Hello Ada Late").contains(invoice.get("dueOn").asString()).contains("CHF 120.00")
                .doesNotContain("{{");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a portal link in: %s", text).isTrue();

        advanceDays(1);
        assertThat(reminders.sendDue(c.company.id())).as("two days overdue").isZero();
        advanceDays(1);
        assertThat(reminders.sendDue(c.company.id())).as("three days after the due date").isEqualTo(1);
        advanceDays(6);
        assertThat(reminders.sendDue(c.company.id())).as("nine days after").isZero();
        advanceDays(1);
        assertThat(job.runOnce()).as("ten days after, by the job over every company").isGreaterThanOrEqualTo(1);
        advanceDays(1);
        assertThat(reminders.sendDue(c.company.id())).isZero();
        assertThat(awaitReminders(client[2], 3)).hasSize(3);
        pause(300);
        assertThat(reminderMails(client[2])).as("never more").hasSize(3);

        JsonNode emails = ok(api.get(INVOICES + "/" + invoice.get("id").asString() + "/emails", c.keys.get(Role.READ_ONLY)));
        assertThat(kind(emails, "DOCUMENT")).hasSize(1);
        assertThat(kind(emails, "REMINDER")).hasSize(3).allMatch(e -> e.get("status").asString().equals("SENT")
                && e.get("to").asString().equals(client[2]));
        // the timeline of the invoice's page says so
        List<String> entries = timeline.entries(Actor.system(c.company.id(), org.fieldstone.shared.Channel.SYSTEM),
                org.fieldstone.pricing.DocumentTimeline.Document.INVOICE, invoice.get("id").asString()).stream()
                .map(e -> e.what().resolve(messages, java.util.Locale.ENGLISH)).toList();
        assertThat(entries).filteredOn(t -> t.equals("Reminder emailed to " + client[2])).hasSize(3);
        Https page = new Https(port);
        assertThat(page.signIn(c.slug(), c.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(page.get("/c/" + c.slug() + "/invoices/" + invoice.get("id").asString()).body())
                .contains("Reminder emailed to " + client[2]);

        // paid: no more reminders, whatever the day
        created(api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", admin, """
                {"amount": 12000, "method": "CASH"}"""));
        advanceDays(1);
        assertThat(reminders.sendDue(c.company.id())).isZero();
    }

    @Test
    void aClientWhoOptedOutOrHasNoEmailGetsNoReminderAndTheSkipIsRecorded() {
        TestCompany c = fixtures.companyWithEveryRole("rem-optout");
        String admin = c.keys.get(Role.ADMIN);
        String[] optedOut = client(admin, "Opted Out", true);
        JsonNode noMailClient = created(api.post("/api/v1/clients", admin, """
                {"name": "No Mail", "property": {"street": "Bahnhofstrasse 1", "postalCode": "8001", "city": "Zürich"}}"""));
        JsonNode a = invoiceDueTomorrow(admin, optedOut[0]);
        JsonNode b = invoiceDueTomorrow(admin, noMailClient.get("id").asString());
        assertThat(TestMail.awaitFor(TestMail.platform(), optedOut[2], 1, WAIT)).as("the invoice is still sent").hasSize(1);
        advanceDays(2);
        assertThat(reminders.sendDue(c.company.id())).isEqualTo(2);
        assertThat(reminders.sendDue(c.company.id())).as("skipped once, for good").isZero();
        pause(300);
        assertThat(reminderMails(optedOut[2])).isEmpty();
        JsonNode skippedA = kind(ok(api.get(INVOICES + "/" + a.get("id").asString() + "/emails", admin)), "REMINDER").getFirst();
        assertThat(skippedA.get("status").asString()).isEqualTo("SKIPPED");
        assertThat(skippedA.get("reason").asString()).isEqualTo("opted-out");
        JsonNode skippedB = kind(ok(api.get(INVOICES + "/" + b.get("id").asString() + "/emails", admin)), "REMINDER").getFirst();
        assertThat(skippedB.get("status").asString()).isEqualTo("SKIPPED");
        assertThat(skippedB.get("reason").asString()).isEqualTo("no-recipient");

        // the opt-out is the client's, changed like any field, and shown on the client's page
        JsonNode read = ok(api.get("/api/v1/clients/" + optedOut[0], admin));
        assertThat(read.get("remindersOff").asBoolean()).isTrue();
        assertProblem(api.patch("/api/v1/clients/" + optedOut[0], admin, etag(read), "{\"remindersOff\": \"no\"}"), 400);
        JsonNode back = ok(api.patch("/api/v1/clients/" + optedOut[0], admin, etag(read), "{\"remindersOff\": false}"));
        assertThat(back.get("remindersOff").asBoolean()).isFalse();
        Https page = new Https(port);
        assertThat(page.signIn(c.slug(), c.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        Response edit = page.get("/c/" + c.slug() + "/clients/" + optedOut[0] + "/edit");
        assertThat(edit.body()).contains("name=\"remindersOff\"");
        Response saved = page.post("/c/" + c.slug() + "/clients/" + optedOut[0], Map.of("version", back.get("version").asString(),
                "name", "Opted Out", "email", optedOut[2], "remindersOff", "true"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(ok(api.get("/api/v1/clients/" + optedOut[0], admin)).get("remindersOff").asBoolean()).isTrue();
        assertThat(page.get("/c/" + c.slug() + "/clients/" + optedOut[0]).body()).contains("Opted out: no reminders");
    }

    @Test
    void aQuoteIsRemindedDaysBeforeItExpiresOnce() {
        TestCompany c = fixtures.companyWithEveryRole("rem-quote");
        String admin = c.keys.get(Role.ADMIN);
        String[] client = client(admin, "Quentin Quote", false);
        LocalDate today = LocalDate.now(clock.withZone(c.company.timeZone()));
        JsonNode quote = act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Roof", "expiresOn": "%s",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 30000}]}"""
                .formatted(client[0], client[1], today.plusDays(5)))), null);
        assertThat(TestMail.awaitFor(TestMail.platform(), client[2], 1, WAIT)).hasSize(1);
        assertThat(reminders.sendDue(c.company.id())).as("five days left").isZero();
        advanceDays(2);
        assertThat(reminders.sendDue(c.company.id())).as("three days left").isEqualTo(1);
        advanceDays(1);
        assertThat(reminders.sendDue(c.company.id())).as("once").isZero();
        List<MimeMessage> mails = awaitReminders(client[2], 1);
        assertThat(mails).hasSize(1);
        assertThat(subject(mails.getFirst())).isEqualTo("Reminder: quote " + quote.get("number").asString() + " from "
                + c.company.name() + " is valid until " + today.plusDays(5));
        assertThat(LINK.matcher(GreenMailUtil.getBody(mails.getFirst())).find()).isTrue();

        // switched off: nothing for the next quote
        ok(api.put("/api/v1/settings/reminders", admin, "{\"quoteReminders\": false}"));
        LocalDate now = LocalDate.now(clock.withZone(c.company.timeZone()));
        act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Roof 2", "expiresOn": "%s",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 30000}]}"""
                .formatted(client[0], client[1], now.plusDays(1)))), null);
        assertThat(reminders.sendDue(c.company.id())).isZero();
    }

    @Test
    void twoConcurrentRunsSendEachReminderExactlyOnce() throws Exception {
        TestCompany c = fixtures.companyWithEveryRole("rem-race");
        String admin = c.keys.get(Role.ADMIN);
        List<String[]> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String[] client = client(admin, "Racer " + i, false);
            clients.add(client);
            invoiceDueTomorrow(admin, client[0]);
        }
        advanceDays(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Integer> run = () -> {
                start.await();
                return reminders.sendDue(c.company.id());
            };
            Future<Integer> one = pool.submit(run);
            Future<Integer> two = pool.submit(run);
            start.countDown();
            assertThat(one.get() + two.get()).as("each of the four claimed by one run").isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(reminders.sendDue(c.company.id())).isZero();
        for (String[] client : clients) {
            assertThat(awaitReminders(client[2], 1)).hasSize(1);
        }
        pause(500);
        for (String[] client : clients) {
            assertThat(reminderMails(client[2])).as("exactly once to " + client[2]).hasSize(1);
        }
        CompanyDatabase db = databases.of(c.company.id());
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM sent_emails WHERE kind = 'reminder' AND status = 'SENT'")
                .query(Long.class).single()).isEqualTo(4L);
    }

    @Test
    void reminderSettingsAreTheAdminsAndRefuseBadDays() {
        TestCompany c = fixtures.companyWithEveryRole("rem-settings");
        String admin = c.keys.get(Role.ADMIN);
        JsonNode defaults = ok(api.get("/api/v1/settings/reminders", admin));
        assertThat(defaults.get("invoiceReminders").asBoolean()).isTrue();
        assertThat(defaults.get("invoiceReminderDays").toString()).isEqualTo("[3,10]");
        assertThat(defaults.get("quoteReminders").asBoolean()).isTrue();
        assertThat(defaults.get("quoteReminderDaysBefore").asInt()).isEqualTo(3);
        for (String weaker : List.of(c.keys.get(Role.USER), c.keys.get(Role.READ_ONLY))) {
            assertProblem(api.get("/api/v1/settings/reminders", weaker), 403);
            assertProblem(api.put("/api/v1/settings/reminders", weaker, "{\"invoiceReminders\": false}"), 403);
        }
        for (String bad : List.of("{\"invoiceReminderDays\": [0, 10]}", "{\"invoiceReminderDays\": [3, 400]}",
                "{\"invoiceReminderDays\": [3, 3]}", "{\"invoiceReminderDays\": [1, 2, 3, 4, 5, 6, 7]}",
                "{\"invoiceReminderDays\": \"3, 10\"}", "{\"invoiceReminderDays\": [2.5]}")) {
            Response r = api.put("/api/v1/settings/reminders", admin, bad);
            assertProblem(r, 400);
            assertThat(r.body()).as(bad).contains("invoiceReminderDays");
        }
        for (String bad : List.of("{\"quoteReminderDaysBefore\": 0}", "{\"quoteReminderDaysBefore\": 91}",
                "{\"quoteReminderDaysBefore\": \"3\"}")) {
            Response r = api.put("/api/v1/settings/reminders", admin, bad);
            assertProblem(r, 400);
            assertThat(r.body()).as(bad).contains("quoteReminderDaysBefore");
        }
        assertProblem(api.put("/api/v1/settings/reminders", admin, "{\"weekly\": true}"), 400);
        assertThat(ok(api.get("/api/v1/settings/reminders", admin))).as("nothing changed").isEqualTo(defaults);
        JsonNode changed = ok(api.put("/api/v1/settings/reminders", admin,
                "{\"invoiceReminderDays\": [14, 5], \"quoteReminderDaysBefore\": 7, \"invoiceReminders\": false}"));
        assertThat(changed.get("invoiceReminderDays").toString()).isEqualTo("[5,14]");
        assertThat(changed.get("quoteReminderDaysBefore").asInt()).isEqualTo(7);
        assertThat(changed.get("invoiceReminders").asBoolean()).isFalse();
        assertThat(changed.get("quoteReminders").asBoolean()).as("absent: kept").isTrue();
        assertProblem(api.get("/api/v1/settings/reminders", b.keys.get(Role.READ_ONLY)), 403);

        String page = "/c/" + c.slug() + "/settings/reminders";
        Https office = new Https(port);
        assertThat(office.signIn(c.slug(), c.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(office.get("/c/" + c.slug() + "/settings").body()).contains("/settings/reminders");
        Response shown = office.get(page);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("id=\"reminders-form\"").contains("value=\"5, 14\"");
        Response bad = office.post(page, Map.of("invoiceReminders", "true", "invoiceReminderDays", "3, ten",
                "quoteReminders", "true", "quoteReminderDaysBefore", "3"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("field-error").contains("Days after the due date are whole numbers");
        Response saved = office.post(page, Map.of("invoiceReminders", "true", "invoiceReminderDays", "2, 9",
                "quoteReminderDaysBefore", "4"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith(page + "?notice=saved");
        JsonNode now = ok(api.get("/api/v1/settings/reminders", admin));
        assertThat(now.get("invoiceReminderDays").toString()).isEqualTo("[2,9]");
        assertThat(now.get("quoteReminders").asBoolean()).as("an unticked box").isFalse();
        assertThat(now.get("quoteReminderDaysBefore").asInt()).isEqualTo(4);

        Https user = new Https(port);
        assertThat(user.signIn(c.slug(), c.users.get(Role.USER).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(user.get(page).status()).isEqualTo(403);
        assertThat(user.post(page, Map.of("invoiceReminderDays", "1")).status()).isEqualTo(403);
        assertThat(user.get("/c/" + c.slug() + "/settings").body()).doesNotContain("/settings/reminders");
    }

    @Test
    void theOfficeIsEmailedWhenTheCustomerDecidesOnThePortalAndNotWhenItRecordsItself() {
        TestCompany c = fixtures.companyWithEveryRole("rem-office");
        String admin = c.keys.get(Role.ADMIN);
        String[] client = client(admin, "Ada Customer", false);
        String ownerMail = c.users.get(Role.OWNER).email().value();
        String adminMail = c.users.get(Role.ADMIN).email().value();
        String userMail = c.users.get(Role.USER).email().value();
        JsonNode quote = act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Garden",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 30000}]}"""
                .formatted(client[0], client[1]))), null);
        Actor customer = Actor.customer(c.company.id(), "customer Ada Customer", "203.0.113.7", "Phone");
        quotes.approve(customer, quote.get("id").asString(), quote.get("version").asLong(), "Ada C. Customer", List.of());

        List<MimeMessage> toOwner = TestMail.awaitFor(TestMail.platform(), ownerMail, 1, WAIT);
        List<MimeMessage> toAdmin = TestMail.awaitFor(TestMail.platform(), adminMail, 1, WAIT);
        assertThat(toOwner).hasSize(1);
        assertThat(toAdmin).hasSize(1);
        String number = quote.get("number").asString();
        assertThat(subject(toOwner.getFirst())).isEqualTo("Quote " + number + " approved by Ada Customer");
        assertThat(GreenMailUtil.getBody(toOwner.getFirst())).contains("Ada C. Customer").contains(number)
                .contains("/c/" + c.slug() + "/quotes/" + quote.get("id").asString()).doesNotContain("{{");
        assertThat(TestMail.messagesFor(TestMail.platform(), userMail)).as("users are not told").isEmpty();
        JsonNode emails = ok(api.get(QUOTES + "/" + quote.get("id").asString() + "/emails", admin));
        assertThat(kind(emails, "OFFICE_NOTICE")).as("not on the client's email list").isEmpty();

        // asked for changes on the portal, with what they asked
        JsonNode second = act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Fence",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 10000}]}"""
                .formatted(client[0], client[1]))), null);
        quotes.requestChanges(customer, second.get("id").asString(), second.get("version").asLong(),
                "Please use larch instead of pine");
        List<MimeMessage> changes = TestMail.awaitFor(TestMail.platform(), ownerMail, 2, WAIT);
        assertThat(changes).hasSize(2);
        assertThat(GreenMailUtil.getBody(changes.get(1))).contains("Please use larch instead of pine");

        // the office records a decline itself: nobody is emailed
        JsonNode third = act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Shed",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 10000}]}"""
                .formatted(client[0], client[1]))), null);
        act(QUOTES, "decline", admin, third, "{\"reason\": \"Too dear\"}");
        pause(1000);
        assertThat(TestMail.messagesFor(TestMail.platform(), ownerMail)).hasSize(2);
    }

    @Test
    void aSentQuoteCarriesAFreshShareLinkAndANewLinkRequestMailsOnlyTheAddressOnFile() throws Exception {
        TestCompany c = fixtures.companyWithEveryRole("rem-links");
        String admin = c.keys.get(Role.ADMIN);
        String[] client = client(admin, "Lina Link", false);
        JsonNode quote = act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Pool",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 30000}]}"""
                .formatted(client[0], client[1]))), null);
        String id = quote.get("id").asString();
        List<MimeMessage> sent = TestMail.awaitFor(TestMail.platform(), client[2], 1, WAIT);
        assertThat(sent).hasSize(1);
        Matcher link = LINK.matcher(GreenMailUtil.getBody(sent.getFirst()));
        assertThat(link.find()).as(GreenMailUtil.getBody(sent.getFirst())).isTrue();
        String token = link.group(1);
        CompanyDatabase db = databases.of(c.company.id());
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM share_links WHERE document_id = :id").param("id", id)
                .query(Long.class).single()).as("one link record for the quote").isEqualTo(1L);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM share_links WHERE document_id = :id AND revoked_at IS NULL")
                .param("id", id).query(Long.class).single()).isEqualTo(1L);
        assertThat(ok(api.get(QUOTES + "/" + id + "/share-links", admin)).toString()).doesNotContain(token);

        // a visitor asks for a new link: it goes to the client's address on file, and to no one else
        int before = TestMail.platform().getReceivedMessages().length;
        db.inTransaction(() -> events.publish(db, new PortalEvents.NewLinkRequested(c.company.id(), ShareLinks.Kind.QUOTE,
                id, clock.instant())));
        List<MimeMessage> both = TestMail.awaitFor(TestMail.platform(), client[2], 2, WAIT);
        assertThat(both).hasSize(2);
        MimeMessage fresh = both.get(1);
        assertThat(subject(fresh)).isEqualTo("Your new link to quote " + quote.get("number").asString() + " from "
                + c.company.name());
        assertThat(Arrays.stream(fresh.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress()).toList())
                .containsExactly(client[2]);
        Matcher second = LINK.matcher(GreenMailUtil.getBody(fresh));
        assertThat(second.find()).isTrue();
        assertThat(second.group(1)).isNotEqualTo(token);
        pause(300);
        List<MimeMessage> since = Arrays.asList(TestMail.platform().getReceivedMessages()).subList(before,
                TestMail.platform().getReceivedMessages().length);
        for (MimeMessage m : since) {
            if (GreenMailUtil.getBody(m).contains(second.group(1))) {
                for (Address a : m.getAllRecipients()) {
                    assertThat(((InternetAddress) a).getAddress()).isEqualTo(client[2]);
                }
            }
        }
        JsonNode emails = ok(api.get(QUOTES + "/" + id + "/emails", admin));
        assertThat(kind(emails, "NEW_LINK")).hasSize(1).allMatch(e -> e.get("status").asString().equals("SENT"));
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM share_links WHERE document_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void aSendThatFailsForGoodLeavesNoLiveLink() {
        TestCompany c = fixtures.companyWithEveryRole("rem-down");
        String admin = c.keys.get(Role.ADMIN);
        String[] client = client(admin, "Down Link", false);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ok(api.put("/api/v1/settings/email", admin, """
                {"host": "127.0.0.1", "port": %d, "security": "NONE", "fromAddress": "office@down.test"}""".formatted(closed)));
        JsonNode quote = act(QUOTES, "send", admin, created(api.post(QUOTES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Down",
                 "lineItems": [{"description": "Work", "quantity": 1, "unitPrice": 5000}]}"""
                .formatted(client[0], client[1]))), null);
        String id = quote.get("id").asString();
        CompanyDatabase db = databases.of(c.company.id());
        long until = System.nanoTime() + WAIT.toNanos();
        Integer attempts = null;
        while (System.nanoTime() < until) {
            attempts = db.jdbc().sql("SELECT attempts FROM sent_emails WHERE document_id = :id").param("id", id)
                    .query(Integer.class).optional().orElse(null);
            if (attempts != null && attempts >= 3) {
                break;
            }
            pause(100);
        }
        assertThat(attempts).isEqualTo(3);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM share_links WHERE document_id = :id").param("id", id)
                .query(Long.class).single()).as("one link per attempt").isEqualTo(3L);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM share_links WHERE document_id = :id AND revoked_at IS NULL")
                .param("id", id).query(Long.class).single()).as("each revoked with its failed email").isZero();
    }
}
