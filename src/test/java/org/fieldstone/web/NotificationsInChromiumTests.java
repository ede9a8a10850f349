package org.fieldstone.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.notifications.Delivery;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.notifications.internal.Dispatcher;
import org.fieldstone.notifications.internal.VisitReminders;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.sms.TwilioSigning;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.FakeTelegram;
import org.fieldstone.support.FakeTwilio;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;

/**
 * Issue 16 end to end in a real browser: the owner connects Twilio (Settings → SMS, the connection test passes) and
 * a Telegram bot (Settings → Telegram, its @username shown) against the fake APIs, schedules a visit about a day
 * ahead on the job's page, the appointment reminders run, the client's phone (the fake Twilio) gets the reminder
 * naming the visit's time, the client answers {@code C} (a webhook POST signed as Twilio signs it) and the job's page
 * says the visit is confirmed by the client — with no console errors or CSP violations on the way.
 */
@SqliteApplicationTest
class NotificationsInChromiumTests {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    /** How the notifications render a visit's time ({@code visit.start}). */
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    static final DateTimeFormatter LOGGED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final String SENDER = "+41445550000";

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired VisitReminders reminders;
    @Autowired Dispatcher dispatcher;
    @Autowired Clock clock;
    @Autowired MessageSource messages;
    @Autowired Notifications notifications;
    @Value("${server.port}") int port;

    final FakeTwilio twilio = FakeTwilio.start();
    final FakeTelegram telegram = FakeTelegram.start();

    @Test
    void anAdminConnectsSmsAndTelegramTheClientGetsTheReminderRepliesCAndTheJobSaysConfirmed() {
        TestCompany c = fixtures.company("browser-notify");
        String slug = c.slug();
        String base = "https://localhost:" + port;
        Actor owner = new Actor(c.company.id(), Optional.of(c.owner().id()), c.owner().name(), c.owner().role(),
                Optional.empty(), Channel.WEB, null, null);
        String twilioToken = "test-twilio-token-not-real-" + UUID.randomUUID();
        String accountSid = twilio.account(twilioToken);
        String botToken = "123456:test-bot-token-not-real-" + UUID.randomUUID();
        String bot = "fieldstone_" + slug.replace('-', '_') + "_bot";
        telegram.register(botToken, bot);
        // the shared clock may stand at any hour: no quiet hours, so the reminder goes when the run queues it
        var quiet = new Https(port).json("PUT", "/api/v1/settings/notifications", c.apiKey(c.owner(), Optional.empty()),
                "{\"quietStart\": \"12:00\", \"quietEnd\": \"12:00\"}");
        assertThat(quiet.status()).as(quiet.body()).isEqualTo(200);
        Client client = clients.create(owner, new NewClient("Clara Reminder", null, "079 555 31 31", null, List.of()),
                new NewProperty(null, "Seestrasse 5", "Zürich", null, "8002", "CH", null, null));
        Job job = jobs.create(owner, NewJob.of(client.id(), clients.properties(owner, client.id()).getFirst().id(),
                "Boiler service", null));
        ZonedDateTime start = clock.instant().atZone(ZURICH).truncatedTo(ChronoUnit.MINUTES).plusHours(23);

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(1280, 900);
            Page page = window.page();
            window.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + slug + "/");

            // Settings → SMS: the fake Twilio account, then "Test connection"
            page.navigate(base + "/c/" + slug + "/settings");
            page.locator("#settings-sms a").click();
            assertThat(page).hasURL(base + "/c/" + slug + "/settings/sms");
            assertThat(page.locator("#sms-state")).hasAttribute("data-state", "off");
            page.locator("#sms-accountSid").fill(accountSid);
            page.locator("#sms-authToken").fill(twilioToken);
            page.locator("#sms-sender").fill(SENDER);
            page.locator("#save-sms").click();
            assertThat(page.locator("#notice")).hasText(text("sms.settings.saved"));
            assertThat(page.locator("#sms-state")).hasAttribute("data-state", "on");
            assertThat(page.locator("#sms-authToken")).hasValue("");
            assertThat(page.content()).doesNotContain(twilioToken);
            page.locator("#test-sms").click();
            assertThat(page.locator("#notice")).hasText(text("sms.settings.test-ok"));

            // Settings → Telegram: the fake bot's token; its @username is shown, the token never
            page.navigate(base + "/c/" + slug + "/settings");
            page.locator("#settings-telegram a").click();
            assertThat(page).hasURL(base + "/c/" + slug + "/settings/telegram");
            page.locator("#telegram-botToken").fill(botToken);
            page.locator("#connect-telegram").click();
            assertThat(page.locator("#telegram-state")).hasAttribute("data-state", "connected");
            assertThat(page.locator("#telegram-state")).hasText(text("telegram.settings.connected", bot));
            assertThat(page.content()).doesNotContain(botToken);
            assertThat(telegram.webhook(botToken)).as("the webhook was set with Telegram").isNotNull();

