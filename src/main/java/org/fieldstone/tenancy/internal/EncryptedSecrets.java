package org.fieldstone.tenancy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.RecordType;
import org.fieldstone.tenancy.SecretStore;
import org.fieldstone.tenancy.Written;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * {@link SecretStore}: a company's secrets are records of the one write path ({@link #SECRETS}), one per name in its
 * own {@code secrets} table, the name being the record's id (decision 0027). The value is a sealed
 * {@link Column#secret() secret column}: sealed through {@link FieldProtection} with the name as row id (so key
 * rotation re-encrypts it like any protected column, and a value moved to another name or company does not open),
 * versioned, and never written into the audit trail, whose {@code secret.set}/{@code secret.removed} entries show
 * the name and the hint. The platform's secrets live in the control plane, which has no company database and so no
 * write path: {@link PlatformSecrets}.
 */
@Component
class EncryptedSecrets implements SecretStore {

    private static final Logger log = LoggerFactory.getLogger(EncryptedSecrets.class);
    static final String TABLE = "secrets";
    /** The credential, sealed and bound to company and name; a secret: the audit trail never holds it. */
    static final Column<String> VALUE = Column.of("value", String.class).sealed().secret();
    /** What pages, the CLI and the audit trail show of a value, e.g. {@code sk_…4f2a}. */
    static final Column<String> HINT = Column.of("hint", String.class);
    /** Keyed by the secret's name; changed by those who manage the company's settings (owners and admins). */
    static final RecordType SECRETS = RecordType.of(TABLE, "secret", Permission.SETTINGS_MANAGE, null, VALUE, HINT);

    private static final RowMapper<Secret> SECRET = (rs, i) -> new Secret(rs.getString("id"), rs.getString("hint"),
            rs.getLong("version"), Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getString("updated_by"));

    private final CompanyDatabases databases;
    private final FieldProtection protection;
    private final RecordStore store;
    private final PlatformSecrets platform;

    EncryptedSecrets(CompanyDatabases databases, FieldProtection protection, RecordStore store, PlatformSecrets platform) {
        this.databases = databases;
        this.protection = protection;
        this.store = store;
        this.platform = platform;
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
                // someone set or removed it at the same moment: this value replaces theirs, as asked
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

    /** Inserts (version 1) or changes the record through the write path; expected version null: whatever it is now. */
    private Secret write(Actor actor, String name, String value, Long expectedVersion) {
        CompanyDatabase db = databases.of(actor.tenant());
        Optional<Secret> current = find(db, name);
        long version = current.map(Secret::version).orElse(0L);
        if (expectedVersion != null && expectedVersion != version) {
            throw stale(version);
        }
        Changes changes = Changes.of(SECRETS).set(VALUE, value).set(HINT, SecretInput.hint(value));
        Secret written;
        try {
            // the answer is the record as the write path wrote it: no second read
            Written row = current.isEmpty()
                    ? store.insert(actor, name, changes, "set")
                    : store.change(actor, RecordKey.of(name), version, changes, "set");
            written = new Secret(name, row.get(HINT), row.version(), row.updatedAt(), row.updatedBy());
        } catch (Conflict e) {
            // another writer set it between our read and our insert: nothing of ours was written
            throw stale(currentVersion(db, name));
        } catch (NotFound e) {
            // another writer removed it between our read and our change
            throw stale(0);
        }
        log.info("Secret {} of company {} set (version {})", name, actor.tenant(), written.version());
        return written;
    }

    /** Someone else set or removed the secret meanwhile; it is now at {@code version} (0: none). */
    private static VersionConflict stale(long version) {
        return new VersionConflict(org.fieldstone.shared.Message.of("tenancy.thing.secret"), version);
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
        Optional<Secret> current = find(db, name);
        if (current.isEmpty()) {
            if (expectedVersion == null) {
                throw new NotFound(org.fieldstone.shared.Message.of("tenancy.thing.secret-set", name));
            }
            throw stale(0);
        }
        try {
            store.delete(actor, SECRETS, RecordKey.of(name),
                    expectedVersion == null ? current.get().version() : expectedVersion, "removed");
        } catch (NotFound e) {
            throw stale(0);
        }
        log.info("Secret {} of company {} removed", name, actor.tenant());
    }

    @Override
    public List<Secret> list(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        return databases.of(actor.tenant()).jdbc()
                .sql("SELECT id, hint, version, updated_at, updated_by FROM secrets ORDER BY id")
                .query(SECRET).list();
    }

    @Override
    public Optional<String> reveal(TenantId tenant, String name) {
        String n = SecretInput.name(name);
        return databases.of(tenant).jdbc().sql("SELECT value FROM secrets WHERE id = :id").param("id", n)
                .query(String.class).optional()
                .map(sealed -> protection.open(tenant, TABLE, VALUE.name(), n, sealed));
    }

    private static Optional<Secret> find(CompanyDatabase db, String name) {
        return db.jdbc().sql("SELECT id, hint, version, updated_at, updated_by FROM secrets WHERE id = :id")
                .param("id", name).query(SECRET).optional();
    }

    private static long currentVersion(CompanyDatabase db, String name) {
        return find(db, name).map(Secret::version).orElse(0L);
    }

    // ---- platform-wide secrets: the control plane's, see PlatformSecrets

    @Override
    public Secret setPlatform(String name, char[] value) {
        return platform.set(name, value);
    }

    @Override
    public boolean removePlatform(String name) {
        return platform.remove(name);
    }

    @Override
    public List<Secret> listPlatform() {
        return platform.list();
    }

    @Override
    public Optional<String> revealPlatform(String name) {
        return platform.reveal(name);
    }

    /** The secrets table as key rotation sees it: the value is sealed with the name, the record's id, as row id. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable secretsTable() {
            return SECRETS.protectedTable();
        }
    }
}
