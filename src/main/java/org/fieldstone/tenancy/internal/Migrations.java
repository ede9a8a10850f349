package org.fieldstone.tenancy.internal;

import javax.sql.DataSource;
import org.fieldstone.audit.AuditMigrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
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
        return configure(dataSource, "company", engine)
                .javaMigrations(AuditMigrations.company().toArray(JavaMigration[]::new))
                .load()
                .migrate();
    }

    /** For tests that need a company database as an older release left it. */
    static MigrateResult company(DataSource dataSource, String engine, String targetVersion) {
        return configure(dataSource, "company", engine)
                .javaMigrations(AuditMigrations.company().toArray(JavaMigration[]::new))
                .target(targetVersion)
                .load()
                .migrate();
    }

    private static MigrateResult migrate(DataSource dataSource, String kind, String engine) {
        return configure(dataSource, kind, engine).load().migrate();
    }

    private static FluentConfiguration configure(DataSource dataSource, String kind, String engine) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/" + kind + "/common", "classpath:db/" + kind + "/" + engine)
                .failOnMissingLocations(false)
                .validateMigrationNaming(true);
    }
}
