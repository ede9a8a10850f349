package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SharedPostgres;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyStatus;
import org.fieldstone.tenancy.NewCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Tenancy on either engine: a database per company, all-or-nothing provisioning, migrations, pools. */
abstract class TenancyContract {

    @Autowired Companies companies;
    @Autowired CompanyPools pools;
    @Autowired DatabaseServer server;
    @Autowired org.fieldstone.tenancy.FieldProtection protection;
    @Autowired Fixtures fixtures;
    @Autowired TestClock clock;
    @Autowired org.fieldstone.audit.AuditTrail audit;
    @Value("${fieldstone.data-dir}") Path dataDir;

    @Test
    void provisioningCreatesTheCompanysOwnMigratedDatabase() throws Exception {
        var c = fixtures.company("own-db");
        assertThat(c.company.status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(c.company.placement()).contains(c.company.id().compact());

        List<String> versions = pools.of(c.company.id()).jdbc()
                .sql("SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL ORDER BY installed_rank")
                .query(String.class).list();
        assertThat(versions).startsWith("1", "2", "3", "4", "5");
        assertThat(databaseExists(c.company.placement())).isTrue();

        List<String> controlVersions = org.springframework.jdbc.core.simple.JdbcClient.create(server.controlPlane())
                .sql("SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL")
                .query(String.class).list();
        // V13 (login throttling shared across nodes) is PostgreSQL's only: SQLite serves one node
        assertThat(controlVersions).containsExactlyElementsOf(server.engine().equals("postgresql")
                ? List.of("1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "12", "13")
                : List.of("1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "12"));
        assertThat(c.company.country()).isEqualTo("CH");

        // nothing of the company's business lives in the control plane
        var controlTables = tables(server.controlPlane().getConnection());
        assertThat(controlTables).doesNotContain("users", "sessions", "api_keys", "audit_log");
    }

    @Test
    void twoCompaniesNeverShareRows() {
        var a = fixtures.company("iso-a");
        var b = fixtures.company("iso-b");
        assertThat(emails(a.company.id())).containsExactly(a.ownerEmail());
        assertThat(emails(b.company.id())).containsExactly(b.ownerEmail());
    }

    /** The users' email addresses as stored (encrypted), opened with that company's key. */
    private List<String> emails(org.fieldstone.shared.TenantId company) {
        return pools.of(company).jdbc().sql("SELECT id, email FROM users")
                .query((rs, i) -> protection.open(company, "users", "email", rs.getString(1), rs.getString(2))).list();
    }

    @Test
    void provisioningIsAllOrNothing() throws Exception {
        String slug = fixtures.uniqueSlug("half");
        long databasesBefore = companyDatabaseCount();
        assertThatThrownBy(() -> companies.provision(new NewCompany(slug, "Half made", ZoneId.of("UTC")), db -> {
            db.jdbc().sql("INSERT INTO users (id, email, name, role, active, created_at, updated_at, version) "
                    + "VALUES ('u1', 'a@b.example', 'A', 'OWNER', TRUE, 0, 0, 0)").update();
            throw new IllegalStateException("seed failed on purpose");
        })).hasMessageContaining("on purpose");

        assertThat(companies.findBySlug(slug)).isEmpty();
        assertThat(companies.list()).extracting(Company::slug).doesNotContain(slug);
        // the half-made database is gone too, and the address can be used again
        assertThat(companyDatabaseCount()).isEqualTo(databasesBefore);
        var again = companies.provision(new NewCompany(slug, "Second try", ZoneId.of("UTC")), db -> { });
        assertThat(again.slug()).isEqualTo(slug);
    }

    @Test
    void aTakenAddressIsRefused() {
        var c = fixtures.company("taken");
        assertThatThrownBy(() -> companies.provision(new NewCompany(c.slug(), "Copycat", ZoneId.of("UTC")), db -> { }))
                .isInstanceOf(Conflict.class).hasMessageContaining("already taken");
    }

    @Test
    void noCompanyNoDatabase() {
        assertThatThrownBy(() -> pools.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("No company bound");
        assertThatThrownBy(() -> pools.of(TenantId.random())).isInstanceOf(NotFound.class);
    }

    @Test
    void suspendingAndResumingIsRecordedInTheCompanysAuditTrail() {
        var c = fixtures.company("suspend");
        Actor cli = Actor.system(c.company.id(), Channel.CLI);
        assertThat(companies.suspend(c.slug(), cli).status()).isEqualTo(CompanyStatus.SUSPENDED);
        assertThat(companies.find(c.company.id()).orElseThrow().isActive()).isFalse();
        assertThatThrownBy(() -> companies.suspend(c.slug(), cli)).isInstanceOf(Conflict.class);
        assertThat(companies.resume(c.slug(), cli).status()).isEqualTo(CompanyStatus.ACTIVE);

        List<String> actions = pools.of(c.company.id()).jdbc()
                .sql("SELECT action || ':' || channel FROM audit_log ORDER BY seq").query(String.class).list();
        assertThat(actions).contains("company.suspended:cli", "company.resumed:cli");
    }

    @Test
    void aCompanyDatabaseIsMigratedWhenFirstOpenedAfterAnUpgradeAndItsOldAuditEntriesJoinTheChain() {
        var c = fixtures.company("upgrade");
        TenantId id = c.company.id();
        audit.flushAnchors();
        // rebuild the company's database as release 1 left it: schema version 2, entries in audit_events
        pools.close(id);
        server.drop(c.company.placement());
        server.create(c.company.placement());
        try (var old = server.open(c.company.placement(), "old-release")) {
            Migrations.company(old, server.engine(), "2");
            var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(old);
            for (int i = 1; i <= 3; i++) {
                jdbc.sql("INSERT INTO audit_events (at, actor_type, actor_name, channel, entity_type, entity_id, action, changes) "
                                + "VALUES (:at, 'system', 'system', 'system', 'company', :id, :action, '[]')")
                        .param("at", 1_000L * i).param("id", id.toString()).param("action", "legacy." + i).update();
            }
        }
        org.springframework.jdbc.core.simple.JdbcClient.create(server.controlPlane())
                .sql("DELETE FROM audit_anchors WHERE company_id = :id").param("id", id.toString()).update();

        CompanyDatabase db = pools.of(id);
        List<String> versions = db.jdbc()
                .sql("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                .query(String.class).list();
        assertThat(versions).startsWith("1", "2", "3", "4", "5");
        assertThat(db.jdbc().sql("SELECT action FROM audit_log ORDER BY seq").query(String.class).list())
                .containsExactly("legacy.1", "legacy.2", "legacy.3");
        assertThat(audit.verify(id, db.jdbc()).intact()).isTrue();
        assertThat(audit.verify(id, db.jdbc()).entries()).isEqualTo(3);
    }

    @Test
    void idlePoolsAreClosedAndReopenedOnDemand() {
        var c = fixtures.company("idle");
        CompanyDatabase handle = pools.of(c.company.id());
        handle.jdbc().sql("SELECT 1").query(Integer.class).single();
        int open = pools.openPools();
        assertThat(open).isPositive();

        clock.advance(Duration.ofMinutes(11));
        pools.closeIdlePools();
        assertThat(pools.openPools()).isLessThan(open);

        // the handle taken before the close still works: it reopens the pool
        assertThat(handle.jdbc().sql("SELECT COUNT(*) FROM users").query(Long.class).single()).isOne();
        assertThat(handle.inTransaction(() -> handle.jdbc().sql("SELECT COUNT(*) FROM users").query(Long.class).single())).isOne();
    }

    @Test
    void theNumberOfOpenPoolsIsBounded() {
        var bounded = new CompanyPools(server, new CompanyRegistry(
                org.springframework.jdbc.core.simple.JdbcClient.create(server.controlPlane()), clock), clock, 2,
                Duration.ofMinutes(10).toMillis());
        try {
            for (int i = 0; i < 4; i++) {
                var c = fixtures.company("bound");
                bounded.of(c.company.id()).jdbc().sql("SELECT COUNT(*) FROM users").query(Long.class).single();
                assertThat(bounded.openPools()).isLessThanOrEqualTo(2);
                clock.advance(Duration.ofSeconds(31));
            }
        } finally {
            bounded.close();
        }
    }

    @Test
    void aPoolInUseIsNeverClosedToMakeRoom() throws Exception {
        var bounded = new CompanyPools(server, new CompanyRegistry(
                org.springframework.jdbc.core.simple.JdbcClient.create(server.controlPlane()), clock), clock, 1,
                Duration.ofMinutes(10).toMillis());
        var first = fixtures.company("busy-a");
        var second = fixtures.company("busy-b");
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Long>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                TenantId tenant = (i % 2 == 0 ? first : second).company.id();
                results.add(executor.submit(() -> {
                    CompanyDatabase db = bounded.of(tenant);
                    return db.inTransaction(() -> db.jdbc().sql("SELECT COUNT(*) FROM users").query(Long.class).single());
                }));
            }
            for (var r : results) {
                assertThat(r.get(30, java.util.concurrent.TimeUnit.SECONDS)).isOne();
            }
        } finally {
            bounded.close();
        }
    }

    @Test
    void theAuditTableRefusesUpdatesAndDeletes() {
        var c = fixtures.company("append-only");
        var jdbc = pools.of(c.company.id()).jdbc();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single()).isPositive();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET action = 'forged'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log").update())
                .hasMessageContaining("append-only");
        if ("postgresql".equals(server.engine())) {
            assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_log").update()).hasMessageContaining("append-only");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'forged'").query(Long.class).single()).isZero();
    }

    private boolean databaseExists(String placement) throws Exception {
        if ("sqlite".equals(server.engine())) {
            return Files.exists(dataDir.resolve(placement));
        }
        String name = placement.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection c = SharedPostgres.connect("postgres");
             var s = c.prepareStatement("SELECT COUNT(*) FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            var rs = s.executeQuery();
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    /** Company databases on disk (SQLite) or on the server (PostgreSQL). */
    private long companyDatabaseCount() throws Exception {
        if ("sqlite".equals(server.engine())) {
            try (var files = Files.list(dataDir.resolve("tenants"))) {
                return files.filter(p -> p.getFileName().toString().endsWith(".db")).count();
            }
        }
        try (Connection c = SharedPostgres.connect("postgres");
             var rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM pg_database WHERE datname ~ '^fs_[0-9a-f]{32}$'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> tables(Connection c) throws Exception {
        try (c; var rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
            return names;
        }
    }
}
