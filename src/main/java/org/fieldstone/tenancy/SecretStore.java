package org.fieldstone.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.TenantId;

/**
 * Credentials of the services Fieldstone connects to (Stripe, Twilio, Telegram, the AI provider, SMTP), per
 * company and platform-wide (SPEC §3.5). Values are stored only encrypted — a company's under its own key,
 * bound to the company and the secret's name; the platform's under the platform key — and are never shown
 * again: pages, the CLI and the audit trail see a {@link Secret#hint() hint} and who changed it when.
 * Configuration refers to a secret by its name, never by its value.
 *
 * <p>Only the {@link #KNOWN known names} can be set, so a typo is refused rather than stored where no
 * integration will look for it.
 */
public interface SecretStore {

    /** The secrets integrations read, in the order the settings page lists them. */
    List<String> KNOWN = List.of("stripe.secret-key", "stripe.webhook-secret", "twilio.auth-token",
            "telegram.bot-token", "telegram.webhook-secret", "ai.api-key", "smtp.password");

    /** Secrets only the platform has (set with the CLI's {@code secrets set --platform}), never a company. */
    List<String> PLATFORM_ONLY = List.of("alerts.webhook-secret");

    /**
     * Sets or replaces a company's secret (needs {@code settings:manage}); audited with its name and hint,
     * never its value.
     *
     * @throws org.fieldstone.shared.InvalidInput an unknown name, or a value that is empty, longer than 4096
     *                                            characters or holds control characters
     */
    Secret set(Actor actor, String name, char[] value);

    /**
     * Like {@link #set(Actor, String, char[])}, but only if the secret is still at {@code expectedVersion}
     * (0: not set).
     *
     * @throws org.fieldstone.shared.VersionConflict when someone else changed it meanwhile; nothing is written
     */
    Secret set(Actor actor, String name, char[] value, long expectedVersion);

    /** Removes a company's secret (needs {@code settings:manage}); audited. */
    void remove(Actor actor, String name);

    /** Like {@link #remove(Actor, String)}, but only if the secret is still at {@code expectedVersion}. */
    void remove(Actor actor, String name, long expectedVersion);

    /** The company's secrets that are set, by name (needs {@code settings:manage}): hints, never values. */
    List<Secret> list(Actor actor);

    /**
     * The hint of a company's secret as a settings page shows it (needs {@code settings:manage}), or null when it is
     * not set.
     */
    default String hint(Actor actor, String name) {
        return list(actor).stream().filter(s -> s.name().equals(name)).map(Secret::hint).findFirst().orElse(null);
    }

    /** Removes a company's secret if it is set (needs {@code settings:manage}); nothing is written when it is not. */
    default void removeIfSet(Actor actor, String name) {
        if (list(actor).stream().anyMatch(s -> s.name().equals(name))) {
            remove(actor, name);
        }
    }

    /**
     * The value of a company's secret, for the integration that uses it on the server. Never for a page, an
     * API answer or a log line.
     *
     * @throws org.fieldstone.crypto.CryptoFailure when the stored value does not open (altered or moved)
     */
    Optional<String> reveal(TenantId tenant, String name);

    /** Sets or replaces a platform-wide secret (the operator's CLI); logged by name. */
    Secret setPlatform(String name, char[] value);

    /** Removes a platform-wide secret; false when it was not set. */
    boolean removePlatform(String name);

    List<Secret> listPlatform();

    /** The value of a platform-wide secret, for server-side use only. */
    Optional<String> revealPlatform(String name);

    /**
     * A secret as it may be shown.
     *
     * @param hint      a few characters to recognise it by, e.g. {@code sk_…4f2a}, or just {@code …}
     * @param updatedBy the user id, or {@code cli}/{@code system}
     */
    record Secret(String name, String hint, long version, Instant updatedAt, String updatedBy) {
    }
}
