package org.fieldstone.telegram.internal;

import com.pengrad.telegrambot.TelegramBot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.SecretStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each company's bot: its token and webhook secret from the company's secret store, its @username as a company
 * setting, and one {@link TelegramBot} per company (built again when the token changes, dropped on disconnect), all
 * over one shared {@link OkHttpClient}, talking to {@code fieldstone.telegram.api-url} — Telegram's own unless tests
 * point it at their fake.
 */
@Component
public class TelegramBots {

    public static final String BOT_TOKEN = "telegram.bot-token";
    public static final String WEBHOOK_SECRET = "telegram.webhook-secret";
    static final CompanySetting<String> USERNAME = new CompanySetting<>("telegram.bot-username",
            Permission.SETTINGS_MANAGE, "", s -> s, s -> s);

    private final SecretStore secrets;
    private final CompanySettings settings;
    private final CompanyDatabases databases;
    private final String apiUrl;
    private final OkHttpClient http;
    private final Map<TenantId, Bot> bots = new ConcurrentHashMap<>();

    TelegramBots(SecretStore secrets, CompanySettings settings, CompanyDatabases databases,
                 @Value("${fieldstone.telegram.api-url:https://api.telegram.org/bot}") String apiUrl) {
        this.secrets = secrets;
        this.settings = settings;
        this.databases = databases;
        this.apiUrl = apiUrl;
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofSeconds(45)).build();
    }

    /** A bot for a token not stored yet (checking it with getMe before it is). */
    TelegramBot forToken(String token) {
        return new TelegramBot.Builder(token).apiUrl(apiUrl).okHttpClient(http).build();
    }

    /** The company's bot, when it connected one. */
    Optional<TelegramBot> bot(TenantId tenant) {
        Optional<String> token = secrets.reveal(tenant, BOT_TOKEN);
        if (token.isEmpty()) {
            bots.remove(tenant);
            return Optional.empty();
        }
        String fingerprint = fingerprint(token.get());
        return Optional.of(bots.compute(tenant, (t, known) -> known != null && known.fingerprint().equals(fingerprint)
                ? known : new Bot(fingerprint, forToken(token.get()))).bot());
    }

    /** Forgets the company's cached bot (its token changed or was removed). */
    void invalidate(TenantId tenant) {
        bots.remove(tenant);
    }

    boolean connected(TenantId tenant) {
        return secrets.reveal(tenant, BOT_TOKEN).isPresent();
    }

    Optional<String> webhookSecret(TenantId tenant) {
        return secrets.reveal(tenant, WEBHOOK_SECRET);
    }

    /** The bot's @username without the @, or empty. */
    Optional<String> username(TenantId tenant) {
        String name = settings.get(databases.of(tenant), USERNAME);
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    static String fingerprint(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Bot(String fingerprint, TelegramBot bot) {
    }
}
