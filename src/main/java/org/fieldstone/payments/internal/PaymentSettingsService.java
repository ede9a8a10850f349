package org.fieldstone.payments.internal;

import org.fieldstone.payments.PaymentSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.SecretStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/** {@link PaymentSettings} over the company's secret store and settings. */
@Service
class PaymentSettingsService implements PaymentSettings {

    private final StripeAccounts accounts;
    private final SecretStore secrets;
    private final CompanySettings settings;
    private final CompanyDatabases databases;
    private final Companies companies;
    private final String publicUrl;

    PaymentSettingsService(StripeAccounts accounts, SecretStore secrets, CompanySettings settings,
                           CompanyDatabases databases, Companies companies,
                           @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.settings = settings;
        this.databases = databases;
        this.companies = companies;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public Setup setup(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        String keyHint = secrets.hint(actor, StripeAccounts.SECRET_KEY);
        String secretHint = secrets.hint(actor, StripeAccounts.WEBHOOK_SECRET);
        String slug = companies.find(actor.tenant()).orElseThrow().slug();
        String url = UriComponentsBuilder.fromUriString(publicUrl).path("/webhooks/stripe/{slug}").buildAndExpand(slug)
                .toUriString();
        String off = accounts.off(actor.tenant()).orElse(null);
        boolean testMode = secrets.reveal(actor.tenant(), StripeAccounts.SECRET_KEY)
                .map(k -> k.startsWith("sk_test_") || k.startsWith("rk_test_")).orElse(false);
        return new Setup(accounts.enabled(actor.tenant()), keyHint, secretHint, url, com.stripe.Stripe.API_VERSION,
                EVENTS, off == null, off, testMode);
    }

    @Override
    public Setup update(Actor actor, Boolean enabled, String secretKey, String webhookSecret) {
        actor.require(Permission.SETTINGS_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String key = blank(secretKey) ? null : secretKey.strip();
        String secret = blank(webhookSecret) ? null : webhookSecret.strip();
        if (key != null && !(key.startsWith("sk_") || key.startsWith("rk_"))) {
            errors.add("secretKey", Message.of("payments.refused.secret-key"));
        }
        if (secret != null && !secret.startsWith("whsec_")) {
            errors.add("webhookSecret", Message.of("payments.refused.webhook-secret"));
        }
        errors.throwIfAny();
        databases.of(actor.tenant()).inTransaction(() -> {
            if (key != null) {
                secrets.set(actor, StripeAccounts.SECRET_KEY, key.toCharArray());
            }
            if (secret != null) {
                secrets.set(actor, StripeAccounts.WEBHOOK_SECRET, secret.toCharArray());
            }
            if (enabled != null) {
                settings.set(actor, StripeAccounts.ENABLED, enabled);
            }
            return null;
        });
        return setup(actor);
    }

    @Override
    public Setup remove(Actor actor, String name) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (!StripeAccounts.SECRET_KEY.equals(name) && !StripeAccounts.WEBHOOK_SECRET.equals(name)) {
            throw new InvalidInput("name", Message.of("payments.refused.secret-name"));
        }
        secrets.removeIfSet(actor, name);
        return setup(actor);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
