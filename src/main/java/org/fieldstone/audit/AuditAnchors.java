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

    /** The chain's newest entry ({@code seq}, {@code hash}) and its base, where a prune cut it. */
    record Anchor(long seq, String hash, long baseSeq, String baseHash) {
    }
}
