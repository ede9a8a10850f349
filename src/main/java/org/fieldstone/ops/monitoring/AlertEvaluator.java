package org.fieldstone.ops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The alert rules over a sequence of {@link Readings}: which rules hold now, with a line saying why. Rules over a
 * window (error rate, backlog growth, audit failures, credential stuffing) remember what this node saw at its earlier
 * evaluations; the episodes themselves (fired, resolved) are kept by {@link AlertEpisodes}, not here. Not thread-safe:
 * evaluations run one at a time (the cluster lock {@code alerts}).
 */
final class AlertEvaluator {

    private final AlertThresholds thresholds;

    private record Sample(Instant at, long requests, long errors) {
    }

    private final Deque<Sample> requestSamples = new ArrayDeque<>();
    private final Map<AlertRule, Long> lastBacklog = new EnumMap<>(AlertRule.class);
    private final Map<AlertRule, Integer> growth = new EnumMap<>(AlertRule.class);
    private long lastAuditFailures;
    private Instant lastAuditFailureAt;
    private final Map<String, Long> lastLoginFailures = new HashMap<>();
    private final Map<String, Instant> lastLoginFailureAt = new HashMap<>();

    AlertEvaluator(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * The rules evaluated at {@code r}: a present value is the rule firing (why), an empty one the rule clear. Rules
     * whose readings are missing are absent.
     */
    Map<AlertRule, Optional<String>> evaluate(Readings r) {
        Map<AlertRule, Optional<String>> result = new EnumMap<>(AlertRule.class);
        if (r.backupAgeMaxSeconds() != null) {
            Duration age = Duration.ofSeconds(r.backupAgeMaxSeconds().longValue());
            result.put(AlertRule.BACKUP_STALE, age.compareTo(thresholds.backupMaxAge()) > 0
                    ? Optional.of("newest backup of some company is " + hours(age) + " h old") : Optional.empty());
        }
        if (r.drillFailed() != null) {
            result.put(AlertRule.RESTORE_DRILL_FAILED, r.drillFailed() >= 1
                    ? Optional.of("the last restore drill failed") : Optional.empty());
        }
        if (r.diskFreeRatio() != null) {
            result.put(AlertRule.DISK_LOW, r.diskFreeRatio() < thresholds.diskFreeMin()
                    ? Optional.of(percent(r.diskFreeRatio()) + " of the data volume is free") : Optional.empty());
        }
        if (r.certificateNotAfter() != null) {
            Duration left = Duration.between(r.at(), r.certificateNotAfter());
            result.put(AlertRule.CERTIFICATE_EXPIRING, left.compareTo(thresholds.certificateMinValid()) < 0
                    ? Optional.of(left.isNegative() ? "the server certificate expired at " + r.certificateNotAfter()
                            : "the server certificate expires at " + r.certificateNotAfter())
                    : Optional.empty());
        }
        if (r.requests() != null && r.serverErrors() != null) {
            errorRate(r).ifPresent(o -> result.put(AlertRule.ERROR_RATE, o));
        }
        if (r.outboxBacklog() != null) {
            result.put(AlertRule.OUTBOX_BACKLOG_GROWING, backlog(AlertRule.OUTBOX_BACKLOG_GROWING, r.outboxBacklog(), "events in the outbox"));
        }
        if (r.scanBacklog() != null) {
            result.put(AlertRule.SCAN_BACKLOG_GROWING, backlog(AlertRule.SCAN_BACKLOG_GROWING, r.scanBacklog(), "files waiting for the scan"));
        }
        if (r.auditVerificationFailures() != null) {
            if (r.auditVerificationFailures() > lastAuditFailures) {
                lastAuditFailureAt = r.at();
            }
            lastAuditFailures = r.auditVerificationFailures();
            result.put(AlertRule.AUDIT_VERIFICATION_FAILED, lastAuditFailureAt != null
                    && r.at().isBefore(lastAuditFailureAt.plus(thresholds.auditFailureHold()))
                    ? Optional.of("an audit verification failed at " + lastAuditFailureAt) : Optional.empty());
        }
        if (r.loginFailuresByCompany() != null) {
            result.put(AlertRule.CREDENTIAL_STUFFING, stuffing(r));
        }
        return result;
    }

    private Optional<Optional<String>> errorRate(Readings r) {
        Sample now = new Sample(r.at(), r.requests(), r.serverErrors());
        // a counter that went down is a restart of the registry: start the window again
        if (!requestSamples.isEmpty() && requestSamples.peekLast().requests() > now.requests()) {
            requestSamples.clear();
        }
        requestSamples.addLast(now);
        Instant from = r.at().minus(thresholds.errorRateWindow());
        while (requestSamples.size() > 1 && requestSamples.peekFirst().at().isBefore(from)) {
            requestSamples.removeFirst();
        }
        Sample first = requestSamples.peekFirst();
        long requests = now.requests() - first.requests();
        long errors = now.errors() - first.errors();
        if (first == now) {
            return Optional.empty(); // the first sample: nothing to compare with yet
        }
        if (requests < thresholds.errorRateMinRequests()) {
            return Optional.of(Optional.empty()); // too few requests to speak of a rate
        }
        double rate = (double) errors / requests;
        return Optional.of(rate > thresholds.errorRateMax()
                ? Optional.of(percent(rate) + " of " + requests + " requests failed with a server error")
                : Optional.empty());
    }

    private Optional<String> backlog(AlertRule rule, long backlog, String what) {
        Long last = lastBacklog.put(rule, backlog);
        int streak = last != null && backlog > last ? growth.getOrDefault(rule, 0) + 1 : 0;
        growth.put(rule, streak);
        return streak >= thresholds.backlogGrowthCount()
                ? Optional.of(backlog + " " + what + ", growing at " + streak + " evaluations in a row")
                : Optional.empty();
    }

    private Optional<String> stuffing(Readings r) {
        for (Map.Entry<String, Long> e : r.loginFailuresByCompany().entrySet()) {
            Long last = lastLoginFailures.put(e.getKey(), e.getValue());
            if (e.getValue() > (last == null ? 0 : last)) {
                lastLoginFailureAt.put(e.getKey(), r.at());
            }
        }
        Instant from = r.at().minus(thresholds.stuffingWindow());
        lastLoginFailureAt.values().removeIf(at -> at.isBefore(from));
        int companies = lastLoginFailureAt.size();
        return companies >= thresholds.stuffingCompanies()
                ? Optional.of("failed sign-ins at " + companies + " companies within " + thresholds.stuffingWindow().toMinutes() + " minutes")
                : Optional.empty();
    }

    private static String hours(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMinutes() / 60.0);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f %%", ratio * 100);
    }
}
