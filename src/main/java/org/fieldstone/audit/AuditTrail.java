package org.fieldstone.audit;

import java.time.Instant;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A company's tamper-evident audit trail (SPEC §3.6). The caller passes the company database's client, so
 * an append joins the caller's transaction: the entry and the change it describes commit together.
 * Entries form a hash chain; the newest hash is anchored in the control plane shortly after each commit.
 */
public interface AuditTrail {

    /** Appends one entry; must run inside a transaction on that company's database. */
    void append(JdbcClient companyDatabase, AuditRecord record);

    /** Newest first. */
    default Page<AuditEntry> list(TenantId tenant, JdbcClient companyDatabase, Page.PageRequest request) {
        return find(tenant, companyDatabase, AuditQuery.ALL, request);
    }

    /** The entries matching {@code query}, newest first; sensitive values opened. */
    Page<AuditEntry> find(TenantId tenant, JdbcClient companyDatabase, AuditQuery query, Page.PageRequest request);

    /** The entity types the trail holds entries of, in order (what a filter may choose from). */
    java.util.List<String> entityTypes(JdbcClient companyDatabase);

    /** The actions the trail holds for records of {@code entityType}, in order (e.g. {@code job.completed}). */
    java.util.List<String> actions(JdbcClient companyDatabase, String entityType);

    /** Every entry matching {@code query}, oldest first, one at a time (for exports); sensitive values opened. */
    void forEach(TenantId tenant, JdbcClient companyDatabase, AuditQuery query, java.util.function.Consumer<AuditEntry> each);

    /**
     * Sensitive values are sealed with data keys that are kept wrapped under the company's key: a key rotation
     * re-wraps them (re-encrypting the values would break the hash chain). How many are not yet under the
     * company's current key.
     */
    long keysToRewrap(TenantId tenant, JdbcClient companyDatabase);

    /** Re-wraps up to {@code limit} data keys under the company's current key; returns how many. */
    int rewrapKeys(TenantId tenant, JdbcClient companyDatabase, int limit);

    /**
     * Walks the whole chain: sequence numbers without gaps, each entry's hash over its content and its
     * predecessor's hash, and the chain's end against the control-plane anchor.
     */
    Verification verify(TenantId tenant, JdbcClient companyDatabase);

    /**
     * Like {@link #verify(TenantId, JdbcClient)}, but the chain's end is compared with {@code expected} instead of the
     * control-plane anchor: for a copy of the database (a backup restored in a scratch place), which ends where the
     * backup was taken.
     */
    Verification verify(TenantId tenant, JdbcClient companyDatabase, AuditAnchors.Anchor expected);

    /**
     * Removes the entries older than {@code before} (a prefix of the chain), keeping the rest verifiable.
     *
     * @throws org.fieldstone.shared.InvalidInput when {@code before} lies inside the retention period
     */
    Pruned prune(Actor actor, JdbcClient companyDatabase, Instant before);

    /** Writes pending anchors now (they are otherwise written within about a second). */
    void flushAnchors();

    record Pruned(long removed, long throughSeq) {
    }
}
