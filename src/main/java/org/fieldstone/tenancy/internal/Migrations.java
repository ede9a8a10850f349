package org.fieldstone.tenancy.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * One migration history for SQLite and PostgreSQL ({@code db/<kind>/common}), engine-specific parts
 * (auto-increment, immutability triggers) in {@code db/<kind>/<engine>}.
 */
final class Migrations {

    private Migrations() {
    }

    static MigrateResult controlPlane(DataSource dataSource, String engine) {
        return migrate(dataSource, "control", engine);
    }

    static MigrateResult company(DataSource dataSource, String engine) {
        return migrate(dataSource, "company", engine);
    }

    private static MigrateResult migrate(DataSource dataSource, String kind, String engine) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/" + kind + "/common", "classpath:db/" + kind + "/" + engine)
                .failOnMissingLocations(false)
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
