package org.fieldstone.files;

import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;

/** Published through the company's outbox in the transaction of the change; ids and facts only. */
public final class FileEvents {

    private FileEvents() {
    }

    /** A file was stored (encrypted, in quarantine) and waits for its scan. */
    public record FileUploaded(TenantId tenant, String fileId, TargetKind targetKind, String targetId, String uploadedBy)
            implements DomainEvent {
    }

    /** The scanner called a file clean: it is downloadable from now on. */
    public record FileReleased(TenantId tenant, String fileId, TargetKind targetKind, String targetId) implements DomainEvent {
    }

    /**
     * The scanner found malware in a file: it stays in quarantine for good. The messaging module emails the company's
     * owners.
     *
     * @param signature the scanner's name for what it found, e.g. {@code Eicar-Test-Signature}
     */
    public record MalwareDetected(TenantId tenant, String fileId, TargetKind targetKind, String targetId, String signature,
                                  String uploadedBy) implements DomainEvent {
    }

    /** A file and its ciphertext were deleted. */
    public record FileDeleted(TenantId tenant, String fileId, TargetKind targetKind, String targetId) implements DomainEvent {
    }
}
