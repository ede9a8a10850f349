package org.fieldstone.audit.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fieldstone.crypto.CryptoFailure;
import org.fieldstone.crypto.DataKey;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The data keys that seal sensitive before/after values of the audit trail (envelope encryption). A value is
 * stored as {@code <data key id>:<ciphertext>}, bound to company, entry, field and side; the data key is kept
 * in {@code audit_keys}, wrapped under the company's key. A new data key is taken after each rotation of the
 * company's key, and old ones are re-wrapped — the sealed values, covered by the hash chain, never change.
 */
@Component
class AuditKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;
    private final Clock clock;
    /**
     * Opened data keys by company and id, and the data key new values are sealed with by company (only once its row
     * has committed). Bounded and dropped when unused, so the keys of a company that is gone (destroyed) do not stay
     * in memory.
     */
    private final Map<String, DataKey> opened = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).<String, DataKey>build().asMap();
    private final Map<TenantId, Current> current = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).<TenantId, Current>build().asMap();

    private record Current(String id, String wrappingPrefix, DataKey key) {
    }

    AuditKeys(KeyRing keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    String seal(TenantId tenant, JdbcClient db, long seq, String field, String side, String value) {
        if (value == null) {
            return null;
        }
        Current key = current(tenant, db);
        return key.id() + ":" + key.key().encrypt(value, ad(tenant, seq, field, side));
    }

    String open(TenantId tenant, JdbcClient db, long seq, String field, String side, String sealed) {
        if (sealed == null) {
            return null;
        }
        int colon = sealed.indexOf(':');
        if (colon < 0) {
            throw new CryptoFailure("An audit value of " + tenant + " (entry " + seq + ") is not sealed");
        }
        String id = sealed.substring(0, colon);
        return key(tenant, db, id).decrypt(sealed.substring(colon + 1), ad(tenant, seq, field, side));
    }

    long remaining(TenantId tenant, JdbcClient db) {
        return db.sql("SELECT COUNT(*) FROM audit_keys WHERE substr(wrapped, 1, 9) <> :prefix")
                .param("prefix", keys.ciphertextPrefix(KeyOwner.of(tenant))).query(Long.class).single();
    }

    int rewrap(TenantId tenant, JdbcClient db, int limit) {
        KeyOwner owner = KeyOwner.of(tenant);
        String prefix = keys.ciphertextPrefix(owner);
        record Row(String id, String wrapped) {
        }
        List<Row> stale = db.sql("SELECT id, wrapped FROM audit_keys WHERE substr(wrapped, 1, 9) <> :prefix ORDER BY id LIMIT :limit")
                .param("prefix", prefix).param("limit", limit)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2))).list();
        int done = 0;
        for (Row row : stale) {
            byte[] ad = keyAd(tenant, row.id());
            String rewrapped = keys.encrypt(owner, keys.decrypt(owner, row.wrapped(), ad), ad);
            done += db.sql("UPDATE audit_keys SET wrapped = :new WHERE id = :id AND wrapped = :old")
                    .param("new", rewrapped).param("id", row.id()).param("old", row.wrapped()).update();
        }
        current.remove(tenant);
        return done;
    }

    private Current current(TenantId tenant, JdbcClient db) {
        KeyOwner owner = KeyOwner.of(tenant);
        String prefix = keys.ciphertextPrefix(owner);
        Current key = current.get(tenant);
        if (key != null && key.wrappingPrefix().equals(prefix)) {
            return key;
        }
        // the newest data key wrapped under the current company key, or a new one (after a rotation)
        var row = db.sql("""
                SELECT id, wrapped FROM audit_keys WHERE substr(wrapped, 1, 9) = :prefix ORDER BY created_at DESC, id LIMIT 1
                """).param("prefix", prefix).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (row.isPresent()) {
            Current found = new Current(row.get()[0], prefix, key(tenant, db, row.get()[0]));
            current.put(tenant, found);
            return found;
        }
        String id = HexFormat.of().formatHex(randomId());
        String wrapped = keys.newDataKey(owner, keyAd(tenant, id));
        db.sql("INSERT INTO audit_keys (id, wrapped, created_at) VALUES (:id, :wrapped, :at)")
                .param("id", id).param("wrapped", wrapped).param("at", clock.millis()).update();
        Current created = new Current(id, prefix, keys.dataKey(owner, wrapped, keyAd(tenant, id)));
        // remembered only once its row is committed: a rolled-back key must not seal later entries
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                current.put(tenant, created);
            }
        });
        return created;
    }

    private DataKey key(TenantId tenant, JdbcClient db, String id) {
        String cacheKey = tenant.compact() + "/" + id;
        DataKey key = opened.get(cacheKey);
        if (key != null) {
            return key;
        }
        String wrapped = db.sql("SELECT wrapped FROM audit_keys WHERE id = :id").param("id", id).query(String.class)
                .optional().orElseThrow(() -> new CryptoFailure("Audit data key " + id + " of " + tenant + " is missing"));
        key = keys.dataKey(KeyOwner.of(tenant), wrapped, keyAd(tenant, id));
        opened.put(cacheKey, key);
        return key;
    }

    private static byte[] randomId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return id;
    }

    private static byte[] keyAd(TenantId tenant, String id) {
        return ("fieldstone/" + tenant.compact() + "/audit_keys/" + id).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ad(TenantId tenant, long seq, String field, String side) {
        return ("fieldstone/" + tenant.compact() + "/audit_log/" + seq + "/" + field + "/" + side).getBytes(StandardCharsets.UTF_8);
    }
}
