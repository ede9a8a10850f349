package org.fieldstone.tenancy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.fieldstone.audit.AuditMigrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One migration history for SQLite and PostgreSQL ({@code db/<kind>/common}), engine-specific parts
 * (auto-increment, immutability triggers) in {@code db/<kind>/<engine>}.
 */
final class Migrations {

    private static final Pattern VERSIONED = Pattern.compile("^V([0-9]+(?:[._][0-9]+)*)__.+\\.sql$");

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

    /**
     * The newest migration this release ships for company databases, read once at start-up. Opening a company's
     * pool asks its schema history for this version and runs Flyway only if it is missing: Flyway scans the class
     * path and loads its plugins through a {@code ServiceLoader} on every run, which must not happen on a request
     * path (a cold burst once stalled every carrier thread behind that scan).
     */
    static CompanySchema companySchema(String engine) {
        MigrationVersion latest = MigrationVersion.EMPTY;
        var resolver = new PathMatchingResourcePatternResolver(Migrations.class.getClassLoader());
        try {
            for (String folder : new String[] {"common", engine}) {
                for (Resource resource : resolver.getResources("classpath*:db/company/" + folder + "/*.sql")) {
                    Matcher m = VERSIONED.matcher(String.valueOf(resource.getFilename()));
                    if (m.matches()) {
                        latest = max(latest, MigrationVersion.fromVersion(m.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the company migrations", e);
        }
        for (JavaMigration migration : AuditMigrations.company()) {
            latest = max(latest, migration.getVersion());
        }
        if (latest == MigrationVersion.EMPTY) {
            throw new IllegalStateException("No company migrations found on the class path");
        }
        return new CompanySchema(engine, latest);
    }

    private static MigrationVersion max(MigrationVersion a, MigrationVersion b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** What a current company database has applied; {@link #migrate} runs Flyway only where that is missing. */
    record CompanySchema(String engine, MigrationVersion latest) {

        /** Migrates the database unless its history already holds {@link #latest}; the number of migrations run. */
        int migrate(DataSource dataSource) {
            if (isCurrent(dataSource)) {
                return 0;
            }
            return company(dataSource, engine).migrationsExecuted;
        }

        boolean isCurrent(DataSource dataSource) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
                while (rs.next()) {
                    if (rs.getBoolean(2) && MigrationVersion.fromVersion(rs.getString(1)).compareTo(latest) >= 0) {
                        return true;
                    }
                }
                return false;
            } catch (SQLException e) {
                // no history yet (a new database) or one Flyway must repair: let Flyway decide
                return false;
            }
        }
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
