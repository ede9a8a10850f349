package org.fieldstone.audit;

import java.util.List;
import java.util.Objects;
import org.fieldstone.shared.Actor;

/**
 * One thing that happened: who ({@link Actor}, including channel, IP and user agent), to what
 * ({@code entityType}/{@code entityId}), what ({@code action} and field {@code changes}).
 */
public record AuditRecord(Actor actor, String entityType, String entityId, String action, List<Change> changes) {

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(action, "action");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static AuditRecord of(Actor actor, String entityType, Object entityId, String action, Change... changes) {
        return new AuditRecord(actor, entityType, entityId == null ? null : entityId.toString(), action, List.of(changes));
    }

    /** A changed field: its value before and after (null when it had none). */
    public record Change(String field, String before, String after) {
    }
}
