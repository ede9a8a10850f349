package org.fieldstone.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Component
class JdbcAuditTrail implements AuditTrail {

    private static final TypeReference<List<AuditRecord.Change>> CHANGES = new TypeReference<>() {
    };

    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    JdbcAuditTrail(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void append(JdbcClient db, AuditRecord r) {
        Actor a = r.actor();
        String actorType = a.apiKeyId().isPresent() ? "api_key" : a.userId().isPresent() ? "user" : a.displayName();
        db.sql("""
                INSERT INTO audit_events (at, actor_type, actor_id, actor_name, api_key_id, channel, ip, user_agent,
                                          entity_type, entity_id, action, changes)
                VALUES (:at, :actorType, :actorId, :actorName, :apiKeyId, :channel, :ip, :userAgent,
                        :entityType, :entityId, :action, :changes)
                """)
                .param("at", clock.millis())
                .param("actorType", actorType)
                .param("actorId", a.userId().map(Object::toString).orElse(null))
                .param("actorName", a.displayName())
                .param("apiKeyId", a.apiKeyId().orElse(null))
                .param("channel", a.channel().code())
                .param("ip", a.ip())
                .param("userAgent", truncate(a.userAgent(), 500))
                .param("entityType", r.entityType())
                .param("entityId", r.entityId())
                .param("action", r.action())
                .param("changes", json.writeValueAsString(r.changes()))
                .update();
    }

    @Override
    public Page<AuditEntry> find(JdbcClient db, AuditQuery query, Page.PageRequest request) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
        filter(where, params, "entity_type", query.entityType());
        filter(where, params, "entity_id", query.entityId());
        filter(where, params, "actor_id", query.actorId());
        filter(where, params, "action", query.action());
        if (query.from() != null) {
            where.append(" AND at >= :from");
            params.put("from", query.from().toEpochMilli());
        }
        if (query.to() != null) {
            where.append(" AND at < :to");
            params.put("to", query.to().toEpochMilli());
        }
        long total = db.sql("SELECT COUNT(*) FROM audit_events" + where).params(params).query(Long.class).single();
        List<AuditEntry> items = new ArrayList<>(db.sql("""
                SELECT seq, at, actor_type, actor_id, actor_name, api_key_id, channel, ip, user_agent,
                       entity_type, entity_id, action, changes
                FROM audit_events""" + where + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", request.size())
                .param("offset", request.offset())
                .query((rs, i) -> new AuditEntry(rs.getLong("seq"), Instant.ofEpochMilli(rs.getLong("at")),
                        rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("actor_name"),
                        rs.getString("api_key_id"), rs.getString("channel"), rs.getString("ip"),
                        rs.getString("user_agent"), rs.getString("entity_type"), rs.getString("entity_id"),
                        rs.getString("action"), json.readValue(rs.getString("changes"), CHANGES)))
                .list());
        return new Page<>(items, request.page(), request.size(), total);
    }

    private static void filter(StringBuilder where, java.util.Map<String, Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
