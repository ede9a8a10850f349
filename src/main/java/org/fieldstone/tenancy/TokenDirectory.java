package org.fieldstone.tenancy;

import java.time.Instant;
import java.util.Optional;
import org.fieldstone.shared.TenantId;

/**
 * The control plane's index from the hash of a token whose text names no company (a share link's: all of its 24
 * characters are random) to the company whose database holds the rest. Only hashes are kept; each entry has a
 * purpose, so a hash registered for one kind of token never finds a company for another.
 */
public interface TokenDirectory {

    /** Registers {@code tokenHash} for {@code tenant} until {@code expiresAt}. */
    void register(String purpose, String tokenHash, TenantId tenant, Instant expiresAt);

    /**
     * The company of a token's hash, if registered for {@code purpose}: also for a while after it expired (entries are
     * pruned {@link #KEPT_AFTER_EXPIRY} after), so that a refused late use is still recorded in the company's trail.
     * Whether the token still works is the company's database's to say.
     */
    Optional<TenantId> find(String purpose, String tokenHash);

    /** How long an entry stays after its token expired. */
    java.time.Duration KEPT_AFTER_EXPIRY = java.time.Duration.ofDays(30);

    /** Removes the entries that expired before {@code before}; returns how many. */
    int pruneExpired(Instant before);
}
