package org.fieldstone.assistant.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldstone.assistant.Assistant.Provider;
import org.fieldstone.shared.TenantId;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Component;

/**
 * One Spring AI {@link ChatModel} per company, built from its settings (provider, base URL, model, the API key from its
 * secret store) with Spring AI's non-starter modules — no auto-configuration, no key in the environment. Kept while the
 * settings stay the same (compared by a fingerprint of them, the key only as its SHA-256) and built again when they
 * change; {@link AssistantConfig} builds it when an admin saves, so the first question does not pay for it.
 */
@Component
class ChatModels {

    /** How many times the provider's SDK retries one request (429, 5xx, connection failures). */
    static final int MAX_RETRIES = 1;
    static final int MAX_TOKENS = 2048;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChatModels.class);

    private final AssistantProperties properties;
    private final Map<TenantId, Built> models = new ConcurrentHashMap<>();

    ChatModels(AssistantProperties properties) {
        this.properties = properties;
    }

    /** What a company's model is built from; {@code apiKey} null where the provider needs none. */
    record Config(Provider provider, String baseUrl, String model, String apiKey) {

        @Override
        public String toString() {
            return "Config[" + provider + ", " + baseUrl + ", " + model + "]";
        }
    }

    private record Built(String fingerprint, ChatModel model) {
    }

    /**
     * The company's model for this configuration, built on first use or when the configuration changed. A known model
     * is read without a lock; a new one is built outside the map's lock (two first questions of one company at once
     * may both build it, the last kept), so building never holds up other companies' questions.
     */
    ChatModel model(TenantId tenant, Config config) {
        String fingerprint = fingerprint(config);
        Built known = models.get(tenant);
        if (known != null && known.fingerprint().equals(fingerprint)) {
            return known.model();
        }
        Built built = new Built(fingerprint, build(config));
        models.put(tenant, built);
        return built.model();
    }

    /** Forgets a company's model (the assistant switched off). */
    void forget(TenantId tenant) {
        models.remove(tenant);
    }

    Optional<ChatModel> cached(TenantId tenant) {
        return Optional.ofNullable(models.get(tenant)).map(Built::model);
    }

    /**
     * Builds a model of each provider once with a made-up configuration and drops it (nothing is sent: building connects
     * to nothing), so the providers' SDK classes are loaded and initialised at start-up rather than by the first
     * questions of many companies at once. Answers how many providers' clients were built.
     */
    int warmUp() {
        int built = 0;
        for (Provider provider : Provider.values()) {
            if (provider == Provider.OFF) {
                continue;
            }
            try {
                build(new Config(provider, "http://127.0.0.1:9", "warm-up", "warm-up-key-not-real"));
                built++;
            } catch (RuntimeException | LinkageError e) {
                log.warn("Could not warm up the assistant's {} client; the first question will take longer", provider, e);
            }
        }
        return built;
    }

    private ChatModel build(Config config) {
        return switch (config.provider()) {
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .options(AnthropicChatOptions.builder().baseUrl(config.baseUrl()).apiKey(config.apiKey())
                            .model(config.model()).maxTokens(MAX_TOKENS).timeout(properties.timeout())
                            .maxRetries(MAX_RETRIES).build())
                    .build();
            case OPENAI -> OpenAiChatModel.builder()
                    .options(OpenAiChatOptions.builder().baseUrl(config.baseUrl()).apiKey(config.apiKey())
                            .model(config.model()).maxTokens(MAX_TOKENS).timeout(properties.timeout())
                            .maxRetries(MAX_RETRIES).build())
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .ollamaApi(OllamaApi.builder().baseUrl(config.baseUrl()).build())
                    .options(OllamaChatOptions.builder().model(config.model()).build())
                    .build();
            case OFF -> throw new IllegalStateException("The assistant is off");
        };
    }

    private static String fingerprint(Config config) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String text = config.provider() + "\n" + config.baseUrl() + "\n" + config.model() + "\n"
                    + (config.apiKey() == null ? "" : config.apiKey());
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
