package org.fieldstone.tenancy.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.RecordType;
import org.springframework.stereotype.Component;

/** {@link CompanySettings} over the {@code company_settings} table: one row per setting that a company set. */
@Component
class JdbcCompanySettings implements CompanySettings {

    static final String TABLE = "company_settings";
    /** The setting's value as its {@link CompanySetting} writes it. */
    static final Column<String> VALUE = Column.of("value", String.class);

    private final CompanyDatabases databases;
    private final RecordStore store;
    /** The table as the write path sees it, once per write permission (settings differ in who may write them). */
    private final Map<Permission, RecordType> types = new ConcurrentHashMap<>();

    JdbcCompanySettings(CompanyDatabases databases, RecordStore store) {
        this.databases = databases;
        this.store = store;
    }

    private record Stored(String value, long version) {
    }

    @Override
    public <T> T get(CompanyDatabase db, CompanySetting<T> setting) {
        return stored(db, setting.key()).map(s -> setting.parse().apply(s.value())).orElse(setting.defaultValue());
    }

    @Override
    public <T> T set(Actor actor, CompanySetting<T> setting, T value) {
        actor.require(setting.write());
        CompanyDatabase db = databases.of(actor.tenant());
        RecordType type = types.computeIfAbsent(setting.write(), p -> RecordType.of(TABLE, "setting", p, null, VALUE));
        Changes change = Changes.of(type).set(VALUE, setting.format().apply(value));
        return db.inTransaction(() -> {
            Optional<Stored> current = stored(db, setting.key());
            if (current.isEmpty()) {
                store.insert(actor, setting.key(), change, "created");
                return setting.defaultValue();
            }
            store.update(actor, RecordKey.of(setting.key()), current.get().version(), change);
            return setting.parse().apply(current.get().value());
        });
    }

    private static Optional<Stored> stored(CompanyDatabase db, String key) {
        return db.jdbc().sql("SELECT value, version FROM company_settings WHERE id = :id").param("id", key)
                .query((rs, i) -> new Stored(rs.getString(1), rs.getLong(2))).optional();
    }
}
