package org.fieldstone.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.notifications.Delivery;
import org.fieldstone.notifications.DeliveryFailure;
import org.fieldstone.notifications.DeliveryStatus;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.NotificationSettings;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.notifications.Outgoing;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.TestMail;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications on a real company database: events queue the right rows once; two dispatchers (two nodes) send each
 * notification once; a node that died mid-send does not make it go twice; retries back off; quiet hours; opt-outs;
 * templates (no unknown variables, no sections, no injection); other companies' ids and a technician's view.
 *
 * <p>The dispatchers under test are built here with hand-written senders and a clock two hours ahead of the
 * application's, over notifications queued two hours ahead: the application's own dispatcher never finds them due,
 * so no Spring configuration changes. The real SMS, email and Telegram senders: {@code OptOutsAcrossChannelsContract}.
 */
public abstract class NotificationsContract {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired NotificationService service;
    @Autowired Notifications notifications;
    @Autowired EventNotices notices;
    @Autowired VisitReminders reminders;
    @Autowired CompanyDatabases databases;
    @Autowired Companies companies;
    @Autowired Clock clock;
    @Autowired org.fieldstone.invoices.Invoices invoices;

    TestCompany a;
    Actor owner;
    ZoneId zone;

    @BeforeEach
    void company() {
        a = fixtures.company("notify");
        owner = as(a.owner());
        zone = companies.timeZone(a.company.id());
        quietHours(LocalTime.NOON, LocalTime.NOON); // none, unless a test sets them
    }

    Actor as(User user) {
        return new Actor(a.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(), Channel.WEB,
                null, null);
    }

    void quietHours(LocalTime start, LocalTime end) {
        NotificationSettings s = service.settings(owner);
        service.updateSettings(owner, new NotificationSettings(s.clients(), s.team(), start, end));
    }

    void clientChannels(NotificationKind kind, NotificationChannel... channels) {
        NotificationSettings s = service.settings(owner);
        Map<NotificationKind, Set<NotificationChannel>> c = new EnumMap<>(NotificationKind.class);
        c.putAll(s.clients());
        c.put(kind, Set.of(channels));
        service.updateSettings(owner, new NotificationSettings(c, s.team(), s.quietStart(), s.quietEnd()));
    }

    Client client(String email) {
        return clients.create(owner, new NewClient("Ada {{company.name}} Lovelace", email, "+41446681800", null, List.of()),
                new NewProperty(null, "Bahnhofstrasse 1", "Zürich", null, "8001", "CH", null, null));
    }

    Job job(Client client) {
        return jobs.create(owner, NewJob.of(client.id(), clients.properties(owner, client.id()).getFirst().id(),
                "Boiler service", null));
    }

