package org.fieldstone.assistant.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.fieldstone.assistant.Assistant.Provider;
import org.fieldstone.assistant.Assistant.State;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.SecretStore;
import org.springframework.stereotype.Component;

/**
 * A company's assistant settings (Settings → Assistant): the provider ({@code off} by default), its base URL and model,
 * the API key in the company's {@link SecretStore} ({@value #API_KEY}), and whether client contact fields are kept out of
 * what is sent (on by default: the assistant rarely needs a phone number or an address to answer, so by default they
 * never leave — data protection by default, GDPR art. 25; a company that wants the assistant to read them out switches it off).
 */
@Component
class AssistantConfig {

    static final String API_KEY = "ai.api-key";
    static final CompanySetting<Provider> PROVIDER = new CompanySetting<>("assistant.provider", Permission.SETTINGS_MANAGE,
            Provider.OFF, AssistantConfig::parseProvider, Provider::code);
    static final CompanySetting<String> BASE_URL = new CompanySetting<>("assistant.base-url", Permission.SETTINGS_MANAGE,
            "", s -> s, s -> s);
    static final CompanySetting<String> MODEL = new CompanySetting<>("assistant.model", Permission.SETTINGS_MANAGE,
            "", s -> s, s -> s);
    static final CompanySetting<Boolean> EXCLUDE_CONTACTS = CompanySetting.flag("assistant.exclude-contacts",
            Permission.SETTINGS_MANAGE, true);

    private final CompanySettings settings;
    private final CompanyDatabases databases;
    private final SecretStore secrets;

    AssistantConfig(CompanySettings settings, CompanyDatabases databases, SecretStore secrets) {
        this.settings = settings;
        this.databases = databases;
        this.secrets = secrets;
    }

    static Provider parseProvider(String text) {
        if (text == null || text.isBlank()) {
            return Provider.OFF;
        }
        try {
            return Provider.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("provider", Message.of("assistant.refused.provider"));
        }
    }

    /** Where a provider is reached when the company gave no base URL. */
    static String defaultBaseUrl(Provider provider) {
        return switch (provider) {
            case ANTHROPIC -> "https://api.anthropic.com";
            case OPENAI -> "https://api.openai.com/v1";
            case OLLAMA -> "http://localhost:11434";
            case OFF -> "";
        };
    }

    static boolean needsKey(Provider provider) {
        return provider == Provider.ANTHROPIC || provider == Provider.OPENAI;
    }

    Provider provider(TenantId tenant) {
        return settings.get(databases.of(tenant), PROVIDER);
    }

    String baseUrl(TenantId tenant) {
        return settings.get(databases.of(tenant), BASE_URL);
    }

    String model(TenantId tenant) {
        return settings.get(databases.of(tenant), MODEL);
    }

    boolean excludeContacts(TenantId tenant) {
        return settings.get(databases.of(tenant), EXCLUDE_CONTACTS);
    }

    State state(TenantId tenant) {
        Provider provider = provider(tenant);
        if (provider == Provider.OFF) {
            return new State(false, provider, "off");
        }
        if (needsKey(provider) && secrets.reveal(tenant, API_KEY).isEmpty()) {
            return new State(false, provider, "no-key");
        }
        return new State(true, provider, null);
    }

    /** What the company's model is built from, or empty while the assistant is off. */
    Optional<ChatModels.Config> config(TenantId tenant) {
        if (!state(tenant).on()) {
            return Optional.empty();
        }
        Provider provider = provider(tenant);
        String url = baseUrl(tenant);
        return Optional.of(new ChatModels.Config(provider, url.isBlank() ? defaultBaseUrl(provider) : url, model(tenant),
                needsKey(provider) ? secrets.reveal(tenant, API_KEY).orElseThrow() : null));
    }

    /** A base URL as given, checked: absolute http(s), no user info, query or fragment; blank stays blank. */
    static String checkBaseUrl(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String url = text.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null
                    || uri.getQuery() != null || uri.getFragment() != null || url.length() > 500) {
                throw new InvalidInput("baseUrl", Message.of("assistant.refused.base-url"));
            }
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInput("baseUrl", Message.of("assistant.refused.base-url"));
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
