package org.fieldstone.files.internal;

import static org.fieldstone.files.internal.FileTables.FILES;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fieldstone.files.FileEvents;
import org.fieldstone.files.FileStatus;
import org.fieldstone.files.TargetKind;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Changes;

/**
 * A file's quarantine as the write path changes it. Its verbs refuse what may not happen — only
 * {@code SCANNING → CLEAN | INFECTED}, once — with a {@link Conflict}, and otherwise answer the change to write (at the
 * version it was read at) and the events to publish in the same transaction. No database, no clock: tested without
 * Spring ({@code FileAggregateTests}).
 */
final class FileAggregate {

    /** The longest the retry job waits between two tries of one file. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(15);

    private final TenantId tenant;
    private final String id;
    private final long version;
    private final FileStatus status;
    private final int attempts;
    private final TargetKind targetKind;
    private final String targetId;
    private final String uploadedBy;

    FileAggregate(TenantId tenant, String id, long version, FileStatus status, int attempts, TargetKind targetKind,
                  String targetId, String uploadedBy) {
        this.tenant = tenant;
        this.id = id;
        this.version = version;
        this.status = status;
        this.attempts = attempts;
        this.targetKind = targetKind;
        this.targetId = targetId;
        this.uploadedBy = uploadedBy;
    }

    /** One write and its events. */
    record Outcome(long expectedVersion, Changes changes, String action, List<DomainEvent> events) {
    }

    String id() {
        return id;
    }

    long version() {
        return version;
    }

    FileStatus status() {
        return status;
    }

    /** {@code SCANNING → CLEAN}: the scanner found nothing; the file is downloadable from now on. */
    Outcome release(Instant now) {
        requireScanning("files.refused.release");
        return new Outcome(version, Changes.of(FILES).set(FileTables.STATUS, FileStatus.CLEAN.name())
                .set(FileTables.SCANNED_AT, now.toEpochMilli()).set(FileTables.NEXT_SCAN_AT, null)
                .set(FileTables.SCAN_ATTEMPTS, attempts + 1), "released",
                List.of(new FileEvents.FileReleased(tenant, id, targetKind, targetId)));
    }

    /** {@code SCANNING → INFECTED}: kept in quarantine for good, with what the scanner found. */
    Outcome quarantine(String signature, Instant now) {
        requireScanning("files.refused.quarantine");
        String found = signature == null || signature.isBlank() ? "unknown" : signature.strip();
        return new Outcome(version, Changes.of(FILES).set(FileTables.STATUS, FileStatus.INFECTED.name())
                .set(FileTables.VERDICT, found).set(FileTables.SCANNED_AT, now.toEpochMilli())
                .set(FileTables.NEXT_SCAN_AT, null).set(FileTables.SCAN_ATTEMPTS, attempts + 1), "malware-detected",
                List.of(new FileEvents.MalwareDetected(tenant, id, targetKind, targetId, found, uploadedBy)));
    }

    /**
     * The scanner did not answer: the file stays in quarantine and is tried again after a backoff that doubles with
     * each attempt (15 s, 30 s, 1 min … at most {@link #MAX_BACKOFF}).
     */
    Outcome defer(Instant now) {
        requireScanning("files.refused.release");
        return new Outcome(version, Changes.of(FILES).set(FileTables.SCAN_ATTEMPTS, attempts + 1)
                .set(FileTables.NEXT_SCAN_AT, now.plus(backoff(attempts + 1)).toEpochMilli()), "scan-deferred", List.of());
    }

    static Duration backoff(int attempts) {
        int shift = Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = FIRST_BACKOFF.multipliedBy(1L << shift);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void requireScanning(String code) {
        if (status != FileStatus.SCANNING) {
            throw new Conflict(Message.of(code, status.name()));
        }
    }
}
