package org.fieldstone.notifications.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the queued notifications that are due — past quiet hours, past a retry's backoff, or not sent at once — every
 * {@code fieldstone.notifications.dispatch.interval} (30 s by default). Off with
 * {@code fieldstone.notifications.dispatch.enabled=false} (tests call {@link Dispatcher#runOnce()} themselves).
 */
@Component
class DispatchJob {

    private final Dispatcher dispatcher;
    private final boolean enabled;

    DispatchJob(Dispatcher dispatcher, @Value("${fieldstone.notifications.dispatch.enabled:true}") boolean enabled) {
        this.dispatcher = dispatcher;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${fieldstone.notifications.dispatch.interval:PT30S}", initialDelayString = "PT30S")
    void scheduled() {
        if (enabled) {
            dispatcher.runOnce();
        }
    }
}