            // the job's page: schedule a visit about a day ahead
            page.navigate(base + "/c/" + slug + "/jobs/" + job.id());
            Locator add = page.locator("#add-visit");
            add.locator("summary").click();
            page.locator("#visit-start").fill(FIELD.format(start));
            page.locator("#visit-end").fill(FIELD.format(start.plusHours(1)));
            page.locator("#add-visit-submit").click();
            Locator visit = page.locator("#visits li.visit");
            assertThat(visit).hasCount(1);
            assertThat(visit.locator(".confirmed-by-client")).hasCount(0);
            Visit scheduled = visits.visits(owner, job.id()).getFirst();
            assertThat(scheduled.startsAt()).isEqualTo(start.toInstant());

            // the appointment reminders run, and the dispatcher (as the scheduled jobs would)
            assertThat(reminders.remind(c.company.id())).isEqualTo(1);
            dispatcher.dispatch(c.company.id());
            FakeTwilio.Sent reminder = await(() -> twilio.sent(accountSid).stream()
                    .filter(s -> s.body().startsWith("Reminder")).findFirst(), Duration.ofSeconds(20));
            assertThat(reminder.to()).isEqualTo("+41795553131");
            assertThat(reminder.from()).isEqualTo(SENDER);
            assertThat(reminder.body()).contains(WHEN.format(start)).contains(job.number()).contains("Reply C");
            assertThat(reminder.statusCallback()).isEqualTo(base + "/webhooks/twilio/" + slug);
            // a second run sends nothing new
            assertThat(reminders.remind(c.company.id())).isZero();

            // the job's delivery log lists the reminder, sent, at its time in the company's zone
            page.locator("#job-messages").click();
            assertThat(page).hasURL(base + "/c/" + slug + "/jobs/" + job.id() + "/messages");
            Delivery logged = notifications.forJob(owner, job.id()).stream()
                    .filter(d -> d.kind() == NotificationKind.VISIT_REMINDER).findFirst().orElseThrow();
            Locator line = page.locator("#delivery-log tbody tr",
                    new Page.LocatorOptions().setHasText(text("notifications.kind.VISIT_REMINDER")));
            assertThat(line).hasCount(1);
            assertThat(line).containsText(reminder.body());
            assertThat(line).containsText(text("notifications.status.SENT"));
            assertThat(line.locator("td").first()).hasText(LOGGED.format(logged.createdAt().atZone(ZURICH)));
            page.navigate(base + "/c/" + slug + "/jobs/" + job.id());

            // the client answers C, as Twilio posts it: signed with the account's auth token
            Map<String, String> reply = inbound(accountSid, "+41795553131", SENDER, "C");
            String path = "/webhooks/twilio/" + slug;
            var answer = new Https(port).send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", TwilioSigning.signature(twilioToken, base + path, reply))
                    .POST(HttpRequest.BodyPublishers.ofString(form(reply))));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("<Message>").contains("confirmed");
            assertThat(visits.visit(owner, scheduled.id()).confirmedByClient()).isTrue();

            page.reload();
            assertThat(visit.locator(".confirmed-by-client")).hasText(text("jobs.visit.confirmed-by-client"));
            assertThat(twilio.sent(accountSid).stream().filter(s -> s.body().startsWith("Reminder")).count())
                    .as("the reminder went once").isEqualTo(1);

            assertThat(window.problems()).as("console errors, CSP violations, failed requests and uncaught errors")
                    .isEmpty();
        }
    }

    private String text(String code, Object... args) {
        return messages.getMessage(code, args, Locale.ENGLISH);
    }

    private static <T> T await(java.util.function.Supplier<Optional<T>> read, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        Optional<T> found = read.get();
        while (found.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = read.get();
        }
        return found.orElseThrow(() -> new AssertionError("not within " + within));
    }

    /** An inbound message's fields as Twilio posts them. */
    private static Map<String, String> inbound(String accountSid, String from, String to, String body) {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        String sid = "SM" + HexFormat.of().formatHex(b);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ToCountry", "CH");
        p.put("SmsMessageSid", sid);
        p.put("NumMedia", "0");
        p.put("SmsSid", sid);
        p.put("SmsStatus", "received");
        p.put("Body", body);
        p.put("To", to);
        p.put("NumSegments", "1");
        p.put("MessageSid", sid);
        p.put("AccountSid", accountSid);
        p.put("From", from);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