    String visitTomorrow(Job job, int hour, UserId assignee) {
        LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), zone).plusDays(1);
        return visits.addVisit(owner, job.id(), new NewVisit(tomorrow + "T%02d:00".formatted(hour),
                tomorrow + "T%02d:45".formatted(hour), List.of(assignee))).visit().id();
    }

    static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done) {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
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

    CompanyDatabase db() {
        return databases.of(a.company.id());
    }

    /** A clock that tests move by hand, starting two hours ahead of the application's. */
    static final class AheadClock extends Clock {
        final AtomicReference<Instant> now;

        AheadClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** A hand-written Telegram sender that counts what it sends, per notification; fails as told. */
    static final class CountingSender implements ChannelSender {
        final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
        final List<Outgoing> messages = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile int failFirst;
        volatile boolean permanent;
        volatile CountDownLatch pause;

        @Override
        public NotificationChannel channel() {
            return NotificationChannel.TELEGRAM;
        }

        @Override
        public Optional<String> unreachable(TenantId tenant, Recipient recipient) {
            return Optional.empty();
        }

        @Override
        public String send(Outgoing message) {
            if (pause != null) {
                try {
                    pause.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (permanent) {
                throw new DeliveryFailure(false, "telegram.reason.blocked", "blocked by the user");
            }
            if (failFirst > 0) {
                failFirst--;
                throw new DeliveryFailure(true, "telegram.reason.unavailable", "503");
            }
            sent.computeIfAbsent(message.notificationId(), id -> new AtomicInteger()).incrementAndGet();
            messages.add(message);
            return "tg-" + message.notificationId();
        }
    }

    AheadClock ahead() {
        return new AheadClock(clock.instant().plus(Duration.ofHours(2)));
    }

    Dispatcher dispatcher(String node, ChannelSender sender, Clock at) {
        return new Dispatcher(databases, companies, service, List.of(sender), at, node);
    }

    /** Queues Telegram messages to a client, due two hours from now (so only the test's dispatchers find them). */
    List<String> queueLater(Client client, int count, AheadClock at) {
        List<NotificationService.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drafts.add(new NotificationService.Draft("test:" + UUID.randomUUID(), NotificationKind.MESSAGE,
                    Recipient.client(client.id()), client.id(), null, null, Map.of("text", "Hello " + i),
                    NotificationChannel.TELEGRAM, at.instant()));
        }
        return service.queue(a.company.id(), drafts);
    }

    String status(String id) {
        return NotificationRows.get(db(), id).orElseThrow().status();
    }

    // ---- events

    @Test
    void aScheduledVisitTellsItsClientAndItsTechnicianInTheAppOnce() {
        User tech = a.addUser(Role.USER);
        Client client = client("visit-" + UUID.randomUUID() + "@example.com");
        Job job = job(client);
        String visitId = visitTomorrow(job, 10, tech.id());

        List<Delivery> log = await(() -> notifications.forJob(owner, job.id()),
                l -> l.stream().anyMatch(d -> d.channel() == NotificationChannel.IN_APP && d.status() == DeliveryStatus.SENT));
        assertThat(log).anySatisfy(d -> {
            assertThat(d.recipient()).isEqualTo(Recipient.client(client.id()));
            assertThat(d.kind()).isEqualTo(NotificationKind.VISIT_SCHEDULED);
            assertThat(d.channel()).isEqualTo(NotificationChannel.SMS);
        });
        Delivery inApp = log.stream().filter(d -> d.channel() == NotificationChannel.IN_APP).findFirst().orElseThrow();
        assertThat(inApp.recipient()).isEqualTo(Recipient.user(tech.id().toString()));
        assertThat(inApp.text()).contains(job.number()).contains("Ada {{company.name}} Lovelace");
        assertThat(service.inbox(as(tech))).extracting(Delivery::id).containsExactly(inApp.id());
        assertThat(service.unread(as(tech))).isEqualTo(1);
        assertThat(service.markRead(as(a.owner()), inApp.id())).as("another user's notification").isZero();
        assertThat(service.markRead(as(tech), inApp.id())).isEqualTo(1);
        assertThat(service.unread(as(tech))).isZero();

        // the same event heard again (the outbox after a crash): nothing new
        int before = notifications.forJob(owner, job.id()).size();
        UUID eventId = UUID.randomUUID();
        JobEvents.VisitScheduled again = new JobEvents.VisitScheduled(a.company.id(), job.id(), visitId,
                Instant.now(), Instant.now().plusSeconds(60), List.of(tech.id().toString()));
        notices.visitScheduled(again, eventId);
        int once = notifications.forJob(owner, job.id()).size();
        notices.visitScheduled(again, eventId);
        assertThat(notifications.forJob(owner, job.id())).hasSize(once);
        assertThat(once).isGreaterThan(before);
    }

    @Test
    void aTeamMemberWhoChoseNoChannelIsNotToldInTheApp() {
        User tech = a.addUser(Role.USER);
        service.choose(as(tech), NotificationKind.VISIT_SCHEDULED, Set.of());
        assertThat(service.myChoices(as(tech)).get(NotificationKind.VISIT_SCHEDULED)).isEmpty();
        Job job = job(client("quiet-" + UUID.randomUUID() + "@example.com"));
        visitTomorrow(job, 9, tech.id());
        List<Delivery> log = await(() -> notifications.forJob(owner, job.id()), l -> !l.isEmpty());
        assertThat(log).isNotEmpty().noneMatch(d -> d.recipient().type() == Recipient.Type.USER);
    }

    @Test
    void aMovedVisitGetsANewReminderAndTheOldOneIsSkipped() {
        clientChannels(NotificationKind.VISIT_REMINDER, NotificationChannel.TELEGRAM);
        quietHours(LocalTime.NOON, LocalTime.NOON);
        Job job = job(client("remind-" + UUID.randomUUID() + "@example.com"));
        User tech = a.addUser(Role.USER);
        String visitId = visitTomorrow(job, 1, tech.id());
        Instant start = visits.visit(owner, visitId).startsAt();
        // a reminder queued for later (the test's own time), as the fan-out would for this start
        AheadClock later = ahead();
        service.queue(a.company.id(), List.of(new NotificationService.Draft(VisitReminders.keyOf(visitId, start),
                NotificationKind.VISIT_REMINDER, Recipient.client(job.clientId()), job.clientId(), job.id(),
                "visit:" + visitId, Map.of(), NotificationChannel.TELEGRAM, later.instant())));
        String old = NotificationRows.byKey(db(), VisitReminders.keyOf(visitId, start) + ":client:" + job.clientId()
                + ":telegram").orElseThrow().id();

        notices.visitRescheduled(new JobEvents.VisitRescheduled(a.company.id(), job.id(), visitId,
                start.plus(Duration.ofHours(3)), start.plus(Duration.ofHours(4)), List.of()), UUID.randomUUID());

        assertThat(NotificationRows.get(db(), old).orElseThrow().reason()).isEqualTo("notifications.reason.visit-moved");
        assertThat(status(old)).isEqualTo("SKIPPED");
    }

    @Test
    void aCancelledVisitSkipsItsReminderAndTellsItsClientOnceEvenWhenHeardTwice() {
        clientChannels(NotificationKind.VISIT_REMINDER, NotificationChannel.TELEGRAM);
        clientChannels(NotificationKind.VISIT_CANCELLED, NotificationChannel.TELEGRAM);
        quietHours(LocalTime.NOON, LocalTime.NOON);
        Job job = job(client("cancel-" + UUID.randomUUID() + "@example.com"));
        User tech = a.addUser(Role.USER);
        String visitId = visitTomorrow(job, 1, tech.id());
        Instant start = visits.visit(owner, visitId).startsAt();
        AheadClock later = ahead();
        service.queue(a.company.id(), List.of(new NotificationService.Draft(VisitReminders.keyOf(visitId, start),
                NotificationKind.VISIT_REMINDER, Recipient.client(job.clientId()), job.clientId(), job.id(),
                "visit:" + visitId, Map.of(), NotificationChannel.TELEGRAM, later.instant())));
        String reminder = NotificationRows.byKey(db(), VisitReminders.keyOf(visitId, start) + ":client:" + job.clientId()
                + ":telegram").orElseThrow().id();

        UUID eventId = UUID.randomUUID();
        JobEvents.VisitCancelled cancelled = new JobEvents.VisitCancelled(a.company.id(), job.id(), visitId, start,
                start.plus(Duration.ofHours(1)), List.of(tech.id().value().toString()));
        notices.visitCancelled(cancelled, eventId);
        notices.visitCancelled(cancelled, eventId);

        assertThat(status(reminder)).isEqualTo("SKIPPED");
        assertThat(NotificationRows.get(db(), reminder).orElseThrow().reason())
                .isEqualTo("notifications.reason.visit-cancelled");
        var notice = NotificationRows.byKey(db(), eventId + ":client:" + job.clientId() + ":telegram");
        assertThat(notice).as("the cancellation itself is told, and a second hearing does not skip it").isPresent();
        assertThat(NotificationRows.get(db(), notice.orElseThrow().id()).orElseThrow().reason())
                .isNotEqualTo("notifications.reason.visit-cancelled");
    }

    @Test
    void theReminderRunQueuesEachVisitOnceWithinTheLeadTime() {
        clientChannels(NotificationKind.VISIT_REMINDER, NotificationChannel.TELEGRAM);
        User tech = a.addUser(Role.USER);
        Job job = job(client("fan-" + UUID.randomUUID() + "@example.com"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        ZonedDateTime in3h = clock.instant().plus(Duration.ofHours(3)).atZone(zone);
        String visitId = visits.addVisit(owner, job.id(), new NewVisit(in3h.toLocalDateTime().withSecond(0).withNano(0).toString(),
                in3h.plusHours(1).toLocalDateTime().withSecond(0).withNano(0).toString(), List.of(tech.id()))).visit().id();
        assertThat(today).isNotNull();

        int first = reminders.remind(a.company.id());
        int second = reminders.remind(a.company.id());

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        Instant start = visits.visit(owner, visitId).startsAt();
        assertThat(NotificationRows.byKey(db(), VisitReminders.keyOf(visitId, start) + ":client:" + job.clientId()
                + ":telegram")).isPresent();
    }

    // ---- dispatch: exactly once

    @Test
    void twoNodesRacingSendEachNotificationOnce() throws Exception {
        Client client = client("race-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        List<String> ids = queueLater(client, 40, at);
        assertThat(ids).hasSize(40);
        CountingSender sender = new CountingSender();
        Dispatcher one = dispatcher("node-one", sender, at);
        Dispatcher two = dispatcher("node-two", sender, at);

        Thread t1 = Thread.ofVirtual().start(() -> one.dispatch(a.company.id()));
        Thread t2 = Thread.ofVirtual().start(() -> two.dispatch(a.company.id()));
        t1.join();
        t2.join();

        assertThat(sender.sent.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sender.sent.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("SENT"));
        assertThat(NotificationRows.get(db(), ids.getFirst()).orElseThrow().providerId()).isEqualTo("tg-" + ids.getFirst());
        assertThat(sender.messages.getFirst().text()).startsWith("Hello");
    }

    @Test
    void aNotificationLeftSendingByADeadNodeIsNotSentAgain() {
        Client client = client("crash-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        // node "dead" claimed it and stopped before it knew whether the provider had it
        assertThat(NotificationRows.claim(db(), id, "node-dead", at.millis(), at.millis() + Dispatcher.LEASE.toMillis()))
                .isPresent();
        CountingSender sender = new CountingSender();
        Dispatcher restarted = dispatcher("node-new", sender, at);
        restarted.dispatch(a.company.id());
        assertThat(status(id)).as("still within the lease").isEqualTo("SENDING");

        at.advance(Dispatcher.LEASE.plusSeconds(1));
        restarted.dispatch(a.company.id());

        assertThat(sender.sent).isEmpty();
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(NotificationRows.get(db(), id).orElseThrow().reason()).isEqualTo("notifications.reason.interrupted");
    }

    @Test
    void aRetryableFailureIsTriedAgainAfterItsBackoffAndAPermanentOneFails() {
        Client client = client("retry-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        CountingSender sender = new CountingSender();
        sender.failFirst = 2;
        Dispatcher d = dispatcher("node-r", sender, at);

        d.dispatch(a.company.id());
        NotificationRows.Row after1 = NotificationRows.get(db(), id).orElseThrow();
        assertThat(after1.status()).isEqualTo("QUEUED");
        assertThat(after1.attempts()).isEqualTo(1);
        assertThat(after1.notBefore()).isEqualTo(at.millis() + 30_000);
        d.dispatch(a.company.id());
        assertThat(NotificationRows.get(db(), id).orElseThrow().attempts()).as("not due before its backoff").isEqualTo(1);

        at.advance(Duration.ofSeconds(30));
        d.dispatch(a.company.id());
        NotificationRows.Row after2 = NotificationRows.get(db(), id).orElseThrow();
        assertThat(after2.attempts()).isEqualTo(2);
        assertThat(after2.notBefore()).as("doubled").isEqualTo(at.millis() + 60_000);

        at.advance(Duration.ofSeconds(60));
        d.dispatch(a.company.id());
        assertThat(status(id)).isEqualTo("SENT");
        assertThat(sender.sent.get(id).get()).isEqualTo(1);

        String other = queueLater(client, 1, at).getFirst();
        sender.permanent = true;
        d.dispatch(a.company.id());
        assertThat(status(other)).isEqualTo("FAILED");
        assertThat(NotificationRows.get(db(), other).orElseThrow().reason()).isEqualTo("telegram.reason.blocked");
    }

    @Test
    void tooManyRetryableFailuresFailTheNotification() {
        Client client = client("many-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        CountingSender sender = new CountingSender();
        sender.failFirst = 100;
        Dispatcher d = dispatcher("node-m", sender, at);
        for (int i = 0; i < Dispatcher.MAX_ATTEMPTS; i++) {
            d.dispatch(a.company.id());
            at.advance(Duration.ofHours(1));
        }
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(NotificationRows.get(db(), id).orElseThrow().reason()).isEqualTo("notifications.reason.too-many-attempts");
    }

    @Test
    void aChannelWithoutASenderIsSkipped() {
        Client client = client("nosender-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        dispatcher("node-e", new ChannelSender() {
            public NotificationChannel channel() {
                return NotificationChannel.SMS;
            }

            public Optional<String> unreachable(TenantId tenant, Recipient recipient) {
                return Optional.empty();
            }

            public String send(Outgoing message) {
                throw new AssertionError("not this channel");
            }
        }, at).dispatch(a.company.id());
        assertThat(status(id)).isEqualTo("SKIPPED");
        assertThat(NotificationRows.get(db(), id).orElseThrow().reason()).isEqualTo("notifications.reason.channel-not-available");
    }

    // ---- quiet hours

    @Test
    void aClientNotificationDueInQuietHoursWaitsUntilTheirEndTheNextMorning() {
        quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
        Client client = client("night-" + UUID.randomUUID() + "@example.com");
        LocalDate day = LocalDate.ofInstant(clock.instant(), zone).plusDays(3);
        Instant at22 = day.atTime(22, 0).atZone(zone).toInstant();
        List<String> ids = service.queue(a.company.id(), List.of(new NotificationService.Draft("night:" + UUID.randomUUID(),
                NotificationKind.VISIT_REMINDER, Recipient.client(client.id()), client.id(), null, null, Map.of(),
                NotificationChannel.TELEGRAM, at22)));
        assertThat(Instant.ofEpochMilli(NotificationRows.get(db(), ids.getFirst()).orElseThrow().notBefore()))
                .isEqualTo(day.plusDays(1).atTime(8, 0).atZone(zone).toInstant());
    }

    // ---- opt-out

    @Test
    void emailGoesToTheClientUnlessTheyOptedOut() {
        String email = "mail-" + UUID.randomUUID() + "@example.com";
        Client client = client(email);
        Delivery sent = notifications.message(owner, client.id(), NotificationChannel.EMAIL, "Your parts arrived.");
        List<MimeMessage> got = TestMail.awaitFor(TestMail.platform(), email, 1, Duration.ofSeconds(15));
        assertThat(got).hasSize(1);
        assertThat(await(() -> notifications.forClient(owner, client.id()),
                l -> l.stream().anyMatch(d -> d.id().equals(sent.id()) && d.status() == DeliveryStatus.SENT)))
                .anySatisfy(d -> assertThat(d.text()).isEqualTo("Your parts arrived."));

        notifications.setOptOut(owner, client.id(), NotificationChannel.EMAIL, true);
        notifications.setOptOut(owner, client.id(), NotificationChannel.EMAIL, true); // idempotent
        assertThat(notifications.optedOut(a.company.id(), client.id(), NotificationChannel.EMAIL)).isTrue();
        assertThat(service.optOuts(owner, client.id())).containsExactly(NotificationChannel.EMAIL);
        Delivery skipped = notifications.message(owner, client.id(), NotificationChannel.EMAIL, "Second one.");
        assertThat(skipped.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("notifications.reason.opted-out");
        assertThat(TestMail.awaitFor(TestMail.platform(), email, 2, Duration.ofSeconds(2))).hasSize(1);

        notifications.setOptOut(owner, client.id(), NotificationChannel.EMAIL, false);
        assertThat(notifications.optedOut(a.company.id(), client.id(), NotificationChannel.EMAIL)).isFalse();
    }

    @Test
    void aPaymentReceivedThanksTheClientByEmailOnce() throws Exception {
        clientChannels(NotificationKind.PAYMENT_RECEIVED, NotificationChannel.EMAIL);
        quietHours(LocalTime.NOON, LocalTime.NOON);
        String email = "paid-" + UUID.randomUUID() + "@example.com";
        Client client = client(email);
        var line = new org.fieldstone.pricing.LineInput(null, null, "Boiler service", java.math.BigDecimal.ONE, 18_000L,
                null, org.fieldstone.shared.Change.keep(), false, null);
        var invoice = invoices.create(owner, new org.fieldstone.invoices.NewInvoice(client.id(), null, "Service",
                List.of(line), null, null, null, null, 30));
        invoice = invoices.send(owner, invoice.id(), invoice.version());
        invoices.recordPayment(owner, invoice.id(), new org.fieldstone.invoices.NewPayment(5_000L, "BANK_TRANSFER",
                null, null, null, null));

        List<MimeMessage> thanks = await(() -> TestMail.messagesFor(TestMail.platform(), email).stream()
                .filter(m -> subject(m).startsWith("Thank you for your payment")).toList(), l -> !l.isEmpty());
        assertThat(thanks).hasSize(1);
        assertThat(body(thanks.getFirst())).contains(invoices.get(owner, invoice.id()).number());
        assertThat(notifications.forClient(owner, client.id())).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(NotificationKind.PAYMENT_RECEIVED);
            assertThat(d.channel()).isEqualTo(NotificationChannel.EMAIL);
        });
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            return org.springframework.util.StreamUtils.copyToString(m.getInputStream(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anOptOutAfterQueueingIsHonouredRightBeforeSending() {
        Client client = client("late-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        notifications.setOptOut(owner, client.id(), NotificationChannel.TELEGRAM, true);
        CountingSender sender = new CountingSender();
        dispatcher("node-o", sender, at).dispatch(a.company.id());
        assertThat(sender.sent).isEmpty();
        assertThat(status(id)).isEqualTo("SKIPPED");
    }

    // ---- templates

    @Test
    void templatesRenderEventValuesAndRefuseUnknownVariablesAndSections() {
        assertThatThrownBy(() -> service.saveTemplate(owner, NotificationKind.MESSAGE, NotificationChannel.TELEGRAM,
                "", "Hi {{client.secret}}"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldMessages()).containsKey("body"));
        assertThatThrownBy(() -> service.saveTemplate(owner, NotificationKind.MESSAGE, NotificationChannel.TELEGRAM,
                "", "{{#client.name}}x{{/client.name}}"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldMessages().get("body").getCodes()[0])
                        .isEqualTo("notifications.refused.template-section"));
        assertThatThrownBy(() -> service.saveTemplate(as(a.addUser(Role.USER)), NotificationKind.MESSAGE,
                NotificationChannel.TELEGRAM, "", "{{text}}"))
                .isInstanceOf(org.fieldstone.shared.Forbidden.class);

        service.saveTemplate(owner, NotificationKind.MESSAGE, NotificationChannel.TELEGRAM, "",
                "{{company.name}} to {{client.name}}: {{text}}");
        service.saveTemplate(owner, NotificationKind.MESSAGE, NotificationChannel.TELEGRAM, "", "{{client.name}}: {{text}}");
        Client client = client("tpl-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        assertThat(service.delivery(a.company.id(), NotificationRows.get(db(), id).orElseThrow()).text())
                .isEqualTo(": Hello 0"); // queueLater gives no client.name: an empty value, never an error
        Delivery d = notifications.message(owner, client.id(), NotificationChannel.TELEGRAM, "{{company.name}}");
        assertThat(d.text()).as("values are not evaluated again").isEqualTo("Ada {{company.name}} Lovelace: {{company.name}}");
        assertThat(service.preview(owner, "Hi {{client.name}}")).isEqualTo("Hi Ada Lovelace");
    }

    @Test
    void theSubjectAndTextAreSealedAtRest() {
        Client client = client("sealed-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        String stored = db().jdbc().sql("SELECT text FROM notifications WHERE id = :id").param("id", id)
                .query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain("Hello");
    }

    // ---- who sees what

    @Test
    void anotherCompanysClientsAndJobsAreNotFound() {
        TestCompany b = fixtures.company("notify-b");
        Actor ownerB = Actor.system(b.company.id(), Channel.WEB);
        Client client = client("mine-" + UUID.randomUUID() + "@example.com");
        Job job = job(client);
        assertThatThrownBy(() -> notifications.message(ownerB, client.id(), NotificationChannel.EMAIL, "hi"))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> notifications.forClient(ownerB, client.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> notifications.forJob(ownerB, job.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> notifications.setOptOut(ownerB, client.id(), NotificationChannel.SMS, true))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> notifications.message(as(a.addUser(Role.READ_ONLY)), client.id(),
                NotificationChannel.EMAIL, "hi")).isInstanceOf(org.fieldstone.shared.Forbidden.class);
    }

    @Test
    void aTechnicianSeesTheLogOfTheirOwnJobsOnly() {
        User mine = a.addUser(Role.USER);
        User other = a.addUser(Role.USER);
        Client client = client("tech-" + UUID.randomUUID() + "@example.com");
        Job theirs = job(client);
        visitTomorrow(theirs, 8, other.id());
        Job own = job(client);
        visitTomorrow(own, 11, mine.id());
        await(() -> notifications.forJob(owner, theirs.id()), l -> !l.isEmpty());
        await(() -> notifications.forJob(owner, own.id()), l -> !l.isEmpty());

        assertThat(notifications.forJob(as(mine), own.id())).isNotEmpty();
        assertThatThrownBy(() -> notifications.forJob(as(mine), theirs.id())).isInstanceOf(NotFound.class);
        assertThat(notifications.forClient(as(mine), client.id())).isNotEmpty()
                .allSatisfy(d -> assertThat(d.jobId()).isNotEqualTo(theirs.id()));
        assertThat(notifications.forClient(owner, client.id())).anySatisfy(d -> assertThat(d.jobId()).isEqualTo(theirs.id()));
    }

    @Test
    void aProviderReportMovesASentNotificationForwardOnly() {
        Client client = client("report-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        dispatcher("node-p", new CountingSender(), at).dispatch(a.company.id());
        notifications.providerStatus(a.company.id(), NotificationChannel.TELEGRAM, "tg-" + id, DeliveryStatus.DELIVERED, null);
        assertThat(status(id)).isEqualTo("DELIVERED");
        notifications.providerStatus(a.company.id(), NotificationChannel.TELEGRAM, "tg-" + id, DeliveryStatus.FAILED, "x");
        assertThat(status(id)).as("not backwards").isEqualTo("DELIVERED");
        notifications.providerStatus(a.company.id(), NotificationChannel.SMS, "tg-" + id, DeliveryStatus.FAILED, "x");
        assertThat(status(id)).isEqualTo("DELIVERED");

        notifications.received(a.company.id(), NotificationChannel.SMS, client.id(), "Is 9 ok?", "SM-" + id);
        notifications.received(a.company.id(), NotificationChannel.SMS, client.id(), "Is 9 ok?", "SM-" + id);
        assertThat(notifications.forClient(owner, client.id()).stream().filter(Delivery::inbound).toList())
                .singleElement().satisfies(d -> assertThat(d.text()).isEqualTo("Is 9 ok?"));
    }

    @Test
    void aProviderReportThatArrivesBeforeTheSentMarkIsAppliedWhenTheMarkComes() {
        Client client = client("early-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        String id = queueLater(client, 1, at).getFirst();
        // the provider calls back before the dispatcher has recorded its id (the CountingSender answers "tg-<id>")
        notifications.providerStatus(a.company.id(), NotificationChannel.TELEGRAM, "tg-" + id, DeliveryStatus.DELIVERED, null);
        assertThat(status(id)).isEqualTo("QUEUED");

        dispatcher("node-e", new CountingSender(), at).dispatch(a.company.id());

        assertThat(status(id)).isEqualTo("DELIVERED");
    }

    // ---- the pages

    @org.springframework.beans.factory.annotation.Value("${server.port}") int port;

    org.fieldstone.support.Https signIn(User user, String email) {
        org.fieldstone.support.Https h = new org.fieldstone.support.Https(port);
        assertThat(h.signIn(a.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }

    @Test
    void settingsPageSavesChannelsAndQuietHoursAndRefusesAnUnknownVariableBesideItsField() {
        org.fieldstone.support.Https h = signIn(a.owner(), a.ownerEmail());
        var page = h.get("/c/" + a.slug() + "/settings/notifications");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"template-form\"").contains("client-VISIT_REMINDER-SMS");

        var saved = h.post("/c/" + a.slug() + "/settings/notifications", List.of(Map.entry("client.VISIT_REMINDER", "SMS"),
                Map.entry("client.VISIT_REMINDER", "EMAIL"), Map.entry("team.LOW_STOCK", "IN_APP"),
                Map.entry("quietStart", "22:00"), Map.entry("quietEnd", "07:00")));
        assertThat(saved.status()).isEqualTo(302);
        NotificationSettings s = service.settings(owner);
        assertThat(s.forClients(NotificationKind.VISIT_REMINDER)).containsExactlyInAnyOrder(NotificationChannel.SMS,
                NotificationChannel.EMAIL);
        assertThat(s.forTeam(NotificationKind.LOW_STOCK)).containsExactly(NotificationChannel.IN_APP);
        assertThat(s.quietStart()).isEqualTo(LocalTime.of(22, 0));

        h.get("/c/" + a.slug() + "/settings/notifications");
        var refused = h.post("/c/" + a.slug() + "/settings/notifications/template", Map.of("kind", "VISIT_REMINDER",
                "channel", "SMS", "subject", "", "body", "Hi {{client.password}}", "action", "save"));
        assertThat(refused.status()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body()).contains("template-body-error").contains("client.password");
        var preview = h.post("/c/" + a.slug() + "/settings/notifications/template", Map.of("kind", "VISIT_REMINDER",
                "channel", "SMS", "subject", "", "body", "Hi {{client.name}}", "action", "preview"));
        assertThat(preview.body()).contains("template-preview").contains("Hi Ada Lovelace");

        User tech = a.addUser(Role.USER);
        org.fieldstone.support.Https t = signIn(tech, tech.email().value());
        assertThat(t.get("/c/" + a.slug() + "/settings/notifications").status()).isEqualTo(403);
        assertThat(t.get("/c/" + a.slug() + "/account/notifications").status()).isEqualTo(200);
        assertThat(t.post("/c/" + a.slug() + "/account/notifications", List.of(Map.entry("team.VISIT_SCHEDULED",
                "IN_APP"))).status()).isEqualTo(302);
        assertThat(service.myChoices(as(tech)).get(NotificationKind.VISIT_SCHEDULED)).containsExactly(NotificationChannel.IN_APP);
        assertThat(service.myChoices(as(tech)).get(NotificationKind.VISIT_RESCHEDULED)).isEmpty();
    }

    @Test
    void theClientsMessagesPageShowsTheLogSendsAndTogglesOptOuts() {
        Client client = client("page-" + UUID.randomUUID() + "@example.com");
        org.fieldstone.support.Https h = signIn(a.owner(), a.ownerEmail());
        String path = "/c/" + a.slug() + "/clients/" + client.id() + "/messages";
        assertThat(h.get(path).status()).isEqualTo(200);
        assertThat(h.post(path, Map.of("channel", "EMAIL", "text", "Parts are in.")).status()).isEqualTo(302);
        assertThat(h.get(path).body()).contains("Parts are in.");
        assertThat(h.post(path, Map.of("channel", "EMAIL", "text", "")).status()).isGreaterThanOrEqualTo(400);
        assertThat(h.post(path + "/opt-out", Map.of("channel", "SMS", "optedOut", "true")).status()).isEqualTo(302);
        assertThat(notifications.optedOut(a.company.id(), client.id(), NotificationChannel.SMS)).isTrue();
        assertThat(h.get("/c/" + a.slug() + "/clients/" + client.id()).body()).contains("client-messages");

        TestCompany b = fixtures.company("notify-page-b");
        org.fieldstone.support.Https other = new org.fieldstone.support.Https(port);
        assertThat(other.signIn(b.slug(), b.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(other.get("/c/" + b.slug() + "/clients/" + client.id() + "/messages").status()).isEqualTo(404);
        other.get("/c/" + b.slug() + "/clients"); // a page of its own, for the form token
        assertThat(other.post("/c/" + b.slug() + "/clients/" + client.id() + "/messages/opt-out",
                Map.of("channel", "SMS", "optedOut", "false")).status()).isEqualTo(404);
        assertThat(notifications.optedOut(a.company.id(), client.id(), NotificationChannel.SMS)).isTrue();
    }

    @Test
    void inAppNotificationsAreListedCountedAndMarkedRead() {
        User tech = a.addUser(Role.USER);
        Job job = job(client("inbox-" + UUID.randomUUID() + "@example.com"));
        visitTomorrow(job, 14, tech.id());
        await(() -> service.unread(as(tech)), n -> n > 0);
        org.fieldstone.support.Https t = signIn(tech, tech.email().value());
        var inbox = t.get("/c/" + a.slug() + "/notifications");
        assertThat(inbox.body()).contains(job.number()).contains("unread-badge");
        assertThat(t.post("/c/" + a.slug() + "/notifications/read", Map.of()).status()).isEqualTo(302);
        assertThat(service.unread(as(tech))).isZero();
        assertThat(t.get("/c/" + a.slug() + "/jobs/" + job.id() + "/messages").body()).contains(job.number());
    }

    @Test
    void theSettingsApiReadsAndChangesChannelsQuietHoursAndTemplates() {
        org.fieldstone.support.Https h = new org.fieldstone.support.Https(port);
        String key = a.apiKey(a.owner(), Optional.empty());
        String path = "/api/v1/settings/notifications";
        var got = h.get(path, key);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).contains("\"VISIT_REMINDER\":[\"SMS\"]");
        var put = h.json("PUT", path, key, "{\"clients\": {\"JOB_COMPLETED\": [\"EMAIL\"]}, \"quietEnd\": \"07:30\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(service.settings(owner).forClients(NotificationKind.JOB_COMPLETED)).containsExactly(NotificationChannel.EMAIL);
        assertThat(service.settings(owner).quietEnd()).isEqualTo(LocalTime.of(7, 30));
        assertThat(h.json("PUT", path, key, "{\"clients\": {\"JOB_COMPLETED\": [\"PIGEON\"]}}").status()).isEqualTo(400);
        assertThat(h.json("PUT", path + "/templates/MESSAGE/SMS", key, "{\"body\": \"{{#text}}x{{/text}}\"}").status())
                .isEqualTo(400);
        var saved = h.json("PUT", path + "/templates/MESSAGE/SMS", key, "{\"body\": \"{{company.name}}: {{text}}\"}");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("{{company.name}}: {{text}}");
        User tech = a.addUser(Role.USER);
        assertThat(h.get(path, a.apiKey(tech, Optional.empty())).status()).isEqualTo(403);
    }

    @Test
    void tenThousandRemindersAreQueuedWellWithinAMinuteAndOnlyOnce() {
        Client client = client("bulk-" + UUID.randomUUID() + "@example.com");
        AheadClock at = ahead();
        List<NotificationService.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            drafts.add(new NotificationService.Draft("reminder:bulk-" + i + ":" + at.millis(), NotificationKind.VISIT_REMINDER,
                    Recipient.client(client.id()), client.id(), null, "visit:bulk-" + i,
                    Map.of("client.name", "Ada", "visit.start", "Tue 9:00"), NotificationChannel.TELEGRAM, at.instant()));
        }
        long started = System.nanoTime();
        List<String> queued = service.queue(a.company.id(), drafts);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(queued).hasSize(10_000);
        assertThat(took).as("10,000 reminders queued in %s", took).isLessThan(Duration.ofSeconds(60));
        assertThat(service.queue(a.company.id(), drafts)).as("the next run").isEmpty();
    }
}
