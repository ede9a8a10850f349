package org.fieldstone.payments.internal;

import com.stripe.StripeClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.SecretStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each company's own Stripe account: its keys from the company's secret store, whether it switched card payments on,
 * and one {@link StripeClient} per company (built again when its key changes) talking to
 * {@code fieldstone.payments.stripe.api-base} — Stripe's own API unless tests point it at their fake.
 */
@Component
public class StripeAccounts {

    public static final String SECRET_KEY = "stripe.secret-key";
    public static final String WEBHOOK_SECRET = "stripe.webhook-secret";
    static final CompanySetting<Boolean> ENABLED = CompanySetting.flag("payments.cards-enabled",
            Permission.SETTINGS_MANAGE, false);

    private final SecretStore secrets;
    private final CompanySettings settings;
    private final CompanyDatabases databases;
    private final String apiBase;
    private final Map<TenantId, Client> clients = new ConcurrentHashMap<>();

    StripeAccounts(SecretStore secrets, CompanySettings settings, CompanyDatabases databases,
                   @Value("${fieldstone.payments.stripe.api-base:" + com.stripe.Stripe.LIVE_API_BASE + "}") String apiBase) {
        this.secrets = secrets;
        this.settings = settings;
        this.databases = databases;
        this.apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
    }

    boolean enabled(TenantId tenant) {
        return settings.get(databases.of(tenant), ENABLED);
    }

    /** Why the company takes no cards now ({@code no-keys}, {@code switched-off}), or empty when it does. */
    Optional<String> off(TenantId tenant) {
        if (secrets.reveal(tenant, SECRET_KEY).isEmpty() || secrets.reveal(tenant, WEBHOOK_SECRET).isEmpty()) {
            return Optional.of("no-keys");
        }
        return enabled(tenant) ? Optional.empty() : Optional.of("switched-off");
    }

    /** The company's webhook signing secret, for verifying its webhook's signatures only. */
    Optional<String> webhookSecret(TenantId tenant) {
        return secrets.reveal(tenant, WEBHOOK_SECRET);
    }

    /** The company's client, with its current secret key. */
    StripeClient client(TenantId tenant) {
        String key = secrets.reveal(tenant, SECRET_KEY).orElseThrow();
        String fingerprint = fingerprint(key);
        return clients.compute(tenant, (t, known) -> known != null && known.fingerprint().equals(fingerprint) ? known
                : new Client(fingerprint, StripeClient.builder().setApiKey(key).setApiBase(apiBase)
                        .setConnectTimeout(10_000).setReadTimeout(30_000).setMaxNetworkRetries(2).build())).client();
    }

    private static String fingerprint(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Client(String fingerprint, StripeClient client) {
    }
}
