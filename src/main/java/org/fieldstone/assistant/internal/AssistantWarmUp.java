package org.fieldstone.assistant.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warms the providers' clients once the server is ready, in the background ({@link ChatModels#warmUp()}), as the PDF
 * renderer is warmed: start-up does not wait for it, a failure only makes the first question slower, and a CLI command
 * (no web server) skips it.
 */
@Component
@ConditionalOnWebApplication
class AssistantWarmUp {

    private final ChatModels models;

    AssistantWarmUp(ChatModels models) {
        this.models = models;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread.ofVirtual().name("assistant-warm-up").start(models::warmUp);
    }
}
