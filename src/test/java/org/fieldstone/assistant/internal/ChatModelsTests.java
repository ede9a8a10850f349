package org.fieldstone.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.fieldstone.assistant.Assistant.Provider;
import org.fieldstone.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;

/** Building and keeping one model per company; nothing here connects to a provider. */
class ChatModelsTests {

    private final ChatModels models = new ChatModels(new AssistantProperties(null, null, null, null, null, null, null));

    private static ChatModels.Config config(String key) {
        return new ChatModels.Config(Provider.OPENAI, "http://127.0.0.1:9", "gpt-test", key);
    }

    @Test
    void aCompanysModelIsKeptWhileItsSettingsStayTheSameAndBuiltAgainWhenTheyChange() {
        TenantId acme = TenantId.random();
        ChatModel first = models.model(acme, config("test-key-one-not-real"));
        assertThat(models.model(acme, config("test-key-one-not-real"))).isSameAs(first);
        ChatModel changed = models.model(acme, config("test-key-two-not-real"));
        assertThat(changed).isNotSameAs(first);
        assertThat(models.cached(acme)).containsSame(changed);
        models.forget(acme);
        assertThat(models.cached(acme)).isEmpty();
    }

    @Test
    void manyCompaniesFirstQuestionsAtOnceEachGetTheirOwnModel() throws Exception {
        int companies = 20;
        CountDownLatch go = new CountDownLatch(1);
        Set<ChatModel> built = ConcurrentHashMap.newKeySet();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < companies; i++) {
                TenantId tenant = TenantId.random();
                threads.submit(() -> {
                    go.await();
                    built.add(models.model(tenant, config("test-key-not-real")));
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(built).hasSize(companies);
    }

    @Test
    void warmingUpBuildsEveryProviderWithoutKeepingAModel() {
        assertThat(models.warmUp()).isEqualTo(Provider.values().length - 1);
        assertThat(models.cached(TenantId.random())).isEmpty();
    }
}
