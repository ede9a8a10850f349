package org.fieldstone.reports.web;

import java.time.Instant;
import java.util.List;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord.Change;

/** One audit entry in the API's shape: {@code { seq, at, actor: {type, id, name}, channel, ip, … changes }}. */
record AuditEventJson(long seq, Instant at, ActorJson actor, String channel, String ip, String userAgent,
                      String entityType, String entityId, String action, List<Change> changes) {

    static AuditEventJson of(AuditEntry e) {
        return new AuditEventJson(e.seq(), e.at(), new ActorJson(e.actorType(), e.actorId(), e.actorName(), e.apiKeyId()),
                e.channel(), e.ip(), e.userAgent(), e.entityType(), e.entityId(), e.action(), e.changes());
    }

    /** Who acted: a user (id and name), a user through an API key (also its id), the system or the CLI. */
    record ActorJson(String type, String id, String name, String apiKeyId) {
    }
}
