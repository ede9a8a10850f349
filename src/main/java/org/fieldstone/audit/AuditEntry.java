package org.fieldstone.audit;

import java.time.Instant;
import java.util.List;

/** An audit record as stored: numbered in order of appending. */
public record AuditEntry(long seq, Instant at, String actorType, String actorId, String actorName, String apiKeyId,
                         String channel, String ip, String userAgent, String entityType, String entityId,
                         String action, List<AuditRecord.Change> changes) {
}
