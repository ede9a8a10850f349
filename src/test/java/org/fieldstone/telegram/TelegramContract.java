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

/**
 * The company's Telegram bot against the fake Telegram on loopback, through the real java-telegram-bot-api client:
 * connecting (getMe checked, webhook set with a fresh secret token, the token never shown), the webhook matrix (valid,
 * wrong or missing secret, another company's secret, replay, malformed, oversized, unknown company — a refusal changes
 * nothing and logs no content), linking codes (single use, expiring, the deep link), an unlinked chat learning nothing,
 * commands as the linked user (visibility, audit channel telegram, On my way's event), the assistant's confirmation as
 * inline buttons (performed once), and {@link ChannelSender} for Telegram.
 */
public abstract class TelegramContract extends TelegramTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.fieldstone.notifications.internal.NotificationService notificationSettings;

    /**
     * The commands' answers are read as the chat's last message, so here the team's notices go in the app only: a new
     * visit's notice sent to a just-linked chat would otherwise race the answer (TelegramNotificationsContract proves
     * the notices in Telegram).
     */
    @org.junit.jupiter.api.BeforeEach
    void teamNoticesInTheAppOnly() {
        var now = notificationSettings.settings(owner);
        Map<org.fieldstone.notifications.NotificationKind, java.util.Set<org.fieldstone.notifications.NotificationChannel>>
                team = new java.util.EnumMap<>(org.fieldstone.notifications.NotificationKind.class);
        now.team().keySet().forEach(kind -> team.put(kind, java.util.Set.of(org.fieldstone.notifications.NotificationChannel.IN_APP)));
        notificationSettings.updateSettings(owner, new org.fieldstone.notifications.NotificationSettings(now.clients(), team,
                now.quietStart(), now.quietEnd()));
    }

    // ---- connecting

    @Test
    void connectingChecksTheTokenSetsTheWebhookWithAFreshSecretAndNeverShowsTheToken() {
        FakeTelegram.Call hook = telegram.webhook(token);
        assertThat(telegram.calls(token, "getMe")).hasSize(1);
        assertThat(hook.param("url")).isEqualTo("https://localhost:" + port + "/webhooks/telegram/" + a.slug())
                .isEqualTo(settings.setup(owner).webhookUrl());
        String secret = hook.param("secret_token");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
        assertThat(hook.param("allowed_updates")).contains("message").contains("callback_query");
        assertThat(secrets.reveal(a.company.id(), "telegram.webhook-secret")).contains(secret);
        TelegramSettings.Setup setup = settings.setup(owner);
        assertThat(setup.connected()).isTrue();
        assertThat(setup.botUsername()).startsWith("fieldstone_");
        assertThat(setup.toString()).doesNotContain(token).doesNotContain(secret);

        // connecting again makes a new secret; the old one no longer opens the webhook
        settings.connect(owner, token);
        assertThat(secret()).isNotEqualTo(secret);
        assertThat(telegram.deliver(webhook(a), secret, telegram.message(telegram.nextUpdateId(), newChat(), "hi"))
                .statusCode()).isEqualTo(401);

        // a token Telegram refuses is refused with a clear message, nothing stored
        TestCompany other = fixtures.company("tg-refused");
        Actor otherOwner = new Actor(other.company.id(), Optional.of(other.owner().id()), "o", Role.OWNER,
                Optional.empty(), Channel.WEB, null, null);
        assertThatThrownBy(() -> settings.connect(otherOwner, "999:not-registered-token-not-real"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("does not accept");
        assertThat(settings.setup(otherOwner).connected()).isFalse();
        assertThatThrownBy(() -> settings.connect(as(a.addUser(Role.USER)), token)).isInstanceOf(Forbidden.class);
    }

    @Test
    void disconnectingDeletesTheWebhookAndRemovesBothSecrets() {
        long chat = linked(a.owner());
        settings.disconnect(owner);
        assertThat(telegram.calls(token, "deleteWebhook")).hasSize(1);
        assertThat(secrets.reveal(a.company.id(), "telegram.bot-token")).isEmpty();
        assertThat(secrets.reveal(a.company.id(), "telegram.webhook-secret")).isEmpty();
        assertThat(settings.setup(owner).connected()).isFalse();
        // the old secret opens nothing now
        String old = telegram.webhook(token).param("secret_token");
        assertThat(telegram.deliver(webhook(a), old, telegram.message(telegram.nextUpdateId(), chat, "/today"))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void theSettingsPageShowsTheBotNeverItsTokenAndOnlyToAdmins() {
        Https browser = new Https(port);
        assertThat(browser.signIn(a.slug(), a.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        Https.Response page = browser.get("/c/" + a.slug() + "/settings/telegram");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@fieldstone_").doesNotContain(token).doesNotContain(secret())
                .contains("/webhooks/telegram/" + a.slug());
        assertThat(browser.get("/c/" + a.slug() + "/settings").body()).contains("/settings/telegram");

        User tech = a.addUser(Role.USER);
        Https techBrowser = new Https(port);
        assertThat(techBrowser.signIn(a.slug(), tech.email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(techBrowser.get("/c/" + a.slug() + "/settings/telegram").status()).isEqualTo(403);
        // My account → Link Telegram: a code and the bot's deep link
        assertThat(techBrowser.get("/c/" + a.slug() + "/account/telegram").status()).isEqualTo(200);
        Https.Response code = techBrowser.post("/c/" + a.slug() + "/account/telegram/code", Map.of());
        assertThat(code.status()).isEqualTo(200);
        assertThat(code.body()).containsPattern("https://t.me/fieldstone_[a-z0-9_]+_bot\\?start=[A-Za-z0-9]{24}");
    }

    // ---- the webhook matrix

    @Test
    void theWebhookAcceptsOnlyTheCompanysSecretAndHandlesEachUpdateOnce() {
        long chat = linked(a.owner());
        long before = updates();
        long audit = auditEntries();
        int repliesBefore = telegram.sentTo(token, chat).size();

        TestCompany b = fixtures.company("tg-b");
        String tokenB = newToken();
        telegram.register(tokenB, "fieldstone_b_bot");
        settings.connect(new Actor(b.company.id(), Optional.of(b.owner().id()), "b", Role.OWNER, Optional.empty(),
                Channel.WEB, null, null), tokenB);
        String secretB = telegram.webhook(tokenB).param("secret_token");

        String update = telegram.message(telegram.nextUpdateId(), chat, "/today");
        List<String> logs = CapturedLogs.during(() -> {
            assertThat(telegram.deliver(webhook(a), null, update).statusCode()).as("missing").isEqualTo(401);
            assertThat(telegram.deliver(webhook(a), "wrong-" + secret(), update).statusCode()).as("wrong").isEqualTo(401);
            assertThat(telegram.deliver(webhook(a), secret().substring(1), update).statusCode()).as("shorter")
                    .isEqualTo(401);
            assertThat(telegram.deliver(webhook(a), secretB, update).statusCode()).as("b's secret").isEqualTo(401);
            assertThat(telegram.deliver(URI.create("https://localhost:" + port + "/webhooks/telegram/no-such-company"),
                    secret(), update).statusCode()).as("unknown slug").isEqualTo(404);
            assertThat(telegram.deliver(webhook(a), secret(), "{\"update_id\": ").statusCode()).as("malformed")
                    .isEqualTo(400);
            assertThat(telegram.deliver(webhook(a), secret(), "{\"message\":{}}").statusCode()).as("no update_id")
                    .isEqualTo(400);
            String big = telegram.message(telegram.nextUpdateId(), chat, "x".repeat(70 * 1024));
            assertThat(telegram.deliver(webhook(a), secret(), big).statusCode()).as("oversized").isEqualTo(413);
        });
        assertThat(updates()).as("refusals record nothing").isEqualTo(before);
        assertThat(auditEntries()).isEqualTo(audit);
        assertThat(telegram.sentTo(token, chat)).as("refusals answer nothing in the chat").hasSize(repliesBefore);
        assertThat(String.join("\n", logs)).contains("refused").doesNotContain("/today").doesNotContain("xxxxxxxx")
                .doesNotContain(secret()).doesNotContain(secretB);

        HttpResponse<String> first = telegram.deliver(webhook(a), secret(), update);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(updates()).isEqualTo(before + 1);
        int replies = telegram.sentTo(token, chat).size();
        assertThat(replies).isEqualTo(repliesBefore + 1);
        HttpResponse<String> replay = telegram.deliver(webhook(a), secret(), update);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("replay");
        assertThat(updates()).isEqualTo(before + 1);
        assertThat(telegram.sentTo(token, chat)).as("a replay answers nothing").hasSize(replies);
    }

    // ---- linking

    @Test
    void linkingCodesAreSingleUseExpireAndNeverTellHowCloseTheyWere() {
        User tech = a.addUser(Role.USER);
        TelegramLinks.LinkCode code = links.newCode(as(tech));
        assertThat(code.code()).matches("[A-Za-z0-9]{24}");
        assertThat(code.deepLink()).isEqualTo("https://t.me/" + code.botUsername() + "?start=" + code.code());
        assertThat(code.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(databases.of(a.company.id()).jdbc().sql("SELECT COUNT(*) FROM telegram_link_codes WHERE code_hash = :c")
                .param("c", code.code()).query(Long.class).single()).as("kept hashed").isZero();

        long stranger = newChat();
        String almost = code.code().substring(0, 23) + (code.code().endsWith("a") ? "b" : "a");
        say(stranger, "/start " + almost);
        String refusal = lastReply(stranger);
        assertThat(refusal).contains("Link your account first");

        long chat = newChat();
        say(chat, code.code()); // the code alone works as well as /start <code>
        assertThat(lastReply(chat)).contains("Linked").contains(tech.name());
        assertThat(links.linked(as(tech))).map(TelegramLinks.Linked::chatId).contains(String.valueOf(chat));

        // used: another chat gets the same neutral refusal
        long thief = newChat();
        say(thief, "/start " + code.code());
        assertThat(lastReply(thief)).isEqualTo(refusal);

        // expired after 10 minutes
        TelegramLinks.LinkCode late = links.newCode(as(a.owner()));
        testClock.advance(Duration.ofMinutes(10).plusSeconds(1));
        long ownerChat = newChat();
        say(ownerChat, "/start " + late.code());
        assertThat(lastReply(ownerChat)).isEqualTo(refusal);
        assertThat(links.linked(owner)).isEmpty();

        // unlink from the chat, then the chat learns nothing again
        say(chat, "/unlink");
        assertThat(lastReply(chat)).contains("Unlinked");
        assertThat(links.linked(as(tech))).isEmpty();
        say(chat, "/today");
        assertThat(lastReply(chat)).isEqualTo(refusal);
        assertThat(databases.of(a.company.id()).jdbc().sql("SELECT COUNT(*) FROM audit_log WHERE entity_type ="
                + " 'telegram_chat' AND channel = 'telegram'").query(Long.class).single()).isEqualTo(2);

        // unlink from My account
        long again = linked(tech);
        links.unlink(as(tech));
        say(again, "/jobs");
        assertThat(lastReply(again)).isEqualTo(refusal);
    }

    @Test
    void anUnlinkedChatLearnsNothing() {
        User tech = a.addUser(Role.USER);
        Job job = job(client("Mrs. Keller"), "Boiler service", tech.id());
        visitToday(job, 1, tech.id());
        long stranger = newChat();
        for (String text : List.of("/today", "/next", "/jobs", "/job " + job.number(), "/onmyway", "/finish",
                "/quote Keller Boiler", "What is on today?", "/start", "/help")) {
            say(stranger, text);
            assertThat(lastReply(stranger)).as(text).contains("Link your account first")
                    .doesNotContain("Keller").doesNotContain("Boiler").doesNotContain(job.number())
                    .doesNotContain(tech.name());
        }
        assertThat(visits.visits(owner, job.id()).getFirst().status()).isEqualTo(VisitStatus.SCHEDULED);
    }

    // ---- commands

    @Test
    void aTechniciansTodayListsOnlyTheirVisitsAndAnotherTechniciansJobIsNotFound() {
        User tech = a.addUser(Role.USER);
        User other = a.addUser(Role.USER);
        Client keller = client("Mrs. Keller");
        Job mine = job(keller, "Boiler service", tech.id());
        Job theirs = job(keller, "Leaking tap in the attic", other.id());
        visitToday(mine, 1, tech.id());
        visitToday(theirs, 2, other.id());
        long chat = linked(tech);

        say(chat, "/today");
        assertThat(lastReply(chat)).contains("Boiler service").contains(mine.number()).doesNotContain("Leaking tap")
                .doesNotContain(theirs.number());
        say(chat, "/next");
        assertThat(lastReply(chat)).contains(mine.number());
        say(chat, "/jobs");
        assertThat(lastReply(chat)).contains(mine.number()).doesNotContain(theirs.number());
        say(chat, "/job " + mine.number());
        assertThat(lastReply(chat)).contains("Boiler service").contains("Mrs. Keller");
        say(chat, "/job " + theirs.number());
        assertThat(lastReply(chat)).isEqualTo("No job " + theirs.number() + " found.").doesNotContain("Leaking");
        say(chat, "/job " + theirs.id());
        assertThat(lastReply(chat)).doesNotContain("Leaking").contains("No job");
    }

    @Test
    void onMyWayStartAndFinishRunAsTheUserAuditedThroughTelegram() {
        User tech = a.addUser(Role.USER);
        Job mine = job(client("Mrs. Keller"), "Boiler service", tech.id());
        String visit = visitToday(mine, 1, tech.id());
        long chat = linked(tech);

        say(chat, "/finish");
        assertThat(lastReply(chat)).contains("No visit of yours");
        say(chat, "/onmyway");
        assertThat(lastReply(chat)).contains("On my way").contains(mine.number());
        assertThat(visits.visit(owner, visit).status()).isEqualTo(VisitStatus.EN_ROUTE);
        assertThat(heard.await(e -> e instanceof JobEvents.TechnicianEnRoute t && t.visitId().equals(visit), 1,
                Duration.ofSeconds(10))).hasSize(1);
        say(chat, "/start_visit");
        assertThat(visits.visit(owner, visit).status()).isEqualTo(VisitStatus.IN_PROGRESS);
        say(chat, "/finish");
        assertThat(lastReply(chat)).contains("Finished");
        assertThat(visits.visit(owner, visit).status()).isEqualTo(VisitStatus.COMPLETED);
        List<Map<String, Object>> trail = databases.of(a.company.id()).jdbc().sql("SELECT channel, actor_id, action FROM"
                + " audit_log WHERE entity_id = :v ORDER BY seq").param("v", visit).query().listOfRows();
        assertThat(trail).filteredOn(r -> List.of("en_route", "started", "finished").stream()
                        .anyMatch(act -> String.valueOf(r.get("action")).endsWith(act)))
                .hasSize(3).allMatch(r -> "telegram".equals(r.get("channel")) && tech.id().toString().equals(r.get("actor_id")));

        // a read-only member cannot act on visits from Telegram either
        User reader = a.addUser(Role.READ_ONLY);
        long readerChat = linked(reader);
        say(readerChat, "/quote \"Mrs. Keller\" Boiler service");
        assertThat(lastReply(readerChat)).doesNotContain("Draft quote");
    }

    @Test
    void theVisitStepToolsActOnlyOnVisitsTheCallerSeesAndMayWork() {
        User tech = a.addUser(Role.USER);
        User other = a.addUser(Role.USER);
        User reader = a.addUser(Role.READ_ONLY);
        Job mine = job(client("Mrs. Keller"), "Boiler service", tech.id());
        String visit = visitToday(mine, 1, tech.id());
        String args = "{\"visitId\": \"%s\"}".formatted(visit);

        org.fieldstone.assistant.ToolResult foreign = tools.call(as(other).through(Channel.MCP), "on_my_way", args);
        assertThat(foreign.error()).isTrue();
        assertThat(foreign.content()).contains("not-found").doesNotContain("Boiler");
        assertThat(tools.call(as(reader).through(Channel.MCP), "on_my_way", args).error()).isTrue();
        assertThat(tools.call(as(tech).through(Channel.MCP), "finish_visit", args).error()).as("not started").isTrue();
        assertThat(visits.visit(owner, visit).status()).isEqualTo(VisitStatus.SCHEDULED);

        assertThat(tools.preview(as(tech), "on_my_way", args).content()).contains(mine.number()).contains("Mrs. Keller");
        org.fieldstone.assistant.ToolResult done = tools.call(as(tech).through(Channel.MCP), "on_my_way", args);
        assertThat(done.error()).as(done.content()).isFalse();
        assertThat(done.content()).contains("EN_ROUTE").contains(mine.number());
        assertThat(tools.call(as(tech).through(Channel.MCP), "start_visit", args).content()).contains("IN_PROGRESS");
        assertThat(tools.call(as(tech).through(Channel.MCP), "finish_visit", args).content()).contains("COMPLETED");
    }

    @Test
    void quoteMakesADraftForOneClientAndAsksWhenTheNameIsAmbiguous() {
        User tech = a.addUser(Role.USER);
        client("Anna Keller");
        client("Bruno Keller");
        long chat = linked(tech);
        say(chat, "/quote Keller New boiler");
        assertThat(lastReply(chat)).contains("Which client").contains("Anna Keller").contains("Bruno Keller");
        say(chat, "/quote \"Anna Keller\" New boiler with installation");
        assertThat(lastReply(chat)).contains("Draft quote").contains("Anna Keller");
        assertThat(databases.of(a.company.id()).jdbc().sql("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'quote'"
                + " AND channel = 'telegram'").query(Long.class).single()).isPositive();
    }

    // ---- the assistant

    @Test
    void plainTextGoesToTheAssistantAndConfirmPerformsTheWriteOnce() {
        User tech = a.addUser(Role.USER);
        long chat = linked(tech);
        say(chat, "How many visits do I have?");
        assertThat(lastReply(chat)).contains("assistant is off");

        FakeAiProvider ai = FakeAiProvider.start();
        String key = "sk-ant-fake-" + UUID.randomUUID();
        assistant.update(owner, Assistant.Provider.ANTHROPIC, ai.anthropicBase(), "claude-fake", key, true);
        Job mine = job(client("Mrs. Keller"), "Boiler service", tech.id());
        ai.script(key, FakeAiProvider.Step.tool("add_job_note", "{\"jobId\": \"%s\", \"body\": \"Bring the spare valve\"}"
                .formatted(mine.id())), FakeAiProvider.Step.text("I can add that note once you confirm."));
        say(chat, "Note on the boiler job: bring the spare valve");
        List<FakeTelegram.Call> sent = telegram.sentTo(token, chat);
        FakeTelegram.Call proposal = sent.stream().filter(c -> c.param("reply_markup") != null).reduce((x, y) -> y)
                .orElseThrow();
        assertThat(proposal.param("text")).contains(mine.number()).contains("Bring the spare valve");
        assertThat(proposal.param("reply_markup")).contains("Confirm").contains("Cancel").contains("ok:");
        assertThat(jobs.notes(owner, mine.id())).isEmpty();
        String data = com.google.gson.JsonParser.parseString(proposal.param("reply_markup")).getAsJsonObject()
                .getAsJsonArray("inline_keyboard").get(0).getAsJsonArray().get(0).getAsJsonObject().get("callback_data")
                .getAsString();

        // another Telegram user tapping in the chat does nothing
        int messageId = 4242;
        telegram.deliver(webhook(a), secret(), telegram.callback(telegram.nextUpdateId(), chat, chat + 1, messageId, data));
        assertThat(jobs.notes(owner, mine.id())).isEmpty();

        String tap = telegram.callback(telegram.nextUpdateId(), chat, chat, messageId, data);
        assertThat(telegram.deliver(webhook(a), secret(), tap).statusCode()).isEqualTo(200);
        assertThat(jobs.notes(owner, mine.id())).hasSize(1);
        assertThat(lastReply(chat)).contains("Done");
        assertThat(telegram.calls(token, "answerCallbackQuery")).isNotEmpty();
        // the same update again, and a second tap (a new update): nothing more
        assertThat(telegram.deliver(webhook(a), secret(), tap).statusCode()).isEqualTo(200);
        telegram.deliver(webhook(a), secret(), telegram.callback(telegram.nextUpdateId(), chat, chat, messageId, data));
        assertThat(lastReply(chat)).contains("already");
        assertThat(jobs.notes(owner, mine.id())).hasSize(1);
    }

    // ---- notifications through Telegram

    ChannelSender sender() {
        return senders.stream().filter(s -> s.channel() == NotificationChannel.TELEGRAM).findFirst().orElseThrow();
    }

    Outgoing outgoing(Recipient to, List<Outgoing.Button> buttons) {
        return new Outgoing(a.company.id(), UUID.randomUUID().toString(), "e:" + to.key() + ":telegram",
                NotificationKind.VISIT_SCHEDULED, to, "New visit", "New visit: Boiler service tomorrow 10:00", buttons);
    }

    @Test
    void theSenderReachesLinkedTeamMembersOnly() {
        User tech = a.addUser(Role.USER);
        User unlinked = a.addUser(Role.USER);
        long chat = linked(tech);
        ChannelSender sender = sender();
        assertThat(sender.unreachable(a.company.id(), Recipient.user(tech.id().toString()))).isEmpty();
        assertThat(sender.unreachable(a.company.id(), Recipient.user(unlinked.id().toString())))
                .contains("telegram.not-linked");
        assertThat(sender.unreachable(a.company.id(), Recipient.client("any"))).contains("telegram.clients-not-supported");
        TestCompany none = fixtures.company("tg-none");
        assertThat(sender.unreachable(none.company.id(), Recipient.user(none.owner().id().toString())))
                .contains("telegram.not-connected");

        String id = sender.send(outgoing(Recipient.user(tech.id().toString()),
                List.of(new Outgoing.Button("Open", "open:1"))));
        assertThat(id).matches("\\d+");
        FakeTelegram.Call sent = telegram.sentTo(token, chat).getLast();
        assertThat(sent.param("text")).isEqualTo("New visit: Boiler service tomorrow 10:00");
        assertThat(sent.param("reply_markup")).contains("open:1").contains("Open");

        telegram.failNext(token, 429);
        assertThatThrownBy(() -> sender.send(outgoing(Recipient.user(tech.id().toString()), List.of())))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.retryable()).isTrue());
        telegram.failNext(token, 502);
        assertThatThrownBy(() -> sender.send(outgoing(Recipient.user(tech.id().toString()), List.of())))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.retryable()).isTrue());
        telegram.block(String.valueOf(chat));
        assertThatThrownBy(() -> sender.send(outgoing(Recipient.user(tech.id().toString()), List.of())))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.retryable()).isFalse();
                    assertThat(f.reason()).isEqualTo("telegram.blocked");
                });
        assertThatThrownBy(() -> sender.send(outgoing(Recipient.client("c"), List.of())))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.retryable()).isFalse());
    }

    @Test
    void linkingNeedsAConnectedBot() {
        TestCompany none = fixtures.company("tg-nobot");
        Actor noneOwner = new Actor(none.company.id(), Optional.of(none.owner().id()), "o", Role.OWNER, Optional.empty(),
                Channel.WEB, null, null);
        assertThatThrownBy(() -> links.newCode(noneOwner)).isInstanceOf(Conflict.class);
    }
}
