package org.fieldstone.sms.internal;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.Account;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.sms.SmsSettings;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** {@link SmsSettings} over the company's settings and secret store. */
@Service
class SmsSettingsService implements SmsSettings {

    private static final Logger log = LoggerFactory.getLogger(SmsSettingsService.class);
    static final Pattern ACCOUNT_SID = Pattern.compile("^AC[0-9a-fA-F]{32}$");
    static final Pattern MESSAGING_SERVICE = Pattern.compile("^MG[0-9a-fA-F]{32}$");
    static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private final TwilioAccounts accounts;
    private final SmsUsage usage;
    private final SecretStore secrets;
    private final CompanySettings settings;
    private final CompanyDatabases databases;

    SmsSettingsService(TwilioAccounts accounts, SmsUsage usage, SecretStore secrets, CompanySettings settings,
                       CompanyDatabases databases) {
        this.accounts = accounts;
        this.usage = usage;
        this.secrets = secrets;
        this.settings = settings;
        this.databases = databases;
    }

    @Override
    public Setup setup(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        List<SecretStore.Secret> set = secrets.list(actor);
        String hint = set.stream().filter(s -> s.name().equals(TwilioAccounts.AUTH_TOKEN)).map(SecretStore.Secret::hint)
                .findFirst().orElse(null);
        String sid = accounts.accountSid(actor.tenant());
        String sender = accounts.sender(actor.tenant());
        return new Setup(sid.isBlank() ? null : sid, hint, sender.isBlank() ? null : sender,
                accounts.monthlyCap(actor.tenant()), usage.used(actor.tenant()), accounts.webhookUrl(actor.tenant()),
                accounts.account(actor.tenant()).isPresent());
    }

    @Override
    public Setup update(Actor actor, String accountSid, String authToken, String sender, Long monthlyCap) {
        actor.require(Permission.SETTINGS_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String sid = accountSid == null ? null : accountSid.strip();
        String token = authToken == null || authToken.isBlank() ? null : authToken.strip();
        String from = sender == null ? null : sender.strip().replace(" ", "");
        if (sid != null && !sid.isEmpty() && !ACCOUNT_SID.matcher(sid).matches()) {
            errors.add("accountSid", Message.of("sms.refused.account-sid"));
        }
        if (token != null && (token.length() < 8 || token.chars().anyMatch(Character::isWhitespace))) {
            errors.add("authToken", Message.of("sms.refused.auth-token"));
        }
        if (from != null && !from.isEmpty() && !E164.matcher(from).matches() && !MESSAGING_SERVICE.matcher(from).matches()) {
            errors.add("sender", Message.of("sms.refused.sender"));
        }
        if (monthlyCap != null && monthlyCap < 0) {
            errors.add("monthlyCap", Message.of("sms.refused.monthly-cap"));
        }
        errors.throwIfAny();
        databases.of(actor.tenant()).inTransaction(() -> {
            if (sid != null && !sid.equals(accounts.accountSid(actor.tenant()))) {
                settings.set(actor, TwilioAccounts.ACCOUNT_SID, sid);
            }
            if (from != null && !from.equals(accounts.sender(actor.tenant()))) {
                settings.set(actor, TwilioAccounts.SENDER, from);
            }
            if (monthlyCap != null && monthlyCap != accounts.monthlyCap(actor.tenant())) {
                settings.set(actor, TwilioAccounts.MONTHLY_CAP, monthlyCap);
            }
            if (token != null) {
                secrets.set(actor, TwilioAccounts.AUTH_TOKEN, token.toCharArray());
            }
            return null;
        });
        accounts.invalidate(actor.tenant());
        return setup(actor);
    }

    @Override
    public Setup removeToken(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (secrets.list(actor).stream().anyMatch(s -> s.name().equals(TwilioAccounts.AUTH_TOKEN))) {
            secrets.remove(actor, TwilioAccounts.AUTH_TOKEN);
        }
        accounts.invalidate(actor.tenant());
        return setup(actor);
    }

    @Override
    public Optional<String> test(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        Optional<TwilioAccounts.Account> account = accounts.account(actor.tenant());
        if (account.isEmpty()) {
            return Optional.of("sms.test.not-connected");
        }
        try {
            Account.fetcher(account.get().sid()).fetch(accounts.client(actor.tenant(), account.get()));
            return Optional.empty();
        } catch (ApiConnectionException e) {
            log.info("Twilio connection test of {} failed: {}", actor.tenant(), e.getMessage());
            return Optional.of("sms.test.unreachable");
        } catch (ApiException e) {
            log.info("Twilio connection test of {} refused: HTTP {} ({})", actor.tenant(), e.getStatusCode(), e.getCode());
            Integer status = e.getStatusCode();
            return Optional.of(status != null && (status == 401 || status == 403 || status == 404)
                    ? "sms.test.wrong-token" : "sms.test.refused");
        }
    }
}
