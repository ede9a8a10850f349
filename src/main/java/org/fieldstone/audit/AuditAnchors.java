package org.fieldstone.audit;

import java.util.Optional;
import org.fieldstone.shared.TenantId;

/**
 * Where the newest hash of each company's chain is kept, outside the company's database (the control
 * plane, implemented by the tenancy module). Updates are monotonic: an older anchor never replaces a newer.
 */
public interface AuditAnchors {

    void record(TenantId tenant, Anchor anchor);

    Optional<Anchor> find(TenantId tenant);

    /**
     * Sets the anchor even if it lies behind the current one: only when a company's database was restored from a backup
     * (the trail was cut back to the backup's head on purpose, and says so in its next entry).
     */
    void replace(TenantId tenant, Anchor anchor);

    /** The chain's newest entry ({@code seq}, {@code hash}) and its base, where a prune cut it. */
    record Anchor(long seq, String hash, long baseSeq, String baseHash) {
    }
}
