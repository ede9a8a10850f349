package org.fieldstone.ops.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.tenancy.ClusterLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates the alert rules every minute ({@code fieldstone.alerts.interval}) on one node of the cluster (lock
 * {@code alerts}), opens an episode for each rule that begins to hold and closes the episode of each that no longer
 * does, notifying the operator once each time ({@link AlertNotifier}). Off with {@code fieldstone.alerts.enabled=false}
 * (the tests drive {@link #evaluate(Readings)} themselves).
 */
@Component
class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private final ServerSignals signals;
    private final AlertEpisodes episodes;
    private final AlertNotifier notifier;
    private final ClusterLocks locks;
    private final AlertEvaluator evaluator;
    private final boolean enabled;

    Alerts(ServerSignals signals, AlertEpisodes episodes, AlertNotifier notifier, ClusterLocks locks,
           @Value("${fieldstone.alerts.enabled:true}") boolean enabled,
           @Value("${fieldstone.alerts.backup-max-age:PT12H}") String backupMaxAge,
           @Value("${fieldstone.alerts.disk-free-min:0.10}") double diskFreeMin,
           @Value("${fieldstone.alerts.certificate-min-valid:P14D}") String certificateMinValid,
           @Value("${fieldstone.alerts.error-rate-max:0.01}") double errorRateMax,
           @Value("${fieldstone.alerts.stuffing-companies:5}") int stuffingCompanies) {
        this.signals = signals;
        this.episodes = episodes;
        this.notifier = notifier;
        this.locks = locks;
        this.enabled = enabled;
        AlertThresholds d = AlertThresholds.defaults();
        this.evaluator = new AlertEvaluator(new AlertThresholds(duration(backupMaxAge), diskFreeMin,
                duration(certificateMinValid), errorRateMax, d.errorRateWindow(), d.errorRateMinRequests(),
                d.backlogGrowthCount(), d.auditFailureHold(), stuffingCompanies, d.stuffingWindow()));
    }

    private static Duration duration(String text) {
        return DurationStyle.detectAndParse(text);
    }

    @Scheduled(fixedDelayString = "${fieldstone.alerts.interval:PT1M}", initialDelayString = "PT1M")
    void scheduled() {
        if (enabled) {
            locks.runOnce("alerts", Duration.ofMinutes(5), () -> evaluate(signals.read()));
        }
    }

    /** One evaluation over {@code readings}: answers the rules that fired or resolved now. */
    synchronized Map<AlertRule, AlertNotifier.Kind> evaluate(Readings readings) {
        Map<AlertRule, AlertNotifier.Kind> changed = new java.util.EnumMap<>(AlertRule.class);
        for (Map.Entry<AlertRule, Optional<String>> e : evaluator.evaluate(readings).entrySet()) {
            AlertRule rule = e.getKey();
            try {
                if (e.getValue().isPresent()) {
                    if (episodes.open(rule, readings.at(), e.getValue().get())) {
                        log.warn("Alert {}: {}", rule.id(), e.getValue().get());
                        notifier.notify(AlertNotifier.Kind.FIRED, rule, readings.at(), e.getValue().get());
                        changed.put(rule, AlertNotifier.Kind.FIRED);
                    }
                } else {
                    episodes.close(rule).ifPresent(episode -> {
                        log.info("Alert {} resolved", rule.id());
                        notifier.notify(AlertNotifier.Kind.RESOLVED, rule, episode.openedAt(), episode.detail());
                        changed.put(rule, AlertNotifier.Kind.RESOLVED);
                    });
                }
            } catch (RuntimeException ex) {
                log.error("Alert rule {} could not be recorded", rule.id(), ex);
            }
        }
        return changed;
    }
}
