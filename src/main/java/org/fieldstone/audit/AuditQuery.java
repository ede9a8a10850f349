package org.fieldstone.audit;

import java.time.Instant;

/**
 * A filter over the audit trail; null fields do not filter. {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditQuery(String entityType, String entityId, String actorId, String action, Instant from, Instant to) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);

    public static AuditQuery forEntity(String entityType, String entityId) {
        return new AuditQuery(entityType, entityId, null, null, null, null);
    }
}
