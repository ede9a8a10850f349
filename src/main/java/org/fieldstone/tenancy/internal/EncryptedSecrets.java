package org.fieldstone.tenancy.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditRecord.Change;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link SecretStore}: a company's secrets in its own {@code secrets} table, sealed through
 * {@link FieldProtection} with the secret's name as row id (so key rotation re-encrypts them like any
 * protected column, and a value moved to another name or company does not open); the platform's in the
 * control plane's {@code platform_secrets}, sealed under the platform key.
 *
 * <p>Not written through the {@link org.fieldstone.tenancy.RecordStore}: it would put the sealed value into the
 * audit trail, where those who may read the trail would see it opened. Each write here checks the permission,
 * compares versions and appends its own audit entry — name and hint only — in the same transaction
 * (decision 0015).
 */
@Component
class EncryptedSecrets implements SecretStore {

    private static final Logger log = LoggerFactory.getLogger(EncryptedSecrets.class);
    static final String TABLE = "secrets";
    static final String COLUMN = "value";

    private static final RowMapper<Stored> STORED = (rs, i) -> new Stored(
            new Secret(rs.getString("name"), rs.getString("hint"), rs.getLong("version"),
                    Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getString("updated_by")),
            rs.getString("value"));

    private final CompanyDatabases databases;
    private final FieldProtection protection;
    private final AuditTrail audit;
    private final KeyRing keys;
    private final JdbcClient controlPlane;
    private final Clock clock;

    EncryptedSecrets(CompanyDatabases databases, FieldProtection protection, AuditTrail audit, KeyRing keys,
                     DatabaseServer server, Clock clock) {
        this.databases = databases;
        this.protection = protection;
        this.audit = audit;
        this.keys = keys;
        this.controlPlane = JdbcClient.create(server.controlPlane());
        this.clock = clock;
    }

    /** A secret as stored: what may be shown, and the sealed value. */
    private record Stored(Secret secret, String sealed) {
    }

    // ---- a company's secrets

    @Override
    public Secret set(Actor actor, String name, char[] value) {
        actor.require(Permission.SETTINGS_MANAGE);
        String n = SecretInput.name(name);
        String v = SecretInput.value(value);
        for (int attempt = 0; ; attempt++) {
            try {
                return write(actor, n, v, null);
            } catch (VersionConflict e) {
                // someone set it at the same moment: this value replaces theirs, as asked
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Secret set(Actor actor, String name, char[] value, long expectedVersion) {
        actor.require(Permission.SETTINGS_MANAGE);
        return write(actor, SecretInput.name(name), SecretInput.value(value), expectedVersion);
    }

    private Secret write(Actor actor, String name, String value, Long expectedVersion) {
        String hint = SecretInput.hint(value);
        CompanyDatabase db = databases.of(actor.tenant());
        Secret written = db.inTransaction(() -> {
            Optional<Stored> current = find(db.jdbc(), name);
            long version = current.map(s -> s.secret().version()).orElse(0L);
            if (expectedVersion != null && expectedVersion != version) {
                throw new VersionConflict(org.fieldstone.shared.Message.of("tenancy.thing.secret"), version);
            }
            long now = clock.millis();
            String by = by(actor);
            String sealed = protection.seal(actor.tenant(), TABLE, COLUMN, name, value);
            int rows = current.isEmpty()
                    ? db.jdbc().sql("""
                            INSERT INTO secrets (name, value, hint, version, created_at, created_by, updated_at, updated_by)
                            VALUES (:name, :value, :hint, 1, :now, :by, :now, :by)
                            ON CONFLICT (name) DO NOTHING
                            """)
                            .param("name", name).param("value", sealed).param("hint", hint).param("now", now).param("by", by)
                            .update()
                    : db.jdbc().sql("""
                            UPDATE secrets SET value = :value, hint = :hint, version = version + 1, updated_at = :now,
                                   updated_by = :by
                            WHERE name = :name AND version = :version
                            """)
                            .param("name", name).param("value", sealed).param("hint", hint).param("now", now).param("by", by)
                            .param("version", version)
                            .update();
            if (rows != 1) {
                throw new VersionConflict(org.fieldstone.shared.Message.of("tenancy.thing.secret"), currentVersion(db.jdbc(), name));
            }
            audit.append(db.jdbc(), AuditRecord.of(actor, "secret", name, "secret.set",
                    new Change("hint", current.map(s -> s.secret().hint()).orElse(null), hint),
                    new Change("version", current.isEmpty() ? null : Long.toString(version), Long.toString(version + 1))));
            return new Secret(name, hint, version + 1, Instant.ofEpochMilli(now), by);
        });
        log.info("Secret {} of company {} set (version {})", name, actor.tenant(), written.version());
        return written;
    }

    @Override
    public void remove(Actor actor, String name) {
        actor.require(Permission.SETTINGS_MANAGE);
        delete(actor, SecretInput.name(name), null);
    }

    @Override
    public void remove(Actor actor, String name, long expectedVersion) {
        actor.require(Permission.SETTINGS_MANAGE);
        delete(actor, SecretInput.name(name), expectedVersion);
    }

    private void delete(Actor actor, String name, Long expectedVersion) {
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            Optional<Stored> current = find(db.jdbc(), name);
            if (current.isEmpty() && expectedVersion == null) {
                throw new NotFound(org.fieldstone.shared.Message.of("tenancy.thing.secret-set", name));
            }
            long version = current.map(s -> s.secret().version()).orElse(0L);
            if (current.isEmpty() || (expectedVersion != null && expectedVersion != version)) {
                throw new VersionConflict(org.fieldstone.shared.Message.of("tenancy.thing.secret"), version);
            }
            if (db.jdbc().sql("DELETE FROM secrets WHERE name = :name AND version = :version")
                    .param("name", name).param("version", version).update() != 1) {
                throw new VersionConflict(org.fieldstone.shared.Message.of("tenancy.thing.secret"), currentVersion(db.jdbc(), name));
            }
            audit.append(db.jdbc(), AuditRecord.of(actor, "secret", name, "secret.removed",
                    new Change("hint", current.get().secret().hint(), null),
                    new Change("version", Long.toString(version), null)));
        });
        log.info("Secret {} of company {} removed", name, actor.tenant());
    }

    @Override
    public List<Secret> list(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        return databases.of(actor.tenant()).jdbc()
                .sql("SELECT name, hint, version, updated_at, updated_by, NULL AS value FROM secrets ORDER BY name")
                .query(STORED).list().stream().map(Stored::secret).toList();
    }

    @Override
    public Optional<String> reveal(TenantId tenant, String name) {
        String n = SecretInput.name(name);
        return find(databases.of(tenant).jdbc(), n).map(s -> protection.open(tenant, TABLE, COLUMN, n, s.sealed()));
    }

    private static Optional<Stored> find(JdbcClient db, String name) {
        return db.sql("SELECT name, value, hint, version, updated_at, updated_by FROM secrets WHERE name = :name")
                .param("name", name).query(STORED).optional();
    }

    private static long currentVersion(JdbcClient db, String name) {
        return db.sql("SELECT version FROM secrets WHERE name = :name").param("name", name)
                .query(Long.class).optional().orElse(0L);
    }

    private static String by(Actor actor) {
        return actor.userId().map(Object::toString).orElse(actor.displayName());
    }

    // ---- platform-wide secrets

    @Override
    public Secret setPlatform(String name, char[] value) {
        String n = SecretInput.name(name);
        String v = SecretInput.value(value);
        String hint = SecretInput.hint(v);
        requirePlatformKeys();
        String sealed = keys.encrypt(KeyOwner.PLATFORM, v, platformAd(n));
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Stored> current = findPlatform(n);
            long now = clock.millis();
            long version = current.map(s -> s.secret().version()).orElse(0L);
            int rows = current.isEmpty()
                    ? controlPlane.sql("""
                            INSERT INTO platform_secrets (name, value, hint, version, created_at, updated_at, updated_by)
                            VALUES (:name, :value, :hint, 1, :now, :now, 'cli')
                            ON CONFLICT (name) DO NOTHING
                            """)
                            .param("name", n).param("value", sealed).param("hint", hint).param("now", now).update()
                    : controlPlane.sql("""
                            UPDATE platform_secrets SET value = :value, hint = :hint, version = version + 1,
                                   updated_at = :now, updated_by = 'cli'
                            WHERE name = :name AND version = :version
                            """)
                            .param("name", n).param("value", sealed).param("hint", hint).param("now", now)
                            .param("version", version).update();
            if (rows == 1) {
                log.info("Platform secret {} set (version {})", n, version + 1);
                return new Secret(n, hint, version + 1, Instant.ofEpochMilli(now), "cli");
            }
        }
        throw new Conflict(org.fieldstone.shared.Message.of("tenancy.refused.platform-secret-changing", n));
    }

