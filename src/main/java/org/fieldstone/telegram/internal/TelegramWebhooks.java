package org.fieldstone.telegram.internal;

import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.utility.BotUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A company's Telegram webhook: the {@code X-Telegram-Bot-Api-Secret-Token} header is compared with the company's
 * webhook secret in constant time ({@link MessageDigest#isEqual}) before the body is read; the update is recorded by
 * its {@code update_id} first (a replay finds it and changes nothing), then handled as the linked user
 * ({@link TelegramChats}). Refusals are logged with the company, the address and the reason, never the content.
 */
@Service
public class TelegramWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhooks.class);

    /** What became of a verified update. */
    public enum Outcome { HANDLED, REPLAY, IGNORED }

    private final Companies companies;
    private final CompanyDatabases databases;
    private final TelegramBots bots;
    private final RecordStore store;
    private final TelegramChats chats;

    TelegramWebhooks(Companies companies, CompanyDatabases databases, TelegramBots bots, RecordStore store,
                     TelegramChats chats) {
        this.companies = companies;
        this.databases = databases;
        this.bots = bots;
        this.store = store;
        this.chats = chats;
    }

    /**
     * Verifies and handles one update of the company at {@code slug}.
     *
     * @throws NotFound        no active company has that address
     * @throws Unauthenticated the secret token is missing or not the company's
     * @throws InvalidInput    verified, but not an update
     */
    public Outcome handle(String slug, byte[] body, String secretToken, String ip) {
        Company company = companies.findBySlug(slug == null ? "" : slug).filter(Company::isActive)
                .orElseThrow(() -> new NotFound(Message.of("telegram.thing.webhook")));
        Optional<String> secret = bots.webhookSecret(company.id());
        if (!verified(secretToken, secret)) {
            log.info("Telegram webhook of {} refused from {}: {}", company.slug(), ip, secret.isEmpty()
                    ? "no bot connected" : secretToken == null || secretToken.isEmpty() ? "no secret token"
                    : "wrong secret token");
            throw new Unauthenticated(Message.of("telegram.webhook.unverified"));
        }
        Update update;
        try {
            update = BotUtils.parseUpdate(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.info("Telegram webhook of {} refused from {}: not an update ({})", company.slug(), ip,
                    e.getClass().getSimpleName());
            throw malformed();
        }
        if (update == null || update.updateId() == null) {
            log.info("Telegram webhook of {} refused from {}: no update_id", company.slug(), ip);
            throw malformed();
        }
        String kind = update.message() != null ? "message" : update.callbackQuery() != null ? "callback_query" : "other";
        if (!record(company, update.updateId().toString(), kind)) {
            return Outcome.REPLAY;
        }
        if (kind.equals("other")) {
            return Outcome.IGNORED;
        }
        try {
            chats.handle(company, update);
        } catch (RuntimeException e) {
            // the update is recorded: Telegram must not send it again; the chat got no answer, the log says why
            log.warn("Telegram update {} of {} failed: {}", update.updateId(), company.slug(), e.toString());
        }
        return Outcome.HANDLED;
    }

    /** Constant time in the secret's content: both sides compared as bytes with {@link MessageDigest#isEqual}. */
    static boolean verified(String given, Optional<String> secret) {
        if (given == null || given.isEmpty() || secret.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                secret.get().getBytes(StandardCharsets.UTF_8));
    }

    /** Records the update; false when it was recorded before (a replay, or the same update delivered twice at once). */
    private boolean record(Company company, String updateId, String kind) {
        CompanyDatabase db = databases.of(company.id());
        if (seen(db, updateId)) {
            return false;
        }
        Actor telegram = TelegramLinkService.systemFor(company.id());
        try {
            db.inTransaction(() -> store.insert(telegram, updateId, Changes.of(TelegramTables.UPDATES)
                    .set(TelegramTables.KIND, kind), "received"));
            return true;
        } catch (RuntimeException e) {
            if (seen(db, updateId)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean seen(CompanyDatabase db, String updateId) {
        return db.jdbc().sql("SELECT COUNT(*) FROM telegram_updates WHERE id = :id").param("id", updateId)
                .query(Long.class).single() > 0;
    }

    private static InvalidInput malformed() {
        return new InvalidInput("body", Message.of("telegram.webhook.malformed"));
    }
}
