package org.fieldstone.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The alert rules' logic over sequences of readings: thresholds, windows, streaks; nothing reported, nothing said. */
class AlertEvaluatorTests {

    // any date: the rules never look at the calendar
    final Instant t0 = Instant.parse("2030-02-28T23:58:00Z");
    final AlertEvaluator evaluator = new AlertEvaluator(AlertThresholds.defaults());

    @Test
    void saysNothingAboutRulesWhoseReadingsNobodyReports() {
        assertThat(evaluator.evaluate(Readings.none(t0))).isEmpty();
    }

    @Test
    void backupOlderThanTwelveHoursFiresAndANewerOneClears() {
        assertThat(evaluator.evaluate(Readings.none(t0).withBackupAge(12 * 3600 + 60)).get(AlertRule.BACKUP_STALE)).isPresent();
        assertThat(evaluator.evaluate(Readings.none(t0).withBackupAge(12 * 3600)).get(AlertRule.BACKUP_STALE)).isEmpty();
    }

    @Test
    void drillFailureDiskAndCertificateThresholds() {
        Map<AlertRule, Optional<String>> bad = evaluator.evaluate(Readings.none(t0).withDrillFailed(1).withDiskFreeRatio(0.099)
                .withCertificateNotAfter(t0.plus(Duration.ofDays(13))));
        assertThat(bad.get(AlertRule.RESTORE_DRILL_FAILED)).isPresent();
        assertThat(bad.get(AlertRule.DISK_LOW)).hasValueSatisfying(d -> assertThat(d).contains("9.90 %"));
        assertThat(bad.get(AlertRule.CERTIFICATE_EXPIRING)).isPresent();
        Map<AlertRule, Optional<String>> good = evaluator.evaluate(Readings.none(t0).withDrillFailed(0).withDiskFreeRatio(0.10)
                .withCertificateNotAfter(t0.plus(Duration.ofDays(15))));
        assertThat(good).containsEntry(AlertRule.RESTORE_DRILL_FAILED, Optional.empty())
                .containsEntry(AlertRule.DISK_LOW, Optional.empty())
                .containsEntry(AlertRule.CERTIFICATE_EXPIRING, Optional.empty());
        assertThat(evaluator.evaluate(Readings.none(t0).withCertificateNotAfter(t0.minusSeconds(1)))
                .get(AlertRule.CERTIFICATE_EXPIRING)).hasValueSatisfying(d -> assertThat(d).contains("expired"));
    }

    @Test
    void errorRateIsMeasuredOverTheLastFiveMinutesOnly() {
        // first sample: nothing to compare with
        assertThat(evaluator.evaluate(Readings.none(t0).withRequests(1_000, 500))).doesNotContainKey(AlertRule.ERROR_RATE);
        // 1,000 more requests, 11 of them failed: 1.1 % (the 500 old errors are before the window's start)
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(60)).withRequests(2_000, 511)).get(AlertRule.ERROR_RATE))
                .isPresent();
        // six minutes later the 1.1 % minute has left the window: 10,000 requests, 10 errors = 0.1 %
        evaluator.evaluate(Readings.none(t0.plusSeconds(120)).withRequests(2_000, 511));
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(420)).withRequests(12_000, 521)).get(AlertRule.ERROR_RATE))
                .isEmpty();
    }

    @Test
    void exactlyOnePercentDoesNotFireAndTooFewRequestsSayNoRate() {
        evaluator.evaluate(Readings.none(t0).withRequests(0, 0));
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(60)).withRequests(1_000, 10)).get(AlertRule.ERROR_RATE)).isEmpty();
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(120)).withRequests(1_050, 60)).get(AlertRule.ERROR_RATE))
                .as("50 failures of 1,050 in the window: 4.8 %").isPresent();
        AlertEvaluator fresh = new AlertEvaluator(AlertThresholds.defaults());
        fresh.evaluate(Readings.none(t0).withRequests(0, 0));
        assertThat(fresh.evaluate(Readings.none(t0.plusSeconds(60)).withRequests(99, 99)).get(AlertRule.ERROR_RATE))
                .as("99 requests are too few to speak of a rate").isEmpty();
    }

    @Test
    void aRestartedCounterStartsTheWindowAgain() {
        evaluator.evaluate(Readings.none(t0).withRequests(5_000, 0));
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(60)).withRequests(10, 10))).doesNotContainKey(AlertRule.ERROR_RATE);
    }

    @Test
    void backlogFiresAfterGrowingAtThreeEvaluationsInARowAndClearsWhenItStops() {
        long[] backlog = {5, 6, 7};
        for (int i = 0; i < backlog.length; i++) {
            assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(60L * i)).withOutboxBacklog(backlog[i]))
                    .get(AlertRule.OUTBOX_BACKLOG_GROWING)).isEmpty();
        }
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(180)).withOutboxBacklog(8)).get(AlertRule.OUTBOX_BACKLOG_GROWING))
                .isPresent();
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(240)).withOutboxBacklog(8)).get(AlertRule.OUTBOX_BACKLOG_GROWING))
                .isEmpty();
    }

    @Test
    void anAuditVerificationFailureHoldsItsAlertForADay() {
        assertThat(evaluator.evaluate(Readings.none(t0).withAuditVerificationFailures(0)).get(AlertRule.AUDIT_VERIFICATION_FAILED)).isEmpty();
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(60)).withAuditVerificationFailures(1))
                .get(AlertRule.AUDIT_VERIFICATION_FAILED)).isPresent();
        assertThat(evaluator.evaluate(Readings.none(t0.plus(Duration.ofHours(23))).withAuditVerificationFailures(1))
                .get(AlertRule.AUDIT_VERIFICATION_FAILED)).isPresent();
        assertThat(evaluator.evaluate(Readings.none(t0.plus(Duration.ofHours(25))).withAuditVerificationFailures(1))
                .get(AlertRule.AUDIT_VERIFICATION_FAILED)).isEmpty();
    }

    @Test
    void failedSignInsAtFiveCompaniesWithinTenMinutesIsCredentialStuffing() {
        Map<String, Long> failures = new HashMap<>();
        for (int i = 1; i <= 4; i++) {
            failures.put("company-" + i, 1L);
        }
        assertThat(evaluator.evaluate(Readings.none(t0).withLoginFailures(Map.copyOf(failures))).get(AlertRule.CREDENTIAL_STUFFING))
                .as("four companies").isEmpty();
        // many failures at one company is not stuffing across companies
        failures.put("company-1", 500L);
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(60)).withLoginFailures(Map.copyOf(failures)))
                .get(AlertRule.CREDENTIAL_STUFFING)).isEmpty();
        failures.put("company-5", 1L);
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(120)).withLoginFailures(Map.copyOf(failures)))
                .get(AlertRule.CREDENTIAL_STUFFING)).hasValueSatisfying(d -> assertThat(d).contains("5 companies"));
        // eleven minutes without a new failure anywhere but company-5: the others left the window
        assertThat(evaluator.evaluate(Readings.none(t0.plusSeconds(121 + 600)).withLoginFailures(Map.copyOf(failures)))
                .get(AlertRule.CREDENTIAL_STUFFING)).isEmpty();
    }
}
