package org.fieldstone.telegram;

import org.fieldstone.shared.Actor;

/**
 * Settings → Telegram: a company connects its own bot (a token from BotFather), kept in the company's secret store and
 * never shown again. Reading and changing need {@code settings:manage}; connecting and disconnecting are audited.
 */
public interface TelegramSettings {

    Setup setup(Actor actor);

    /**
     * Checks the token with Telegram ({@code getMe}), stores it, generates a new webhook secret token and sets the
     * webhook to {@code <public-url>/webhooks/telegram/<slug>} for messages and callback queries.
     *
     * @throws org.fieldstone.shared.InvalidInput a blank token, or one Telegram refuses
     */
    Setup connect(Actor actor, String botToken);

    /** Deletes the webhook (best effort) and removes the token and the webhook secret. */
    Setup disconnect(Actor actor);

    /**
     * @param connected   a token is stored
     * @param botUsername the bot's @username (without the @), or null
     * @param tokenHint   a few characters of the stored token, or null
     * @param webhookUrl  where Telegram sends the bot's updates
     */
    record Setup(boolean connected, String botUsername, String tokenHint, String webhookUrl) {
    }
}
