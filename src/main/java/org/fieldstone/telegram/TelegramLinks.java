package org.fieldstone.telegram;

import java.time.Instant;
import java.util.Optional;
import org.fieldstone.shared.Actor;

/**
 * My account → Link Telegram: a team member binds one Telegram chat to themself with a one-time code (kept hashed,
 * valid {@link #CODE_VALIDITY}, single use) sent to the company's bot, and unlinks it again.
 */
public interface TelegramLinks {

    java.time.Duration CODE_VALIDITY = java.time.Duration.ofMinutes(10);

    /**
     * A new one-time code for the actor (earlier unused codes stay valid until they expire).
     *
     * @throws org.fieldstone.shared.Conflict the company has not connected a bot
     */
    LinkCode newCode(Actor actor);

    /** The actor's linked chat, if any. */
    Optional<Linked> linked(Actor actor);

    /** Unlinks the actor's chat; nothing when none is linked. */
    void unlink(Actor actor);

    /** @param deepLink {@code https://t.me/<bot>?start=<code>} */
    record LinkCode(String code, String deepLink, String botUsername, Instant expiresAt) {
    }

    record Linked(String chatId, Instant since) {
    }
}