    @Override
    public boolean removePlatform(String name) {
        String n = SecretInput.name(name);
        boolean removed = controlPlane.sql("DELETE FROM platform_secrets WHERE name = :name").param("name", n).update() == 1;
        if (removed) {
            log.info("Platform secret {} removed", n);
        }
        return removed;
    }

    @Override
    public List<Secret> listPlatform() {
        return controlPlane.sql("SELECT name, hint, version, updated_at, updated_by, NULL AS value FROM platform_secrets ORDER BY name")
                .query(STORED).list().stream().map(Stored::secret).toList();
    }

    @Override
    public Optional<String> revealPlatform(String name) {
        String n = SecretInput.name(name);
        return findPlatform(n).map(s -> keys.decrypt(KeyOwner.PLATFORM, s.sealed(), platformAd(n)));
    }

    private Optional<Stored> findPlatform(String name) {
        return controlPlane.sql("SELECT name, value, hint, version, updated_at, updated_by FROM platform_secrets WHERE name = :name")
                .param("name", name).query(STORED).optional();
    }

    /** The platform's keys are made when its first secret is set; another node or the CLI may be doing the same. */
    private void requirePlatformKeys() {
        if (keys.exists(KeyOwner.PLATFORM)) {
            return;
        }
        try {
            keys.create(KeyOwner.PLATFORM);
            log.info("Created the platform's keys for platform-wide secrets");
        } catch (RuntimeException e) {
            if (!keys.exists(KeyOwner.PLATFORM)) {
                throw e;
            }
        }
    }

    /** Binds a platform secret's value to its name, as a company's is bound by {@link FieldProtection}. */
    static byte[] platformAd(String name) {
        return ("fieldstone/platform/platform_secrets/value/" + name).getBytes(StandardCharsets.UTF_8);
    }

    /** The secrets table as key rotation sees it: the value is sealed with the name as row id. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable secretsTable() {
            return new ProtectedTable(TABLE, "name", Set.of(COLUMN), Map.of());
        }
    }
}
