package org.fieldstone.payments;

import java.util.List;
import org.fieldstone.shared.Actor;

/**
 * Settings → Payments: a company connects its own Stripe account with its secret key and its webhook's signing secret
 * (kept in the company's {@link org.fieldstone.tenancy.SecretStore}, never shown again: only hints) and switches card
 * payments on or off. Reading and changing need {@code settings:manage}.
 */
public interface PaymentSettings {

    /** The Stripe events the webhook endpoint must send (Stripe's dashboard: "Select events"). */
    List<String> EVENTS = List.of("checkout.session.completed", "checkout.session.async_payment_succeeded",
            "checkout.session.async_payment_failed", "charge.refunded", "charge.dispute.created");

    Setup setup(Actor actor);

    /**
     * Changes what is given: {@code enabled} null keeps it; a key or secret null or blank keeps the stored one.
     *
     * @throws org.fieldstone.shared.InvalidInput a secret key that does not start {@code sk_} or {@code rk_}, a webhook
     *                                            secret that does not start {@code whsec_}
     */
    Setup update(Actor actor, Boolean enabled, String secretKey, String webhookSecret);

    /** Removes a stored key or secret ({@code stripe.secret-key} or {@code stripe.webhook-secret}); card payments stop. */
    Setup remove(Actor actor, String name);

    /**
     * What the settings page and API show.
     *
     * @param enabled           switched on by the company
     * @param secretKeyHint     e.g. {@code sk_…4f2a}, or null when not set
     * @param webhookSecretHint likewise, or null
     * @param webhookUrl        the endpoint to add in Stripe: {@code https://<public-url>/webhooks/stripe/<slug>}
     * @param apiVersion        the API version to choose for that endpoint (stripe-java's own)
     * @param events            the events to send to it
     * @param accepting         customers can pay by card now
     * @param off               why not, when not: {@code no-keys} or {@code switched-off}; null when accepting
     * @param testMode          the secret key is a test-mode key ({@code sk_test_}/{@code rk_test_})
     */
    record Setup(boolean enabled, String secretKeyHint, String webhookSecretHint, String webhookUrl, String apiVersion,
                 List<String> events, boolean accepting, String off, boolean testMode) {
    }
}
