package org.fieldstone.sms;

import org.fieldstone.shared.Actor;

/**
 * Settings → SMS: a company connects its own Twilio account — the account SID and sender here, the auth token in the
 * company's {@link org.fieldstone.tenancy.SecretStore} (never shown again: only a hint) — and caps how many segments it
 * sends a month. Reading and changing need {@code settings:manage}; changes are audited like every setting.
 */
public interface SmsSettings {

    /** The monthly cap where a company set none. */
    long DEFAULT_MONTHLY_CAP = 1_000;

    Setup setup(Actor actor);

    /**
     * Changes what is given: a field null keeps it; the auth token null or blank keeps the stored one.
     *
     * @throws org.fieldstone.shared.InvalidInput an account SID that is not {@code AC} and 32 hex digits, a sender that
     *                                            is neither an E.164 number nor a Messaging Service SID ({@code MG…}),
     *                                            a cap below 0
     */
    Setup update(Actor actor, String accountSid, String authToken, String sender, Long monthlyCap);

    /** Removes the stored auth token: SMS stop. */
    Setup removeToken(Actor actor);

    /**
     * Fetches the company's Account from Twilio with the stored SID and token.
     *
     * @return empty when Twilio accepted them, else a message code ({@code sms.test.not-connected},
     *         {@code sms.test.wrong-token}, {@code sms.test.unreachable})
     */
    java.util.Optional<String> test(Actor actor);

    /**
     * What the settings page and API show.
     *
     * @param accountSid     the Twilio account SID, or null
     * @param authTokenHint  e.g. {@code …4f2a}, or null when no token is stored
     * @param sender         the E.164 number or Messaging Service SID messages are sent from, or null
     * @param monthlyCap     segments a calendar month at most
     * @param usedThisMonth  segments sent this month (the company's time zone)
     * @param webhookUrl     the URL to enter in Twilio for incoming messages: {@code <public-url>/webhooks/twilio/<slug>}
     * @param connected      SID, token and sender are all set
     */
    record Setup(String accountSid, String authTokenHint, String sender, long monthlyCap, long usedThisMonth,
                 String webhookUrl, boolean connected) {
    }
}
