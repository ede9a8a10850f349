package org.fieldstone.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.assistant.Assistant;
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
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.Visits;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.notifications.DeliveryFailure;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.Outgoing;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.support.CapturedLogs;
import org.fieldstone.support.FakeAiProvider;
import org.fieldstone.support.FakeTelegram;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.HeardEvents;
import org.fieldstone.support.Https;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.SecretStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** What the Telegram contracts share: a company with its bot connected to the fake Telegram, chats, helpers. */
public abstract class TelegramTestSupport {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired org.fieldstone.assistant.Tools tools;
    @Autowired TelegramSettings settings;
    @Autowired TelegramLinks links;
    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired Assistant assistant;
    @Autowired TestClock testClock;
    @Autowired Clock clock;
    @Autowired SecretStore secrets;
    @Autowired CompanyDatabases databases;
    @Autowired HeardEvents heard;
    @Autowired List<ChannelSender> senders;
    @Value("${server.port}") int port;

    FakeTelegram telegram;
    TestCompany a;
    Actor owner;
    String token;
    long chats = System.nanoTime() % 1_000_000_000L;

    @BeforeEach
    void connected() {
        telegram = FakeTelegram.start();
        a = fixtures.company("tg");
        owner = as(a.owner());
        token = newToken();
        telegram.register(token, "fieldstone_" + a.slug().replace('-', '_') + "_bot");
        settings.connect(owner, token);
    }

    static String newToken() {
        return "123456:test-bot-token-not-real-" + UUID.randomUUID();
    }

    Actor as(User user) {
        return new Actor(a.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(), Channel.WEB,
                null, null);
    }

    URI webhook(TestCompany c) {
        return URI.create("https://localhost:" + port + "/webhooks/telegram/" + c.slug());
    }

    String secret() {
        return telegram.webhook(token).param("secret_token");
    }

    long newChat() {
        return ++chats;
    }

    /** Sends {@code text} from the chat, verified; answers the HTTP status. */
    int say(long chat, String text) {
        return telegram.deliver(webhook(a), secret(), telegram.message(telegram.nextUpdateId(), chat, text)).statusCode();
    }

    /** The last thing the bot sent to the chat. */
    String lastReply(long chat) {
        List<FakeTelegram.Call> sent = telegram.sentTo(token, chat);
        assertThat(sent).as("the bot answered chat " + chat).isNotEmpty();
        return sent.getLast().param("text");
    }

    long linked(User user) {
        long chat = newChat();
        TelegramLinks.LinkCode code = links.newCode(as(user));
        assertThat(say(chat, "/start " + code.code())).isEqualTo(200);
        assertThat(lastReply(chat)).contains("Linked").contains(user.name());
        return chat;
    }

    long updates() {
        return databases.of(a.company.id()).jdbc().sql("SELECT COUNT(*) FROM telegram_updates").query(Long.class).single();
    }

    long auditEntries() {
        return databases.of(a.company.id()).jdbc().sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
    }

    Client client(String name) {
        return clients.create(owner, new NewClient(name, "keller@example.com", "+41446681800", null, List.of()),
                new NewProperty(null, "Bahnhofstrasse 1", "Zürich", null, "8001", "CH", null, null));
    }

    Job job(Client client, String title, UserId assignee) {
        return jobs.create(owner, new NewJob(client.id(), clients.properties(owner, client.id()).getFirst().id(), title,
                null, null, List.of(), List.of(), null, List.of(assignee), null, List.of(), null, null));
    }

    String visitToday(Job job, int hour, UserId assignee) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZURICH);
        return visits.addVisit(owner, job.id(), new NewVisit(today + "T" + "%02d:00".formatted(hour),
                today + "T" + "%02d:45".formatted(hour), List.of(assignee))).visit().id();
    }

}
