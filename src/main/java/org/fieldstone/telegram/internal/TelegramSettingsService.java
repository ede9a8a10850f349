package org.fieldstone.telegram.internal;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.request.DeleteWebhook;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.SetWebhook;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.GetMeResponse;
import java.security.SecureRandom;
import java.util.List;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.telegram.TelegramSettings;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/** {@link TelegramSettings} over the company's secret store, Telegram's getMe/setWebhook/deleteWebhook. */
@Service
class TelegramSettingsService implements TelegramSettings {

    private static final Logger log = LoggerFactory.getLogger(TelegramSettingsService.class);
    /** Telegram's alphabet for secret_token: A-Z, a-z, 0-9, _ and -; 1 to 256 characters. */
    static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    static final int SECRET_LENGTH = 48;
    static final String[] ALLOWED_UPDATES = {"message", "callback_query"};

    private final TelegramBots bots;
    private final SecretStore secrets;
    private final CompanySettings settings;
    private final CompanyDatabases databases;
    private final Companies companies;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();

    TelegramSettingsService(TelegramBots bots, SecretStore secrets, CompanySettings settings, CompanyDatabases databases,
                            Companies companies,
                            @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl) {
        this.bots = bots;
        this.secrets = secrets;
        this.settings = settings;
        this.databases = databases;
        this.companies = companies;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public Setup setup(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        List<SecretStore.Secret> set = secrets.list(actor);
        String hint = set.stream().filter(s -> s.name().equals(TelegramBots.BOT_TOKEN)).map(SecretStore.Secret::hint)
                .findFirst().orElse(null);
        return new Setup(hint != null, hint == null ? null : bots.username(actor.tenant()).orElse(null), hint,
                webhookUrl(actor));
    }

    String webhookUrl(Actor actor) {
        String slug = companies.find(actor.tenant()).orElseThrow().slug();
        return UriComponentsBuilder.fromUriString(publicUrl).path("/webhooks/telegram/{slug}").buildAndExpand(slug)
                .toUriString();
    }

    @Override
    public Setup connect(Actor actor, String botToken) {
        actor.require(Permission.SETTINGS_MANAGE);
        String token = botToken == null ? "" : botToken.strip();
        if (token.isEmpty() || token.length() > 200 || !token.matches("[A-Za-z0-9:_-]+")) {
            throw new InvalidInput("botToken", Message.of("telegram.refused.token"));
        }
        TelegramBot bot = bots.forToken(token);
        GetMeResponse me;
        try {
            me = bot.execute(new GetMe());
        } catch (RuntimeException e) {
            log.info("Telegram getMe for {} failed: {}", actor.tenant(), e.getClass().getSimpleName());
            throw new InvalidInput("botToken", Message.of("telegram.refused.unreachable"));
        }
        if (me == null || !me.isOk() || me.user() == null || me.user().username() == null) {
            throw new InvalidInput("botToken", Message.of("telegram.refused.token-refused"));
        }
        String secret = newSecret();
        BaseResponse hooked;
        try {
            hooked = bot.execute(new SetWebhook().url(webhookUrl(actor)).secretToken(secret)
                    .allowedUpdates(ALLOWED_UPDATES));
        } catch (RuntimeException e) {
            log.info("Telegram setWebhook for {} failed: {}", actor.tenant(), e.getClass().getSimpleName());
            throw new InvalidInput("botToken", Message.of("telegram.refused.unreachable"));
        }
        if (hooked == null || !hooked.isOk()) {
            throw new InvalidInput("botToken", Message.of("telegram.refused.webhook",
                    hooked == null || hooked.description() == null ? "" : hooked.description()));
        }
        databases.of(actor.tenant()).inTransaction(() -> {
            secrets.set(actor, TelegramBots.BOT_TOKEN, token.toCharArray());
            secrets.set(actor, TelegramBots.WEBHOOK_SECRET, secret.toCharArray());
            settings.set(actor, TelegramBots.USERNAME, me.user().username());
        });
        bots.invalidate(actor.tenant());
        return setup(actor);
    }

    @Override
    public Setup disconnect(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        bots.bot(actor.tenant()).ifPresent(bot -> {
            try {
                BaseResponse deleted = bot.execute(new DeleteWebhook());
                if (deleted == null || !deleted.isOk()) {
                    log.info("Telegram deleteWebhook for {} refused; the token is removed anyway", actor.tenant());
                }
            } catch (RuntimeException e) {
                log.info("Telegram deleteWebhook for {} failed ({}); the token is removed anyway", actor.tenant(),
                        e.getClass().getSimpleName());
            }
        });
        List<String> set = secrets.list(actor).stream().map(SecretStore.Secret::name).toList();
        databases.of(actor.tenant()).inTransaction(() -> {
            for (String name : List.of(TelegramBots.BOT_TOKEN, TelegramBots.WEBHOOK_SECRET)) {
                if (set.contains(name)) {
                    secrets.remove(actor, name);
                }
            }
            settings.set(actor, TelegramBots.USERNAME, "");
        });
        bots.invalidate(actor.tenant());
        return setup(actor);
    }

    /** {@value #SECRET_LENGTH} characters of Telegram's secret_token alphabet from a CSPRNG (288 bits). */
    String newSecret() {
        StringBuilder s = new StringBuilder(SECRET_LENGTH);
        for (int i = 0; i < SECRET_LENGTH; i++) {
            s.append(SECRET_ALPHABET.charAt(random.nextInt(SECRET_ALPHABET.length())));
        }
        return s.toString();
    }
}
