package org.fieldstone.tenancy.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.crypto.KeyStatus;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanyKeys;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@link CompanyKeys}: finds what is still under an old key by its key-id prefix (ciphertexts and blind indexes
 * both start with {@code <key id>.}), in every {@link ProtectedTable} the modules declare, plus the audit
 * trail's data keys, and brings it under the current keys batch by batch.
 */
@Component
class KeyRotation implements CompanyKeys {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    private static final int PREFIX = 9; // "<8 hex digits>."

    private final Companies companies;
    private final CompanyDatabases databases;
    private final KeyRing keys;
    private final FieldProtection protection;
    private final AuditTrail audit;
    private final List<ProtectedTable> tables;
    private final Clock clock;
    private final int batchSize;
    private final Duration settle;
    private final Duration grace;
    private final boolean background;
    private final ClusterLocks locks;

    KeyRotation(Companies companies, CompanyDatabases databases, KeyRing keys, FieldProtection protection, AuditTrail audit,
                List<ProtectedTable> tables, Clock clock, ClusterLocks locks,
                @Value("${fieldstone.keys.rotation.batch-size:200}") int batchSize,
                @Value("${fieldstone.keys.rotation.settle:PT10S}") Duration settle,
                @Value("${fieldstone.keys.retired-grace:P7D}") Duration grace,
                @Value("${fieldstone.keys.rotation.enabled:true}") boolean background) {
        this.companies = companies;
        this.databases = databases;
        this.keys = keys;
        this.protection = protection;
        this.audit = audit;
        this.tables = List.copyOf(tables);
        this.clock = clock;
        this.batchSize = batchSize;
        this.settle = settle;
        this.grace = grace;
        this.locks = locks;
        this.background = background;
    }

