package org.fieldstone.sms.internal;

import com.twilio.http.TwilioRestClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.SecretStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Each company's own Twilio account: its SID, sender and monthly cap (company settings), its auth token (the company's
 * secret store, {@code twilio.auth-token}), and one {@link TwilioRestClient} per company, built again when the SID or
 * token changes. The clients send through {@link RebasingHttpClient}: to Twilio itself unless
 * {@code fieldstone.sms.twilio.api-base-url} (tests only) points them at the fake.
 */
@Component
class TwilioAccounts {

    static final String AUTH_TOKEN = "twilio.auth-token";
    static final CompanySetting<String> ACCOUNT_SID = new CompanySetting<>("sms.account-sid", Permission.SETTINGS_MANAGE,
            "", s -> s == null ? "" : s, s -> s);
    static final CompanySetting<String> SENDER = new CompanySetting<>("sms.sender", Permission.SETTINGS_MANAGE, "",
            s -> s == null ? "" : s, s -> s);
    static final CompanySetting<Long> MONTHLY_CAP = new CompanySetting<>("sms.monthly-cap", Permission.SETTINGS_MANAGE,
            org.fieldstone.sms.SmsSettings.DEFAULT_MONTHLY_CAP, Long::parseLong, l -> Long.toString(l));

    private final SecretStore secrets;
    private final CompanySettings settings;
    private final CompanyDatabases databases;
    private final Companies companies;
    private final String publicUrl;
    private final RebasingHttpClient http;
    private final Map<TenantId, Cached> clients = new ConcurrentHashMap<>();

    TwilioAccounts(SecretStore secrets, CompanySettings settings, CompanyDatabases databases, Companies companies,
                   @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl,
                   @Value("${fieldstone.sms.twilio.api-base-url:}") String apiBaseUrl) {
        this.secrets = secrets;
        this.settings = settings;
        this.databases = databases;
        this.companies = companies;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        // one HTTP client (and connection pool) for every company's Twilio client
        this.http = new RebasingHttpClient(apiBaseUrl);
    }

    /** SID, token and sender as the company set them; empty unless all three are set. */
    Optional<Account> account(TenantId tenant) {
        var db = databases.of(tenant);
        String sid = settings.get(db, ACCOUNT_SID);
        String sender = settings.get(db, SENDER);
        Optional<String> token = secrets.reveal(tenant, AUTH_TOKEN);
        if (sid.isBlank() || sender.isBlank() || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Account(sid, token.get(), sender));
    }

    String accountSid(TenantId tenant) {
        return settings.get(databases.of(tenant), ACCOUNT_SID);
    }

    String sender(TenantId tenant) {
        return settings.get(databases.of(tenant), SENDER);
    }

    long monthlyCap(TenantId tenant) {
        return settings.get(databases.of(tenant), MONTHLY_CAP);
    }

    /** The company's auth token, for verifying its webhook's signatures (and its client) only. */
    Optional<String> authToken(TenantId tenant) {
        return secrets.reveal(tenant, AUTH_TOKEN);
    }

    /**
     * The company's webhook as Twilio calls it, built from {@code fieldstone.public-url} (never from a request's Host:
     * behind a proxy the application sees another host): {@code <public-url>/webhooks/twilio/<slug>}.
     */
    String webhookUrl(TenantId tenant) {
        String slug = companies.find(tenant).orElseThrow().slug();
        return webhookUrl(slug);
    }

    String webhookUrl(String slug) {
        return UriComponentsBuilder.fromUriString(publicUrl).path("/webhooks/twilio/{slug}").buildAndExpand(slug)
                .toUriString();
    }

    /** The public URL's origin and path prefix, to which a webhook request's path and query are appended. */
    String publicUrl() {
        return publicUrl;
    }

    /** The company's client for its current SID and token: made once, again only when either changed. */
    TwilioRestClient client(TenantId tenant, Account account) {
        String fingerprint = fingerprint(account.sid() + "\n" + account.token());
        return clients.compute(tenant, (t, known) -> known != null && known.fingerprint().equals(fingerprint) ? known
                : new Cached(fingerprint, new TwilioRestClient.Builder(account.sid(), account.token())
                        .httpClient(http).build())).client();
    }

    /** Forgets the company's client (its settings changed). */
    void invalidate(TenantId tenant) {
        clients.remove(tenant);
    }

    private static String fingerprint(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Account(String sid, String token, String sender) {

        @Override
        public String toString() {
            return "Account[" + sid + ", token hidden, " + sender + "]";
        }
    }

    private record Cached(String fingerprint, TwilioRestClient client) {
    }
}
