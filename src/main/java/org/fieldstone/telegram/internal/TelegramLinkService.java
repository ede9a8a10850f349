package org.fieldstone.telegram.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.telegram.TelegramLinks;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.stereotype.Service;

/**
 * {@link TelegramLinks}: one-time codes (from a CSPRNG, only their SHA-256 kept, 10 minutes, single use) and the
 * chats bound to team members, written through the one write path (audited; through channel {@code telegram} when the
 * chat did it).
 */
@Service
class TelegramLinkService implements TelegramLinks {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /** 24 characters of 57: about 140 bits. */
    static final int CODE_LENGTH = 24;

    private final CompanyDatabases databases;
    private final RecordStore store;
    private final TelegramBots bots;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TelegramLinkService(CompanyDatabases databases, RecordStore store, TelegramBots bots, Clock clock) {
        this.databases = databases;
        this.store = store;
        this.bots = bots;
        this.clock = clock;
    }

    /** A chat bound to a user. */
    record Chat(String id, UserId userId, String chatId, String conversationId, long version, Instant since) {
    }

    @Override
    public LinkCode newCode(Actor actor) {
        UserId user = actor.userId().orElseThrow(() -> new Conflict(Message.of("telegram.refused.no-user")));
        String username = bots.connected(actor.tenant()) ? bots.username(actor.tenant()).orElse(null) : null;
        if (username == null) {
            throw new Conflict(Message.of("telegram.refused.not-connected"));
        }
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Instant expires = clock.instant().plus(CODE_VALIDITY);
        store.insert(actor, Changes.of(TelegramTables.LINK_CODES).set(TelegramTables.USER_ID, user.toString())
                .set(TelegramTables.CODE_HASH, TelegramBots.fingerprint(code.toString()))
                .set(TelegramTables.EXPIRES_AT, expires.toEpochMilli()));
        return new LinkCode(code.toString(), "https://t.me/" + username + "?start=" + code, username, expires);
    }

    @Override
    public Optional<Linked> linked(Actor actor) {
        return actor.userId().flatMap(u -> chatOfUser(actor.tenant(), u)).map(c -> new Linked(c.chatId(), c.since()));
    }

    @Override
    public void unlink(Actor actor) {
        actor.userId().flatMap(u -> chatOfUser(actor.tenant(), u)).ifPresent(c -> unbind(actor, c));
    }

    void unbind(Actor actor, Chat chat) {
        store.delete(actor, TelegramTables.CHATS, RecordKey.of(chat.id()), chat.version(), "unlinked");
    }

    /**
     * The user whose unused, unexpired code this is, after marking it used; empty for anything else (a wrong, used or
     * expired code — all alike).
     */
    Optional<UserId> redeem(TenantId tenant, String code) {
        if (code == null || code.length() != CODE_LENGTH) {
            return Optional.empty();
        }
        CompanyDatabase db = databases.of(tenant);
        long now = clock.instant().toEpochMilli();
        return db.inTransaction(() -> {
            var row = db.jdbc().sql("SELECT id, user_id, version FROM telegram_link_codes WHERE code_hash = :h"
                            + " AND used_at IS NULL AND expires_at > :now")
                    .param("h", TelegramBots.fingerprint(code)).param("now", now)
                    .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}).optional();
            if (row.isEmpty()) {
                return Optional.<UserId>empty();
            }
            UserId user = UserId.parse((String) row.get()[1]);
            Actor as = systemFor(tenant);
            try {
                store.change(as, RecordKey.of((String) row.get()[0]), (Long) row.get()[2],
                        Changes.of(TelegramTables.LINK_CODES).set(TelegramTables.USED_AT, now), "used");
            } catch (org.fieldstone.shared.VersionConflict e) {
                return Optional.<UserId>empty(); // used at the same moment by another chat
            }
            return Optional.of(user);
        });
    }

    /** Binds {@code chatId} to the user: whatever that chat or that user was bound to before is unbound. */
    Chat bind(Actor user, String chatId) {
        CompanyDatabase db = databases.of(user.tenant());
        UserId id = user.userId().orElseThrow();
        return db.inTransaction(() -> {
            chatById(user.tenant(), chatId).ifPresent(c -> unbind(user, c));
            chatOfUser(user.tenant(), id).ifPresent(c -> unbind(user, c));
            store.insert(user, TelegramTables.CHATS, java.util.UUID.randomUUID().toString(),
                    Changes.of(TelegramTables.CHATS).set(TelegramTables.USER_ID, id.toString())
                            .set(TelegramTables.CHAT_ID, chatId).values(), "linked");
            return chatById(user.tenant(), chatId).orElseThrow();
        });
    }

    void conversation(Actor user, Chat chat, String conversationId) {
        store.change(user, RecordKey.of(chat.id()), chat.version(), Changes.of(TelegramTables.CHATS)
                .set(TelegramTables.CONVERSATION_ID, conversationId), "continued");
    }

    Optional<Chat> chatById(TenantId tenant, String chatId) {
        return find(tenant, "chat_id", chatId);
    }

    Optional<Chat> chatOfUser(TenantId tenant, UserId user) {
        return find(tenant, "user_id", user.toString());
    }

    private Optional<Chat> find(TenantId tenant, String column, String value) {
        return databases.of(tenant).jdbc().sql("SELECT id, user_id, chat_id, conversation_id, version, created_at"
                        + " FROM telegram_chats WHERE " + column + " = :v").param("v", value)
                .query((rs, n) -> new Chat(rs.getString(1), UserId.parse(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getLong(5), Instant.ofEpochMilli(rs.getLong(6)))).optional();
    }

    static Actor systemFor(TenantId tenant) {
        return Actor.system(tenant, org.fieldstone.shared.Channel.TELEGRAM);
    }
}
