package org.fieldstone.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /**
     * A changed field: its value before and after (null when it had none). The values of a {@code sensitive}
     * field are stored encrypted (SPEC §3.6) and opened again for those who may read the trail.
     */
    public record Change(String field, String before, String after,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean sensitive) {

        public Change(String field, String before, String after) {
            this(field, before, after, false);
        }

        public static Change sensitive(String field, String before, String after) {
            return new Change(field, before, after, true);
        }
    }
}
