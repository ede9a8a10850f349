package org.fieldstone.audit.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldstone.audit.AuditAnchors;
import org.fieldstone.audit.AuditAnchors.Anchor;
import org.fieldstone.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Anchors chain heads in the control plane after their transaction committed, coalesced per company and
 * written about once a second (decision 0009): one control-plane write per company per second instead of
 * one per business write, at the price of a window of about a second in which a cut tail goes unnoticed.
 */
@Component
class AnchorQueue {

    private static final Logger log = LoggerFactory.getLogger(AnchorQueue.class);

    private final AuditAnchors anchors;
    private final Map<TenantId, Anchor> pending = new ConcurrentHashMap<>();
    /** Since when (System.nanoTime) each company's head has waited to be anchored: the anchor lag (ops.monitoring). */
    private final Map<TenantId, Long> waitingSince = new ConcurrentHashMap<>();

    AnchorQueue(AuditAnchors anchors, MeterRegistry meters) {
        this.anchors = anchors;
        Gauge.builder("fieldstone.audit.anchor.lag", this, AnchorQueue::lagSeconds).baseUnit("seconds")
                .description("How long the oldest audit chain head not yet anchored has waited").register(meters);
    }

    void submit(TenantId tenant, Anchor anchor) {
        waitingSince.putIfAbsent(tenant, System.nanoTime());
        pending.merge(tenant, anchor, (a, b) -> b.seq() >= a.seq() ? b : a);
    }

    double lagSeconds() {
        long now = System.nanoTime();
        long oldest = now;
        for (long since : waitingSince.values()) {
            oldest = Math.min(oldest, since);
        }
        return (now - oldest) / 1e9;
    }

    @Scheduled(fixedDelayString = "${fieldstone.audit.anchor-interval:PT1S}")
    @PreDestroy
    synchronized void flush() {
        for (TenantId tenant : pending.keySet()) {
            Anchor anchor = pending.remove(tenant);
            if (anchor == null) {
                continue;
            }
            try {
                anchors.record(tenant, anchor);
                if (!pending.containsKey(tenant)) {
                    waitingSince.remove(tenant);
                }
            } catch (RuntimeException e) {
                // keep it for the next round rather than lose it
                submit(tenant, anchor);
                log.warn("Could not anchor the audit chain of company {}: {}", tenant, e.toString());
            }
        }
    }
}
