package org.fieldstone.tenancy.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditRecord.Change;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.DomainEvents;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.RecordChanged;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.RecordType;
import org.fieldstone.tenancy.SearchIndex;
import org.fieldstone.tenancy.Written;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The one write path over {@link JdbcClient}; see {@link RecordStore} for the steps. */
@Component
class JdbcRecordStore implements RecordStore {

    private final CompanyDatabases databases;
    private final AuditTrail audit;
    private final FieldProtection protection;
    private final DomainEvents events;
    private final Clock clock;

    JdbcRecordStore(CompanyDatabases databases, AuditTrail audit, FieldProtection protection,
                    DomainEvents events, Clock clock) {
        this.databases = databases;
        this.audit = audit;
        this.protection = protection;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Written insert(Actor actor, RecordType type, String id, Map<String, Object> values, String action) {
        actor.require(type.write());
        requireKnownColumns(type, values);
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            long now = clock.millis();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("version", 1L);
            row.put("created_at", now);
            row.put("created_by", by(actor));
            row.put("updated_at", now);
            row.put("updated_by", by(actor));
            values.forEach((column, value) -> row.put(column, stored(actor, type, column, id, value)));
            if (type.numbering() != null) {
                row.put(type.numbering().column(), type.numbering().format(RecordNumbers.next(db.jdbc(), type.entityType())));
            }
            type.indexes().forEach((column, kind) -> {
                if (kind == SearchIndex.EXACT) {
                    row.put(column + "_index", exactIndex(actor, type, column, values.get(column)));
                }
            });
            String columns = String.join(", ", row.keySet());
            String params = row.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", "));
            // RETURNING (PostgreSQL, SQLite 3.35+): the row as stored, the table's defaults included, in the same statement
            JdbcClient.StatementSpec insert = db.jdbc().sql("INSERT INTO " + type.table() + " (" + columns + ") VALUES (" + params
                    + ") RETURNING *");
            for (var e : row.entrySet()) {
                insert = insert.param(e.getKey(), e.getValue());
            }
            Map<String, Object> stored;
            try {
                stored = lowerCase(insert.query().singleRow());
            } catch (RuntimeException e) {
                if (CompanyDatabase.isDuplicate(e)) {
                    throw new org.fieldstone.shared.Conflict(org.fieldstone.shared.Message.of("tenancy.refused.record-exists", type.thing()));
                }
                throw e;
            }
            type.indexes().forEach((column, kind) -> {
                if (kind == SearchIndex.WORDS) {
                    writeTokens(db, actor, type, column, id, values.get(column));
                }
            });
            List<Change> changes = new ArrayList<>();
            if (type.numbering() != null) {
                changes.add(new Change(type.numbering().column(), null, (String) row.get(type.numbering().column())));
            }
            values.forEach((column, value) -> {
                if (value != null && !type.secrets().contains(column)) {
                    changes.add(change(type, column, null, value));
                }
            });
            audit.append(db.jdbc(), new AuditRecord(actor, type.entityType(), id, type.entityType() + "." + action, changes));
            events.publish(db, new RecordChanged(actor.tenant(), type.entityType(), id, action, 1));
            // the values given as given (opened); what the table filled in (defaults) as stored
            stored.putAll(values);
            return written(actor, type, id, 1, stored, values.keySet());
        });
    }

    @Override
    public Written update(Actor actor, RecordType type, RecordKey key, long expectedVersion, Map<String, Object> changes) {
        return change(actor, type, key, expectedVersion, changes, "updated");
    }

    @Override
    public Written change(Actor actor, RecordType type, RecordKey key, long expectedVersion, Map<String, Object> changes,
                          String action) {
        actor.require(type.write());
        requireKnownColumns(type, changes);
        CompanyDatabase db = databases.of(actor.tenant());
        Written written = db.inTransaction(() -> {
            Map<String, Object> current = load(db, type, key);
            long version = ((Number) current.get("version")).longValue();
            if (version != expectedVersion) {
                throw new VersionConflict(type.thing(), version);
            }
            List<Change> diff = new ArrayList<>();
            Map<String, Object> set = new LinkedHashMap<>();
            changes.forEach((column, value) -> {
                Object before = asTypeOf(value, opened(actor, type, column, key.id(), current.get(column)));
                if (!same(before, value)) {
                    if (!type.secrets().contains(column)) {
                        diff.add(change(type, column, before, value));
                    }
                    set.put(column, stored(actor, type, column, key.id(), value));
                    if (type.indexes().get(column) == SearchIndex.EXACT) {
                        set.put(column + "_index", exactIndex(actor, type, column, value));
                    }
                }
            });
            if (set.isEmpty()) {
                return written(actor, type, key.id(), version, current, java.util.Set.of());
            }
            StringBuilder sql = new StringBuilder("UPDATE " + type.table() + " SET ");
            set.keySet().forEach(c -> sql.append(c).append(" = :").append(c).append(", "));
            sql.append("version = version + 1, updated_at = :updated_at, updated_by = :updated_by")
                    .append(" WHERE id = :id AND version = :expected");
            JdbcClient.StatementSpec update = db.jdbc().sql(sql.toString());
            for (var e : set.entrySet()) {
                update = update.param(e.getKey(), e.getValue());
            }
            long now = clock.millis();
            int rows = update.param("updated_at", now).param("updated_by", by(actor))
                    .param("id", key.id()).param("expected", expectedVersion).update();
            if (rows != 1) {
                // another writer got between our read and our write: nothing of ours was written
                throw new VersionConflict(type.thing(), currentVersion(db, type, key.id()));
            }
            type.indexes().forEach((column, kind) -> {
                if (kind == SearchIndex.WORDS && changes.containsKey(column) && set.containsKey(column)) {
                    writeTokens(db, actor, type, column, key.id(), changes.get(column));
                }
            });
            audit.append(db.jdbc(), new AuditRecord(actor, type.entityType(), key.id(), type.entityType() + "." + action, diff));
            events.publish(db, new RecordChanged(actor.tenant(), type.entityType(), key.id(), action, version + 1));
            // the row loaded under this write's lock, with what this write changed
            Map<String, Object> after = new LinkedHashMap<>(current);
            after.putAll(changes);
            after.put("version", version + 1);
            after.put("updated_at", now);
            after.put("updated_by", by(actor));
            return written(actor, type, key.id(), version + 1, after, changes.keySet());
        });
        return written;
    }

    /**
     * The record as this write left it: {@code row} holds the values the write set as given (opened) and the others as
     * stored, so the sensitive ones among the others are opened only if the caller reads them.
     */
    private Written written(Actor actor, RecordType type, String id, long version, Map<String, Object> row,
                            java.util.Set<String> given) {
        java.util.Set<String> sealed = new java.util.HashSet<>(type.sensitive());
        sealed.removeAll(given);
        return new Written(type, id, version, row, sealed,
                (column, stored) -> protection.open(actor.tenant(), type.table(), column, id, stored));
    }

    @Override
    public void delete(Actor actor, RecordType type, RecordKey key, long expectedVersion, String action) {
        actor.require(type.write());
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            Map<String, Object> current = load(db, type, key);
            long version = ((Number) current.get("version")).longValue();
            if (version != expectedVersion) {
                throw new VersionConflict(type.thing(), version);
            }
            int deleted;
            try {
                deleted = db.jdbc().sql("DELETE FROM " + type.table() + " WHERE id = :id AND version = :expected")
                        .param("id", key.id()).param("expected", expectedVersion).update();
            } catch (RuntimeException e) {
                if (CompanyDatabase.isStillReferenced(e)) {
                    throw new org.fieldstone.shared.Conflict(
                            org.fieldstone.shared.Message.of("tenancy.refused.record-in-use", type.thing()));
                }
                throw e;
            }
            if (deleted != 1) {
                throw new VersionConflict(type.thing(), currentVersion(db, type, key.id()));
            }
            if (type.indexes().containsValue(SearchIndex.WORDS)) {
                db.jdbc().sql("DELETE FROM search_tokens WHERE tbl = :tbl AND row_id = :id")
                        .param("tbl", type.table()).param("id", key.id()).update();
            }
            List<Change> last = new ArrayList<>();
            for (String column : type.columns()) {
                Object before = opened(actor, type, column, key.id(), current.get(column));
                if (before != null && !type.secrets().contains(column)) {
                    last.add(change(type, column, before, null));
                }
            }
            audit.append(db.jdbc(), new AuditRecord(actor, type.entityType(), key.id(), type.entityType() + "." + action, last));
            events.publish(db, new RecordChanged(actor.tenant(), type.entityType(), key.id(), action, expectedVersion + 1));
        });
    }

    /** The current row; another company's, another parent's or an unknown id is not found. */
    private static Map<String, Object> load(CompanyDatabase db, RecordType type, RecordKey key) {
        String scope = type.scope() != null && key.scopeValue() != null ? " AND " + type.scope() + " = :scope" : "";
        if (type.scope() != null && key.scopeValue() == null) {
            throw new IllegalArgumentException(type.entityType() + " records are reached through their " + type.scope());
        }
        JdbcClient.StatementSpec select = db.jdbc().sql("SELECT * FROM " + type.table() + " WHERE id = :id" + scope)
                .param("id", key.id());
        if (!scope.isEmpty()) {
            select = select.param("scope", key.scopeValue());
        }
        List<Map<String, Object>> rows = select.query().listOfRows();
        if (rows.isEmpty()) {
            throw new NotFound(type.thing());
        }
        return lowerCase(rows.getFirst());
    }

    private static Map<String, Object> lowerCase(Map<String, Object> stored) {
        Map<String, Object> row = new LinkedHashMap<>();
        stored.forEach((k, v) -> row.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return row;
    }

    private static long currentVersion(CompanyDatabase db, RecordType type, String id) {
        return db.jdbc().sql("SELECT version FROM " + type.table() + " WHERE id = :id").param("id", id)
                .query(Long.class).optional().orElseThrow(() -> new NotFound(type.thing()));
    }

    private static void requireKnownColumns(RecordType type, Map<String, Object> values) {
        for (String column : values.keySet()) {
            if (!type.columns().contains(column)) {
                throw new InvalidInput(column, org.fieldstone.shared.Message.of("tenancy.refused.unknown-field", column));
            }
        }
    }

    private Object stored(Actor actor, RecordType type, String column, String id, Object value) {
        if (value != null && type.sensitive().contains(column)) {
            return protection.seal(actor.tenant(), type.table(), column, id, value.toString());
        }
        return value;
    }

    private Object opened(Actor actor, RecordType type, String column, String id, Object stored) {
        if (stored != null && type.sensitive().contains(column)) {
            return protection.open(actor.tenant(), type.table(), column, id, stored.toString());
        }
        return stored;
    }

    /** A changed field for the audit trail, which seals the values of sensitive ones (secrets never get here). */
    private static Change change(RecordType type, String column, Object before, Object after) {
        String b = before == null ? null : text(before);
        String a = after == null ? null : text(after);
        return type.sensitive().contains(column) ? Change.sensitive(column, b, a) : new Change(column, b, a);
    }

    private String exactIndex(Actor actor, RecordType type, String column, Object value) {
        return value == null ? null : protection.index(actor.tenant(), type.table(), column, value.toString());
    }

    /** Replaces a row's word tokens of one column (blind-indexed prefixes). */
    private void writeTokens(CompanyDatabase db, Actor actor, RecordType type, String column, String id, Object value) {
        SearchTokens.replace(db.jdbc(), type.table(), column, id,
                value == null ? java.util.Set.of() : protection.wordTokens(actor.tenant(), type.table(), column, value.toString()));
    }

    /** Compares a stored value with a new one across driver types (SQLite booleans are integers). */
    static boolean same(Object stored, Object value) {
        if (stored == null || value == null) {
            return stored == null && value == null;
        }
        if (value instanceof Boolean b) {
            return b.equals(stored instanceof Number n ? n.intValue() != 0 : Boolean.valueOf(stored.toString()));
        }
        if (value instanceof Number && stored instanceof Number) {
            return new BigDecimal(stored.toString()).compareTo(new BigDecimal(value.toString())) == 0;
        }
        return Objects.equals(stored.toString(), value.toString());
    }

    /** SQLite hands booleans back as 0/1: the trail records a boolean's before value as a boolean on both engines. */
    private static Object asTypeOf(Object value, Object stored) {
        return value instanceof Boolean && stored instanceof Number n ? Boolean.valueOf(n.intValue() != 0) : stored;
    }

    private static String text(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static String by(Actor actor) {
        return actor.userId().map(Object::toString).orElse(actor.displayName());
    }

}
