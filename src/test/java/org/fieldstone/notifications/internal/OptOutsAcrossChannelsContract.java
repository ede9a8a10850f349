package org.fieldstone.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.notifications.Delivery;
import org.fieldstone.notifications.DeliveryStatus;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.NotificationSettings;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Role;
import org.fieldstone.sms.SmsTestSupport;
import org.fieldstone.support.FakeTelegram;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.HeardEvents;
import org.fieldstone.support.TestMail;
import org.fieldstone.telegram.TelegramLinks;
import org.fieldstone.telegram.TelegramSettings;
import org.fieldstone.tenancy.Companies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A client's opt-out holds on every path and every channel, through the real senders and the fake providers (issue
 * 16, "opt-out honoured in every channel"): opted out of SMS, no SMS of any kind goes (the visit's notice, the
 * reminder, "on my way", free text) and each is logged SKIPPED {@code opted-out}; {@code STOP} through the signed
 * webhook does the same and {@code START} brings SMS back; an email opt-out stops emails only. And a technician who
 * chose Telegram gets a new visit there once, though the outbox delivers the event again and two nodes race to send.
 */
public abstract class OptOutsAcrossChannelsContract extends SmsTestSupport {

    static final String SENDER = "+41445550000";
    static final java.time.ZoneId ZURICH = java.time.ZoneId.of("Europe/Zurich");
    static final String OPTED_OUT = "notifications.reason.opted-out";

    @Autowired Notifications notifications;
    @Autowired NotificationService service;
    @Autowired VisitReminders reminders;
    @Autowired EventNotices notices;
    @Autowired HeardEvents heard;
    @Autowired TelegramSettings telegramSettings;
    @Autowired TelegramLinks links;
    @Autowired Dispatcher dispatcher;
    @Autowired Companies companies;

    final FakeTelegram telegram = FakeTelegram.start();

    Actor as(TestCompany c, User user) {
        return new Actor(c.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(), Channel.WEB,
                null, null);
    }

    /** A company connected to the fake Twilio, with no quiet hours (the shared clock may stand at any hour). */
    TestCompany company(String prefix, String[] account) {
        TestCompany c = fixtures.companyWithEveryRole(prefix);
        String[] connected = connect(c, SENDER);
        account[0] = connected[0];
        account[1] = connected[1];
        Actor owner = as(c, c.owner());
        NotificationSettings s = service.settings(owner);
        service.updateSettings(owner, new NotificationSettings(s.clients(), s.team(), LocalTime.NOON, LocalTime.NOON));
        return c;
    }

    /** A job of the client with a visit of the technician starting in {@code hours} hours. */
    Visit visitOf(TestCompany c, Client client, User technician, int hours) {
        Actor owner = as(c, c.owner());
        Job job = jobs.create(owner, NewJob.of(client.id(), clients.properties(owner, client.id()).getFirst().id(),
                "Boiler service", null));
        ZonedDateTime start = clock.instant().atZone(ZURICH).truncatedTo(ChronoUnit.MINUTES).plusHours(hours);
        return visits.visit(owner, visits.addVisit(owner, job.id(), new NewVisit(start.toLocalDateTime().toString(),
                start.plusHours(1).toLocalDateTime().toString(), List.of(technician.id()))).visit().id());
    }

