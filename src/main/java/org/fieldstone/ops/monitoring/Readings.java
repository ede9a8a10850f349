package org.fieldstone.ops.monitoring;

import java.time.Instant;
import java.util.Map;

/**
 * What the alert rules look at, read at one instant. A null reading is one nobody reports (e.g. no backup module,
 * no certificate): its rule is not evaluated, so an open episode stays open rather than being resolved by silence.
 *
 * @param backupAgeMaxSeconds       {@code fieldstone.backup.age.max}: seconds since the newest good backup of the
 *                                  company whose newest backup is oldest
 * @param drillFailed               {@code fieldstone.backup.drill.failed}: 1 after a failed restore drill
 * @param diskFreeRatio             free share (0–1) of the data directory's volume
 * @param certificateNotAfter       when the server's certificate expires
 * @param requests                  requests served since start (cumulative)
 * @param serverErrors              of those, how many ended in a 5xx (cumulative)
 * @param outboxBacklog             events not yet delivered
 * @param scanBacklog               files waiting for the malware scan
 * @param auditVerificationFailures verifications that found a trail altered (cumulative)
 * @param loginFailuresByCompany    failed sign-ins per company slug (cumulative)
 */
record Readings(Instant at, Double backupAgeMaxSeconds, Double drillFailed, Double diskFreeRatio,
                Instant certificateNotAfter, Long requests, Long serverErrors, Long outboxBacklog, Long scanBacklog,
                Long auditVerificationFailures, Map<String, Long> loginFailuresByCompany) {

    /** Nothing reported but the time: a start for tests that set one reading. */
    static Readings none(Instant at) {
        return new Readings(at, null, null, null, null, null, null, null, null, null, null);
    }

    Readings withDiskFreeRatio(double ratio) {
        return new Readings(at, backupAgeMaxSeconds, drillFailed, ratio, certificateNotAfter, requests, serverErrors,
                outboxBacklog, scanBacklog, auditVerificationFailures, loginFailuresByCompany);
    }

    Readings withBackupAge(double seconds) {
        return new Readings(at, seconds, drillFailed, diskFreeRatio, certificateNotAfter, requests, serverErrors,
                outboxBacklog, scanBacklog, auditVerificationFailures, loginFailuresByCompany);
    }

    Readings withRequests(long total, long errors) {
        return new Readings(at, backupAgeMaxSeconds, drillFailed, diskFreeRatio, certificateNotAfter, total, errors,
                outboxBacklog, scanBacklog, auditVerificationFailures, loginFailuresByCompany);
    }

    Readings withOutboxBacklog(long backlog) {
        return new Readings(at, backupAgeMaxSeconds, drillFailed, diskFreeRatio, certificateNotAfter, requests,
                serverErrors, backlog, scanBacklog, auditVerificationFailures, loginFailuresByCompany);
    }

    Readings withLoginFailures(Map<String, Long> byCompany) {
        return new Readings(at, backupAgeMaxSeconds, drillFailed, diskFreeRatio, certificateNotAfter, requests,
                serverErrors, outboxBacklog, scanBacklog, auditVerificationFailures, byCompany);
    }

    Readings withAuditVerificationFailures(long failures) {
        return new Readings(at, backupAgeMaxSeconds, drillFailed, diskFreeRatio, certificateNotAfter, requests,
                serverErrors, outboxBacklog, scanBacklog, failures, loginFailuresByCompany);
    }

    Readings withCertificateNotAfter(Instant notAfter) {
        return new Readings(at, backupAgeMaxSeconds, drillFailed, diskFreeRatio, notAfter, requests, serverErrors,
                outboxBacklog, scanBacklog, auditVerificationFailures, loginFailuresByCompany);
    }

    Readings withDrillFailed(double failed) {
        return new Readings(at, backupAgeMaxSeconds, failed, diskFreeRatio, certificateNotAfter, requests, serverErrors,
                outboxBacklog, scanBacklog, auditVerificationFailures, loginFailuresByCompany);
    }

    Readings at(Instant when) {
        return new Readings(when, backupAgeMaxSeconds, drillFailed, diskFreeRatio, certificateNotAfter, requests,
                serverErrors, outboxBacklog, scanBacklog, auditVerificationFailures, loginFailuresByCompany);
    }
}
