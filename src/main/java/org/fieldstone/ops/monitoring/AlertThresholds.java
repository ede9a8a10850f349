package org.fieldstone.ops.monitoring;

import java.time.Duration;

/**
 * When the alert rules fire ({@code fieldstone.alerts.*}; defaults are issue 17's figures).
 *
 * @param backupMaxAge          newest backup older than this fires {@code backup-stale}
 * @param diskFreeMin           free share of the data volume below this fires {@code disk-low}
 * @param certificateMinValid   a certificate expiring sooner fires {@code certificate-expiring}
 * @param errorRateMax          share of 5xx over {@code errorRateWindow} above this fires {@code error-rate}
 * @param errorRateWindow       the error rate's window
 * @param errorRateMinRequests  fewer requests in the window say nothing (one failed request of three is not 33 %)
 * @param backlogGrowthCount    a backlog growing at this many consecutive evaluations fires
 * @param auditFailureHold      an audit verification failure keeps its alert open this long
 * @param stuffingCompanies     failed sign-ins at this many companies within {@code stuffingWindow} fire
 * @param stuffingWindow        the credential-stuffing window
 */
record AlertThresholds(Duration backupMaxAge, double diskFreeMin, Duration certificateMinValid, double errorRateMax,
                       Duration errorRateWindow, long errorRateMinRequests, int backlogGrowthCount,
                       Duration auditFailureHold, int stuffingCompanies, Duration stuffingWindow) {

    static AlertThresholds defaults() {
        return new AlertThresholds(Duration.ofHours(12), 0.10, Duration.ofDays(14), 0.01, Duration.ofMinutes(5), 100,
                3, Duration.ofHours(24), 5, Duration.ofMinutes(10));
    }
}