    static <T> T await(Supplier<T> read, Predicate<T> done) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = read.get();
        }
        return value;
    }

    static boolean has(List<Delivery> log, NotificationKind kind, NotificationChannel channel) {
        return log.stream().anyMatch(d -> !d.inbound() && d.kind() == kind && d.channel() == channel
                && d.status() != DeliveryStatus.QUEUED);
    }

    @Test
    void aClientOptedOutOfSmsGetsNoSmsOfAnyKindAndEachIsLoggedSkipped() {
        String[] account = new String[2];
        TestCompany c = company("optout-sms", account);
        Actor owner = as(c, c.owner());
        User tech = c.addUser(Role.USER);
        Client client = client(c, "Olga Optout", "079 555 40 40");
        notifications.setOptOut(owner, client.id(), NotificationChannel.SMS, true);

        Visit visit = visitOf(c, client, tech, 5);                     // the visit's notice
        assertThat(reminders.remind(c.company.id())).isEqualTo(1);       // the reminder
        visits.enRoute(as(c, tech), visit.id(), visit.version());        // "on my way"
        Delivery free = notifications.message(owner, client.id(), NotificationChannel.SMS, "Parts are in."); // free text
        assertThat(free.status()).isEqualTo(DeliveryStatus.SKIPPED);

        List<Delivery> log = await(() -> notifications.forClient(owner, client.id()),
                l -> has(l, NotificationKind.VISIT_SCHEDULED, NotificationChannel.SMS)
                        && has(l, NotificationKind.TECHNICIAN_EN_ROUTE, NotificationChannel.SMS));
        List<Delivery> sms = log.stream().filter(d -> d.channel() == NotificationChannel.SMS).toList();
        assertThat(sms).extracting(Delivery::kind).containsExactlyInAnyOrder(NotificationKind.VISIT_SCHEDULED,
                NotificationKind.VISIT_REMINDER, NotificationKind.TECHNICIAN_EN_ROUTE, NotificationKind.MESSAGE);
        assertThat(sms).allSatisfy(d -> {
            assertThat(d.status()).as(d.kind().name()).isEqualTo(DeliveryStatus.SKIPPED);
            assertThat(d.reason()).as(d.kind().name()).isEqualTo(OPTED_OUT);
        });
        assertThat(twilio.sent(account[0])).as("nothing reached Twilio").isEmpty();
        // the application's own dispatcher, run again, sends nothing either
        dispatcher.dispatch(c.company.id());
        assertThat(twilio.sent(account[0])).isEmpty();
    }

    @Test
    void stopThroughTheWebhookSilencesEverySmsAndStartBringsThemBack() {
        String[] account = new String[2];
        TestCompany c = company("optout-stop", account);
        Actor owner = as(c, c.owner());
        User tech = c.addUser(Role.USER);
        Client client = client(c, "Stefan Stop", "079 555 41 41");
        assertThat(notifications.message(owner, client.id(), NotificationChannel.SMS, "Before STOP").status())
                .isNotEqualTo(DeliveryStatus.SKIPPED);
        awaitSent(account[0], "Before STOP");

        assertThat(signed(webhookPath(c), inbound(messageSid(), account[0], "+41795554141", SENDER, "STOP"), account[1])
                .status()).isEqualTo(200);
        Visit visit = visitOf(c, client, tech, 6);
        assertThat(reminders.remind(c.company.id())).isEqualTo(1);
        visits.enRoute(as(c, tech), visit.id(), visit.version());
        Delivery during = notifications.message(owner, client.id(), NotificationChannel.SMS, "During STOP");
        assertThat(during.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(during.reason()).isEqualTo(OPTED_OUT);
        // the visit's scheduled and en-route notices come from two events, in either order
        List<Delivery> log = await(() -> notifications.forClient(owner, client.id()),
                l -> has(l, NotificationKind.TECHNICIAN_EN_ROUTE, NotificationChannel.SMS)
                        && has(l, NotificationKind.VISIT_SCHEDULED, NotificationChannel.SMS));
        assertThat(log).filteredOn(d -> d.channel() == NotificationChannel.SMS && !d.inbound()
                        && d.kind() != NotificationKind.MESSAGE)
                .extracting(Delivery::kind).containsExactlyInAnyOrder(NotificationKind.VISIT_SCHEDULED,
                        NotificationKind.VISIT_REMINDER, NotificationKind.TECHNICIAN_EN_ROUTE);
        assertThat(log).filteredOn(d -> d.channel() == NotificationChannel.SMS && !d.inbound()
                        && d.kind() != NotificationKind.MESSAGE)
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo(OPTED_OUT));
        assertThat(twilio.sent(account[0])).as("only the message before STOP").hasSize(1);

        assertThat(signed(webhookPath(c), inbound(messageSid(), account[0], "+41795554141", SENDER, "Start"), account[1])
                .status()).isEqualTo(200);
        assertThat(notifications.message(owner, client.id(), NotificationChannel.SMS, "After START").status())
                .isNotEqualTo(DeliveryStatus.SKIPPED);
        awaitSent(account[0], "After START");
        assertThat(twilio.sent(account[0])).extracting(org.fieldstone.support.FakeTwilio.Sent::body)
                .containsExactly("Before STOP", "After START");
    }

    @Test
    void anEmailOptOutStopsEmailsOnlyAndTheClientsOtherChannelsStillGo() {
        String[] account = new String[2];
        TestCompany c = company("optout-mail", account);
        Actor owner = as(c, c.owner());
        NotificationSettings s = service.settings(owner);
        Map<NotificationKind, Set<NotificationChannel>> both = new EnumMap<>(NotificationKind.class);
        both.putAll(s.clients());
        both.put(NotificationKind.VISIT_REMINDER, Set.of(NotificationChannel.SMS, NotificationChannel.EMAIL));
        service.updateSettings(owner, new NotificationSettings(both, s.team(), s.quietStart(), s.quietEnd()));
        String email = "optout-" + UUID.randomUUID() + "@example.com";
        Client client = clients.create(owner, new NewClient("Emma Email", email, "079 555 42 42", null, List.of()),
                new NewProperty(null, "Seestrasse 5", "Zürich", null, "8002", "CH", null, null));
        notifications.setOptOut(owner, client.id(), NotificationChannel.EMAIL, true);

        visitOf(c, client, c.addUser(Role.USER), 7);
        assertThat(reminders.remind(c.company.id())).isEqualTo(2);
        List<Delivery> log = await(() -> notifications.forClient(owner, client.id()),
                l -> has(l, NotificationKind.VISIT_REMINDER, NotificationChannel.SMS));
        Delivery mailed = log.stream().filter(d -> d.kind() == NotificationKind.VISIT_REMINDER
                && d.channel() == NotificationChannel.EMAIL).findFirst().orElseThrow();
        assertThat(mailed.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(mailed.reason()).isEqualTo(OPTED_OUT);
        assertThat(log).filteredOn(d -> d.kind() == NotificationKind.VISIT_REMINDER
                && d.channel() == NotificationChannel.SMS).singleElement()
                .satisfies(d -> assertThat(d.status()).isIn(DeliveryStatus.SENT, DeliveryStatus.DELIVERED));
        awaitSent(account[0], "Reminder");
        assertThat(notifications.message(owner, client.id(), NotificationChannel.EMAIL, "Mail while opted out").status())
                .isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(TestMail.awaitFor(TestMail.platform(), email, 1, Duration.ofSeconds(2))).as("no email at all").isEmpty();

        notifications.setOptOut(owner, client.id(), NotificationChannel.EMAIL, false);
        notifications.message(owner, client.id(), NotificationChannel.EMAIL, "Mail after opting in");
        assertThat(TestMail.awaitFor(TestMail.platform(), email, 1, Duration.ofSeconds(15))).hasSize(1);
    }

    @Test
    void aTechnicianWhoChoseTelegramGetsTheNewVisitThereOnceThoughTheEventComesTwiceAndTwoNodesRace()
            throws Exception {
        String[] account = new String[2];
        TestCompany c = company("tg-once", account);
        Actor owner = as(c, c.owner());
        String token = "123456:test-bot-token-not-real-" + UUID.randomUUID();
        telegram.register(token, "fieldstone_" + c.slug().replace('-', '_') + "_bot");
        telegramSettings.connect(owner, token);
        User tech = c.addUser(Role.USER);
        service.choose(as(c, tech), NotificationKind.VISIT_SCHEDULED, Set.of(NotificationChannel.TELEGRAM));
        long chat = 7_000_000_000L + (System.nanoTime() % 1_000_000_000L);
        String code = links.newCode(as(c, tech)).code();
        URI webhook = URI.create("https://localhost:" + port + "/webhooks/telegram/" + c.slug());
        String secret = telegram.webhook(token).param("secret_token");
        assertThat(telegram.deliver(webhook, secret, telegram.message(telegram.nextUpdateId(), chat, "/start " + code))
                .statusCode()).isEqualTo(200);
        int linked = telegram.sentTo(token, chat).size();
        assertThat(linked).as("the bot answered the link").isEqualTo(1);

        // Telegram is down for the first attempt: the notice waits for its retry
        telegram.failNext(token, 503);
        Client client = client(c, "Tina Telegram", "079 555 43 43");
        Visit visit = visitOf(c, client, tech, 30);
        Recipient me = Recipient.user(tech.id().toString());
        Delivery waiting = await(() -> notifications.forJob(owner, visit.jobId()).stream()
                        .filter(d -> d.recipient().equals(me)).findFirst().orElse(null),
                d -> d != null && retrying(c, d.id()));
        assertThat(waiting.channel()).isEqualTo(NotificationChannel.TELEGRAM);
        assertThat(retrying(c, waiting.id())).as("queued again after one failed attempt").isTrue();
        assertThat(telegram.sentTo(token, chat)).hasSize(linked + 1); // the failed attempt

        // the outbox delivers the event again, twice at once, while two nodes, past the backoff, race to send
        HeardEvents.Heard event = heard.await(e -> e instanceof JobEvents.VisitScheduled v
                && v.visitId().equals(visit.id()), 1, Duration.ofSeconds(20)).getFirst();
        JobEvents.VisitScheduled scheduled = (JobEvents.VisitScheduled) event.event();
        Clock later = Clock.fixed(clock.instant().plus(Duration.ofMinutes(2)), ZURICH);
        Dispatcher one = new Dispatcher(databases, companies, service, senders, later, "node-one");
        Dispatcher two = new Dispatcher(databases, companies, service, senders, later, "node-two");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> racers = List.of(
                Thread.ofVirtual().start(() -> after(go, () -> notices.visitScheduled(scheduled, event.eventId()))),
                Thread.ofVirtual().start(() -> after(go, () -> notices.visitScheduled(scheduled, event.eventId()))),
                Thread.ofVirtual().start(() -> after(go, () -> one.dispatch(c.company.id()))),
                Thread.ofVirtual().start(() -> after(go, () -> two.dispatch(c.company.id()))));
        go.countDown();
        for (Thread t : racers) {
            t.join();
        }
        one.stop();
        two.stop();

        List<FakeTelegram.Call> sent = telegram.sentTo(token, chat);
        assertThat(sent).as("one more sendMessage: the notice, once").hasSize(linked + 2);
        assertThat(sent.getLast().param("text")).contains(jobs.get(owner, visit.jobId()).number());
        assertThat(notifications.forJob(owner, visit.jobId())).filteredOn(d -> d.recipient().equals(me)).singleElement()
                .satisfies(d -> {
                    assertThat(d.channel()).isEqualTo(NotificationChannel.TELEGRAM);
                    assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
                });
    }

    /** Back in the queue after exactly one attempt (a claimed row counts its attempt while still sending). */
    private boolean retrying(TestCompany c, String id) {
        NotificationRows.Row row = NotificationRows.get(databases.of(c.company.id()), id).orElseThrow();
        return NotificationRows.QUEUED.equals(row.status()) && row.attempts() == 1;
    }

    private static void after(CountDownLatch go, Runnable work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        work.run();
    }

    void awaitSent(String accountSid, String text) {
        assertThat(await(() -> twilio.sent(accountSid).stream().anyMatch(s -> s.body().contains(text)), b -> b))
                .as("sent: " + text).isTrue();
    }
}