    @Override
    public Status rotate(Actor operator, TenantId tenant) {
        KeyStatus before = keys.status(KeyOwner.of(tenant));
        KeyStatus after = keys.rotate(KeyOwner.of(tenant));
        CompanyDatabase db = databases.of(tenant);
        db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(operator, "keys", null, "keys.rotated",
                new AuditRecord.Change("field_key", primary(before, KeyStatus.Purpose.FIELDS), primary(after, KeyStatus.Purpose.FIELDS)),
                new AuditRecord.Change("index_key", primary(before, KeyStatus.Purpose.INDEX), primary(after, KeyStatus.Purpose.INDEX)))));
        return status(tenant);
    }

    @Override
    public Status status(TenantId tenant) {
        return new Status(keys.status(KeyOwner.of(tenant)), remaining(databases.of(tenant)));
    }

    @Override
    public long reencrypt(TenantId tenant, LongConsumer progress) {
        CompanyDatabase db = databases.of(tenant);
        long done = 0;
        int idle = 0;
        while (true) {
            int n = step(db);
            done += n;
            long left = remaining(db);
            progress.accept(left);
            if (left == 0) {
                break;
            }
            // rows that changed under us are picked up by the next pass; values no pass can change are an error
            idle = n == 0 ? idle + 1 : 0;
            if (idle > 3) {
                throw new IllegalStateException(left + " values of company " + tenant + " cannot be re-encrypted");
            }
        }
        retireIfDone(tenant, db, true);
        return done;
    }

    /** The background job: advances every rotating company, retires and destroys old keys when due. */
    @Scheduled(fixedDelayString = "${fieldstone.keys.rotation.interval:PT10S}", initialDelayString = "PT5S")
    void tick() {
        if (background) {
            locks.runOnce("key-rotation", Duration.ofMinutes(30), this::runOnce);
        }
    }

    void runOnce() {
        for (Company company : companies.list()) {
            if (!company.isActive()) {
                continue;
            }
            try {
                advance(company.id());
            } catch (RuntimeException e) {
                log.warn("Key rotation of company {} did not advance: {}", company.slug(), e.toString());
            }
        }
    }

    /** One run of the job for one company: re-encrypts until done (or an error), then retires and destroys. */
    void advance(TenantId tenant) {
        KeyOwner owner = KeyOwner.of(tenant);
        if (!keys.exists(owner)) {
            return;
        }
        KeyStatus status = keys.status(owner);
        if (status.rotating()) {
            CompanyDatabase db = databases.of(tenant);
            long before = remaining(db);
            while (step(db) > 0) {
                // batch after batch, each its own short transaction
            }
            long after = remaining(db);
            if (before > 0) {
                log.info("Key rotation of company {}: {} re-encrypted, {} remaining", tenant, before - after, after);
            }
            retireIfDone(tenant, db, false);
        }
        keys.destroyRetired(owner, grace);
    }

    private void retireIfDone(TenantId tenant, CompanyDatabase db, boolean now) {
        KeyOwner owner = KeyOwner.of(tenant);
        KeyStatus status = keys.status(owner);
        // other nodes (and the CLI) take up new keys within seconds: until then they may still seal under the old one
        boolean settled = now || status.rotatedAt() == null || status.rotatedAt().plus(settle).isBefore(clock.instant());
        if (status.rotating() && settled && remaining(db) == 0) {
            keys.retire(owner);
            db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(Actor.system(tenant, Channel.SYSTEM), "keys", null,
                    "keys.retired", new AuditRecord.Change("remaining", null, "0"))));
            log.info("Key rotation of company {} complete: old keys disabled, destroyed after {}", tenant, grace);
        }
    }

    /** Values and index entries not under the current keys. */
    long remaining(CompanyDatabase db) {
        KeyOwner owner = KeyOwner.of(db.tenant());
        String cipher = keys.ciphertextPrefix(owner);
        String index = keys.blindIndexPrefix(owner);
        long n = 0;
        for (ProtectedTable t : tables) {
            for (String column : t.sensitive()) {
                n += count(db, "SELECT COUNT(*) FROM " + t.table() + " WHERE " + column + " IS NOT NULL AND "
                        + stale(column, "cipher"), cipher, index);
                if (t.indexes().get(column) == SearchIndex.EXACT) {
                    n += count(db, "SELECT COUNT(*) FROM " + t.table() + " WHERE " + column + "_index IS NOT NULL AND "
                            + stale(column + "_index", "index"), cipher, index);
                }
            }
        }
        n += count(db, "SELECT COUNT(*) FROM search_tokens WHERE " + stale("token", "index"), cipher, index);
        return n + audit.keysToRewrap(db.tenant(), db.jdbc());
    }

    /** Brings up to one batch per table under the current keys; returns how many rows changed. */
    int step(CompanyDatabase db) {
        KeyOwner owner = KeyOwner.of(db.tenant());
        String cipher = keys.ciphertextPrefix(owner);
        String index = keys.blindIndexPrefix(owner);
        int changed = 0;
        for (ProtectedTable t : tables) {
            changed += reencryptRows(db, t, cipher, index);
        }
        changed += rebuildTokens(db, index);
        changed += db.inTransaction(() -> audit.rewrapKeys(db.tenant(), db.jdbc(), batchSize));
        return changed;
    }

    private int reencryptRows(CompanyDatabase db, ProtectedTable t, String cipher, String index) {
        List<String> conditions = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (String column : t.sensitive()) {
            columns.add(column);
            conditions.add("(" + column + " IS NOT NULL AND " + stale(column, "cipher") + ")");
            if (t.indexes().get(column) == SearchIndex.EXACT) {
                columns.add(column + "_index");
                conditions.add("(" + column + "_index IS NOT NULL AND " + stale(column + "_index", "index") + ")");
            }
        }
        if (columns.isEmpty()) {
            return 0;
        }
        String select = "SELECT " + t.idColumn() + ", " + String.join(", ", columns) + " FROM " + t.table()
                + " WHERE " + String.join(" OR ", conditions) + " ORDER BY " + t.idColumn() + " LIMIT :limit";
        List<Map<String, Object>> rows = db.jdbc().sql(select).param("cipher", cipher).param("index", index)
                .param("limit", batchSize).query().listOfRows();
        if (rows.isEmpty()) {
            return 0;
        }
        return db.inTransaction(() -> {
            int n = 0;
            for (Map<String, Object> raw : rows) {
                Map<String, Object> row = lower(raw);
                String id = row.get(t.idColumn()).toString();
                Map<String, String> set = new LinkedHashMap<>();
                for (String column : t.sensitive()) {
                    String stored = (String) row.get(column);
                    if (stored == null) {
                        continue;
                    }
                    boolean sealedStale = !stored.startsWith(cipher);
                    String indexColumn = column + "_index";
                    String storedIndex = (String) row.get(indexColumn);
                    boolean indexStale = t.indexes().get(column) == SearchIndex.EXACT && storedIndex != null
                            && !storedIndex.startsWith(index);
                    if (!sealedStale && !indexStale) {
                        continue;
                    }
                    String plain = protection.open(db.tenant(), t.table(), column, id, stored);
                    if (sealedStale) {
                        set.put(column, protection.seal(db.tenant(), t.table(), column, id, plain));
                    }
                    if (indexStale) {
                        set.put(indexColumn, protection.index(db.tenant(), t.table(), column, plain));
                    }
                }
                if (set.isEmpty()) {
                    continue;
                }
                // only if the row still holds what was read: a concurrent write wins (and used the new key)
                StringBuilder sql = new StringBuilder("UPDATE " + t.table() + " SET ");
                set.keySet().forEach(c -> sql.append(c).append(" = :new_").append(c).append(", "));
                sql.setLength(sql.length() - 2);
                sql.append(" WHERE ").append(t.idColumn()).append(" = :id");
                for (String column : set.keySet()) {
                    sql.append(" AND ").append(column).append(" = :old_").append(column);
                }
                var update = db.jdbc().sql(sql.toString()).param("id", id);
                for (var e : set.entrySet()) {
                    update = update.param("new_" + e.getKey(), e.getValue()).param("old_" + e.getKey(), row.get(e.getKey()));
                }
                n += update.update();
            }
            return n;
        });
    }

    private int rebuildTokens(CompanyDatabase db, String index) {
        record Stale(String table, String column, String rowId) {
        }
        List<Stale> stale = db.jdbc().sql("SELECT DISTINCT tbl, col, row_id FROM search_tokens WHERE "
                        + stale("token", "index") + " ORDER BY tbl, col, row_id LIMIT :limit")
                .param("index", index).param("cipher", "").param("limit", batchSize)
                .query((rs, i) -> new Stale(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        if (stale.isEmpty()) {
            return 0;
        }
        return db.inTransaction(() -> {
            int n = 0;
            for (Stale s : stale) {
                ProtectedTable t = tables.stream().filter(p -> p.table().equals(s.table())).findFirst().orElse(null);
                if (t == null || !t.sensitive().contains(s.column())) {
                    continue;
                }
                // lock the row first, so a concurrent write of the column (which rewrites its tokens) goes before or after
                db.jdbc().sql("UPDATE " + t.table() + " SET " + t.idColumn() + " = " + t.idColumn() + " WHERE "
                        + t.idColumn() + " = :id").param("id", s.rowId()).update();
                String stored = db.jdbc().sql("SELECT " + s.column() + " FROM " + t.table() + " WHERE " + t.idColumn() + " = :id")
                        .param("id", s.rowId()).query(String.class).optional().orElse(null);
                var tokens = stored == null ? java.util.Set.<String>of()
                        : protection.wordTokens(db.tenant(), t.table(), s.column(),
                                protection.open(db.tenant(), t.table(), s.column(), s.rowId(), stored));
                SearchTokens.replace(db.jdbc(), t.table(), s.column(), s.rowId(), tokens);
                n++;
            }
            return n;
        });
    }

    private static long count(CompanyDatabase db, String sql, String cipher, String index) {
        var spec = db.jdbc().sql(sql);
        if (sql.contains(":cipher")) {
            spec = spec.param("cipher", cipher);
        }
        if (sql.contains(":index")) {
            spec = spec.param("index", index);
        }
        return spec.query(Long.class).single();
    }

    private static String stale(String column, String prefixParam) {
        return "substr(" + column + ", 1, " + PREFIX + ") <> :" + prefixParam;
    }

    private static Map<String, Object> lower(Map<String, Object> row) {
        Map<String, Object> lower = new LinkedHashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return lower;
    }

    private static String primary(KeyStatus status, KeyStatus.Purpose purpose) {
        return status.keys().stream().filter(k -> k.purpose() == purpose && k.state() == KeyStatus.State.PRIMARY)
                .map(KeyStatus.Key::id).findFirst().orElse(null);
    }
}
