package org.fieldstone.ops.monitoring;

/**
 * The operator's alerts (docs/operations.md, "Alerts"): each fires once per episode and is resolved once when its
 * condition clears. The same rules, over the exported metrics, are in {@code ops/prometheus/fieldstone-alerts.yml}.
 */
enum AlertRule {
    /** The newest backup of some company is older than 12 h ({@code fieldstone.backup.age.max}). */
    BACKUP_STALE("backup-stale"),
    /** The last restore drill failed ({@code fieldstone.backup.drill.failed}). */
    RESTORE_DRILL_FAILED("restore-drill-failed"),
    /** Less than 10 % of the data directory's volume is free. */
    DISK_LOW("disk-low"),
    /** The server's certificate expires within 14 days (or has expired). */
    CERTIFICATE_EXPIRING("certificate-expiring"),
    /** More than 1 % of the requests of the last 5 minutes ended in a server error. */
    ERROR_RATE("error-rate"),
    /** Events waiting in the outbox grew at each of the last evaluations. */
    OUTBOX_BACKLOG_GROWING("outbox-backlog-growing"),
    /** Files waiting for the malware scan grew at each of the last evaluations. */
    SCAN_BACKLOG_GROWING("scan-backlog-growing"),
    /** A verification found an audit trail altered or cut (within the last 24 h). */
    AUDIT_VERIFICATION_FAILED("audit-verification-failed"),
    /** Failed sign-ins at many companies within 10 minutes: credential stuffing. */
    CREDENTIAL_STUFFING("credential-stuffing");

    private final String id;

    AlertRule(String id) {
        this.id = id;
    }

    /** The rule's stable name: the episode's key, the webhook's {@code rule}, part of the message keys. */
    String id() {
        return id;
    }
}
