package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.crypto.CryptoFailure;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.SharedPostgres;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyExports;
import org.fieldstone.tenancy.CompanyStatus;
import org.fieldstone.tenancy.DestroyedCompany;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.NewCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deleting a company on either engine: refused everywhere during the grace period and restorable; then destroyed
 * keys first — and what crypto-shredding promises: a copy of the company's data taken before destruction cannot
 * be opened with anything left on disk afterwards (the control plane and the master key file).
 */
abstract class CompanyDeletionContract {

    @Autowired Companies companies;
    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Team team;
    @Autowired Crews crews;
    @Autowired CompanyPools pools;
    @Autowired DatabaseServer server;
    @Autowired KeyRing keys;
    @Autowired FieldProtection protection;
    @Autowired AuditTrail audit;
    @Autowired TestClock clock;
    @Autowired CompanyExports exports;
    @Autowired org.fieldstone.reports.AuditLog auditLog;
    @Value("${fieldstone.data-dir}") Path dataDir;
    @Value("${fieldstone.keys.master-key-file}") Path masterKeyFile;
    @Value("${fieldstone.database.url:}") String databaseUrl;
    @Value("${server.port}") int port;

    @Test
    void aDeletedCompanyIsRefusedEverywhereKeepsItsAddressAndComesBackWhenRestored() {
        TestCompany c = fixtures.company("del-grace");
        String key = c.apiKey(c.owner(), Optional.empty());
        Https browser = new Https(port);
        assertThat(browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        Instant before = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        Company deleted = companies.delete(c.slug(), cli(c), Duration.ofDays(30));

        assertThat(deleted.status()).isEqualTo(CompanyStatus.DELETED);
        assertThat(deleted.isActive()).isFalse();
        assertThat(deleted.deleteAfter()).isEqualTo(before.plus(Duration.ofDays(30)));
        assertThat(browser.get("/c/" + c.slug() + "/").status()).as("the session").isEqualTo(302);
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).as("a page").isEqualTo(302);
        assertThat(browser.get("/c/" + c.slug() + "/login").status()).as("the login page").isEqualTo(404);
        assertThat(new Https(port).get("/api/v1/me", key).status()).as("the API key").isEqualTo(401);
        assertThatThrownBy(() -> companies.provision(new NewCompany(c.slug(), "Squatter", ZoneId.of("UTC")), db -> { }))
                .as("its address stays taken").isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> companies.delete(c.slug(), cli(c), Duration.ZERO)).isInstanceOf(Conflict.class)
                .hasMessageContaining("deleted already");
        assertThatThrownBy(() -> companies.destroy(c.slug())).as("inside the grace period").isInstanceOf(Conflict.class)
                .hasMessageContaining("kept until");
        assertThat(trail(c.company.id())).anySatisfy(line -> assertThat(line)
                .isEqualTo("company.deleted:cli:status DELETED, delete_after " + deleted.deleteAfter()));

        Company restored = companies.restore(c.slug(), cli(c));

        assertThat(restored.status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(restored.deleteAfter()).isNull();
        assertThat(browser.get("/c/" + c.slug() + "/").status()).isEqualTo(200);
        assertThat(new Https(port).get("/api/v1/me", key).status()).isEqualTo(200);
        assertThat(keys.exists(KeyOwner.of(c.company.id()))).isTrue();
        assertThat(trail(c.company.id())).last().isEqualTo("company.restored:cli:status ACTIVE, delete_after null");
        assertThatThrownBy(() -> companies.restore(c.slug(), cli(c))).isInstanceOf(Conflict.class)
                .hasMessageContaining("not deleted");
    }

    @Test
    void aSuspendedCompanyThatIsDeletedAndRestoredIsSuspendedAgain() {
        TestCompany c = fixtures.company("del-suspended");
        companies.suspend(c.slug(), cli(c));
        companies.delete(c.slug(), cli(c), Duration.ofDays(1));

        assertThat(companies.restore(c.slug(), cli(c)).status()).isEqualTo(CompanyStatus.SUSPENDED);
    }

    @Test
    void onlyTheCompanysOwnOwnersAndTheOperatorDeleteIt() {
        TestCompany c = fixtures.companyWithEveryRole("del-roles");
        TestCompany other = fixtures.company("del-other");
        for (Role role : List.of(Role.ADMIN, Role.USER, Role.READ_ONLY)) {
            assertThatThrownBy(() -> companies.delete(c.slug(), actor(c, role), Duration.ofDays(30))).as(role.name())
                    .isInstanceOf(Forbidden.class).hasMessageContaining("company:delete");
        }
        assertThatThrownBy(() -> companies.delete(c.slug(), actor(other, Role.OWNER), Duration.ofDays(30)))
                .as("another company's owner").isInstanceOf(InvalidInput.class).hasMessageContaining("No company");
        assertThatThrownBy(() -> companies.delete(c.slug(), cli(c), Duration.ofDays(366))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> companies.delete(c.slug(), cli(c), Duration.ofDays(-1))).isInstanceOf(InvalidInput.class);
        assertThat(companies.findBySlug(c.slug()).orElseThrow().status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(trail(c.company.id())).noneMatch(line -> line.startsWith("company.deleted"));

        assertThat(companies.delete(c.slug(), actor(c, Role.OWNER), Duration.ofDays(30)).status()).isEqualTo(CompanyStatus.DELETED);
        assertThat(trail(c.company.id())).last().asString().startsWith("company.deleted:web:");
    }

    @Test
    void afterShreddingACopyOfTheCompanysDataCannotBeOpenedWithAnythingLeftOnDisk() throws Exception {
        TestCompany c = fixtures.company("shred");
        TenantId id = c.company.id();
        String m = "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        List<String> markers = List.of(m + "Name", m.toLowerCase() + "@client.example", m + "Notes", m + "Street",
                m + "City", m + "Zip", m + "Member", m.toLowerCase() + "@member.example");
        Client client = clients.create(c.system(), new NewClient(m + "Name Plumbing", m.toLowerCase() + "@client.example",
                "+41 44 555 12 34", m + "Notes", List.of()), new NewProperty("Shop", m + "Street 1", m + "City", null,
                m + "Zip", null, "46.5", "7.25"));
        team.invite(c.system(), new EmailAddress(m.toLowerCase() + "@member.example"), m + "Member", Role.USER);
        audit.flushAnchors();

        // what someone who copied the company's database before it was destroyed holds
        Copy copy = isPostgres() ? copyOfPostgresDatabase(id) : copyOfSqliteFile(id);
        assertThat(copy.sealed()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(copy.sealed()).extracting(Sealed::rowId).contains(client.id());
        for (String marker : markers) {
            assertThat(copy.raw()).as("plaintext of %s in the copy", marker).doesNotContainIgnoringCase(marker);
        }
        // control: before destruction the copied values open with the company's keys
        assertThat(copy.sealed()).allSatisfy(s -> assertThat(open(id, s)).isNotBlank());
        assertThat(copy.sealed().stream().map(s -> open(id, s)).toList()).contains(m + "Name Plumbing", m + "Member");
        String wrappedKeyset = controlPlane().sql("SELECT aead FROM keysets WHERE owner = :owner")
                .param("owner", KeyOwner.of(id).id()).query(String.class).single();
        String keysetFingerprint = encryptedKeyset(wrappedKeyset);

        companies.delete(c.slug(), cli(c), Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(61));
        List<DestroyedCompany> destroyed = companies.destroyDue();

        assertThat(destroyed).extracting(DestroyedCompany::id).contains(id);
        // the keys are gone from the control plane, and with them every way to open the copy
        assertThat(keys.exists(KeyOwner.of(id))).isFalse();
        assertThat(controlPlane().sql("SELECT COUNT(*) FROM keysets WHERE owner = :owner").param("owner", KeyOwner.of(id).id())
                .query(Long.class).single()).isZero();
        assertThat(Files.exists(masterKeyFile)).as("the master key stays: it wraps every other company's keys").isTrue();
        for (Sealed s : copy.sealed()) {
            assertThatThrownBy(() -> open(id, s)).as("%s.%s with the company's keys", s.table(), s.column())
                    .isInstanceOf(CryptoFailure.class);
            for (KeyOwner remaining : keys.owners()) {
                assertThatThrownBy(() -> keys.decrypt(remaining, s.stored(), TinkFieldProtection.ad(id, s.table(), s.column(), s.rowId())))
                        .as("%s.%s with the keys of %s", s.table(), s.column(), remaining).isInstanceOf(CryptoFailure.class);
            }
        }
        // nor does any file left behind hold the destroyed keyset (deleted rows can linger in a database file)
        String atRest = controlPlaneAtRest();
        assertThat(atRest.contains(c.slug())).as("the tombstone is in the control plane read").isTrue();
        assertThat(atRest.contains(keysetFingerprint)).as("the destroyed keyset in the control plane at rest").isFalse();
        assertThat(databaseExists(c.company.placement())).as("the company database").isFalse();
        if (!isPostgres()) {
            try (var files = Files.list(dataDir.resolve("tenants"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(id.compact()));
            }
        }
        // the control plane keeps only a tombstone; the address is free again
        assertThat(companies.find(id)).isEmpty();
        assertThat(companies.findBySlug(c.slug())).isEmpty();
        assertThat(companies.destroyed()).filteredOn(t -> t.id().equals(id)).singleElement().satisfies(t -> {
            assertThat(t.slug()).isEqualTo(c.slug());
            assertThat(t.destroyedAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(t.deletedAt()).isBefore(t.destroyedAt());
        });
        assertThat(controlPlane().sql("SELECT COUNT(*) FROM audit_anchors WHERE company_id = :id").param("id", id.toString())
                .query(Long.class).single()).isZero();
        assertThatThrownBy(() -> pools.of(id)).isInstanceOf(NotFound.class);
        assertThat(companies.provision(new NewCompany(c.slug(), "New owner of the address", ZoneId.of("UTC")), db -> { })
                .id()).isNotEqualTo(id);
    }

    @Test
    void destroyingAtOnceNeedsADeletionWithoutGraceAndEndsWithTheSameResult() throws Exception {
        TestCompany c = fixtures.company("del-now");
        assertThatThrownBy(() -> companies.destroy(c.slug())).isInstanceOf(Conflict.class).hasMessageContaining("delete it first");

        companies.delete(c.slug(), cli(c), Duration.ZERO);
        DestroyedCompany destroyed = companies.destroy(c.slug());

        assertThat(destroyed.id()).isEqualTo(c.company.id());
        assertThat(keys.exists(KeyOwner.of(c.company.id()))).isFalse();
        assertThat(databaseExists(c.company.placement())).isFalse();
        assertThatThrownBy(() -> companies.destroy(c.slug())).isInstanceOf(InvalidInput.class).hasMessageContaining("No company");
        assertThatThrownBy(() -> companies.restore(c.slug(), cli(c))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void anInterruptedDestructionCannotBeRestoredAndIsCompletedByTheNextRun() throws Exception {
        TestCompany c = fixtures.company("del-crash");
        companies.delete(c.slug(), cli(c), Duration.ZERO);
        // as a destroyer that stopped after it claimed the company and destroyed its keys leaves it (its pools gone with it)
        pools.close(c.company.id());
        controlPlane().sql("UPDATE companies SET status = 'DESTROYING' WHERE id = :id").param("id", c.company.id().toString()).update();
        keys.shred(KeyOwner.of(c.company.id()));

        assertThatThrownBy(() -> companies.restore(c.slug(), cli(c))).isInstanceOf(Conflict.class)
                .hasMessageContaining("can no longer be restored");
        assertThatThrownBy(() -> pools.of(c.company.id())).as("not opened again").isInstanceOf(NotFound.class);

        assertThat(companies.destroyDue()).extracting(DestroyedCompany::id).contains(c.company.id());
        assertThat(databaseExists(c.company.placement())).isFalse();
        assertThat(companies.findBySlug(c.slug())).isEmpty();
    }

    @Test
    void theExportHoldsTheCompanysDataOpenedButNothingThatProvesIdentityAndIsAudited() throws Exception {
        TestCompany c = fixtures.companyWithEveryRole("export");
        String m = "Xp" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Client client = clients.create(c.system(), new NewClient(m + "Name Roofing", m.toLowerCase() + "@client.example",
                "+41 44 555 77 88", m + "Notes", List.of("vip")), new NewProperty("Depot", m + "Street 9", m + "City", null,
                m + "Zip", null, null, null));
        team.invite(c.system(), new EmailAddress(m.toLowerCase() + "@member.example"), m + "Member", Role.USER);
        Crew crew = crews.create(c.system(), m + "Crew", List.of(c.users.get(Role.USER).id()));
        auditLog.allowAdmins(c.system(), true);
        new Https(port).signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        var db = pools.of(c.company.id()).jdbc();
        List<String> secrets = new ArrayList<>();
        secrets.addAll(db.sql("SELECT password_hash FROM users WHERE password_hash IS NOT NULL").query(String.class).list());
        secrets.addAll(db.sql("SELECT id_hash FROM sessions").query(String.class).list());
        secrets.addAll(db.sql("SELECT key_hash FROM api_keys").query(String.class).list());
        secrets.addAll(db.sql("SELECT token_hash FROM invitations").query(String.class).list());
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(4 + 1 + 4 + 1);

        var out = new java.io.ByteArrayOutputStream();
        var counts = exports.export(actor(c, Role.OWNER), out);

        String text = out.toString(StandardCharsets.UTF_8);
        var doc = tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
        assertThat(doc.get("format").asString()).isEqualTo("fieldstone-export/1");
        assertThat(doc.get("company").get("slug").asString()).isEqualTo(c.slug());
        assertThat(doc.get("company").get("timeZone").asString()).isEqualTo("Europe/Zurich");
        assertThat(doc.propertyNames()).containsSubsequence("format", "company", "users", "crews", "clients", "settings", "auditTrail");
        assertThat(doc.get("users")).hasSize(5);
        assertThat(doc.get("users").toString()).contains(c.ownerEmail(), m.toLowerCase() + "@member.example", m + "Member",
                "\"role\":\"READ_ONLY\"");
        assertThat(doc.get("crews")).singleElement().satisfies(exportedCrew -> {
            assertThat(exportedCrew.get("id").asString()).isEqualTo(crew.id());
            assertThat(exportedCrew.get("name").asString()).isEqualTo(m + "Crew");
            assertThat(exportedCrew.get("members").get(0).asString()).isEqualTo(c.users.get(Role.USER).id().toString());
        });
        var exported = doc.get("clients").get(0);
        assertThat(exported.get("id").asString()).isEqualTo(client.id());
        assertThat(exported.get("name").asString()).isEqualTo(m + "Name Roofing");
        assertThat(exported.get("email").asString()).isEqualTo(m.toLowerCase() + "@client.example");
        assertThat(exported.get("phone").asString()).isEqualTo("+41445557788");
        assertThat(exported.get("notes").asString()).isEqualTo(m + "Notes");
        assertThat(exported.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(exported.get("properties").get(0).get("street").asString()).isEqualTo(m + "Street 9");
        assertThat(exported.get("properties").get(0).get("city").asString()).isEqualTo(m + "City");
        assertThat(doc.get("settings").toString()).contains("audit.admins-may-view", "true");
        assertThat(doc.get("auditTrail").toString()).contains("client.created", "crew.created", "login.succeeded", m + "Name Roofing");
        for (String secret : secrets) {
            assertThat(text).as("a stored secret").doesNotContain(secret);
        }
        assertThat(text).doesNotContain("password_hash", "passwordHash", "key_hash", "id_hash", "token_hash");
        assertThat(counts).containsEntry("users", 5L).containsEntry("crews", 1L).containsEntry("clients", 1L);
        assertThat(trail(c.company.id())).last().asString().startsWith("company.exported:web:format fieldstone-export/1, "
                + "complete true, users 5, crews 1, clients 1, checklistTemplates 0, jobs 0, pricing 0, quotes 0, files 0, invoices 0, "
                + "emails 0, assistantConversations 0, notifications 0, settings 1, auditTrail ");
    }

    @Test
    void onlyOwnersExportAndARefusedExportWritesNothing() throws Exception {
        TestCompany c = fixtures.companyWithEveryRole("export-roles");
        for (Role role : List.of(Role.ADMIN, Role.USER, Role.READ_ONLY)) {
            var out = new java.io.ByteArrayOutputStream();
            assertThatThrownBy(() -> exports.export(actor(c, role), out)).as(role.name()).isInstanceOf(Forbidden.class)
                    .hasMessageContaining("company:export");
            assertThat(out.size()).isZero();
        }
        assertThat(trail(c.company.id())).noneMatch(line -> line.startsWith("company.exported"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A sealed value as stored: where it belongs (its associated data) and its ciphertext. */
    record Sealed(String table, String column, String rowId, String stored) {
    }

    /** The sealed values of a copy of a company database, and the whole copy as text. */
    record Copy(List<Sealed> sealed, String raw) {
    }

    private static final List<String[]> SEALED_COLUMNS = List.of(
            new String[] {"clients", "name"}, new String[] {"clients", "email"}, new String[] {"clients", "phone"},
            new String[] {"clients", "notes"}, new String[] {"properties", "street"}, new String[] {"properties", "city"},
            new String[] {"properties", "postal_code"}, new String[] {"users", "name"}, new String[] {"users", "email"});

    /** The company's SQLite file and its write-ahead log, copied as they are on disk. */
    private Copy copyOfSqliteFile(TenantId id) throws Exception {
        Path source = dataDir.resolve("tenants").resolve(id.compact() + ".db");
        Path dir = Files.createTempDirectory("fieldstone-copy-");
        Path copy = dir.resolve("copy.db");
        Files.copy(source, copy);
        Path wal = source.resolveSibling(source.getFileName() + "-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, dir.resolve("copy.db-wal"));
        }
        StringBuilder raw = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                raw.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
            return new Copy(sealed(conn), raw.toString());
        }
    }

    /** Every row of every table of the company's PostgreSQL database, read with plain SQL. */
    private Copy copyOfPostgresDatabase(TenantId id) throws Exception {
        try (Connection conn = SharedPostgres.connect("fs_" + id.compact())) {
            return new Copy(sealed(conn), SharedPostgres.allRows("fs_" + id.compact()));
        }
    }

    private static List<Sealed> sealed(Connection conn) throws Exception {
        List<Sealed> sealed = new ArrayList<>();
        try (Statement s = conn.createStatement()) {
            for (String[] tc : SEALED_COLUMNS) {
                try (ResultSet rs = s.executeQuery("SELECT id, " + tc[1] + " FROM " + tc[0] + " WHERE " + tc[1] + " IS NOT NULL")) {
                    while (rs.next()) {
                        sealed.add(new Sealed(tc[0], tc[1], rs.getString(1), rs.getString(2)));
                    }
                }
            }
        }
        return sealed;
    }

    private String open(TenantId id, Sealed s) {
        return protection.open(id, s.table(), s.column(), s.rowId(), s.stored());
    }

    /** The part of a wrapped keyset that is the keyset's ciphertext (its info part names only key ids). */
    private static String encryptedKeyset(String wrapped) {
        var m = java.util.regex.Pattern.compile("\"encryptedKeyset\"\\s*:\\s*\"([^\"]+)\"").matcher(wrapped);
        assertThat(m.find()).as("a Tink encrypted keyset: %s", wrapped).isTrue();
        String value = m.group(1);
        assertThat(value.length()).isGreaterThan(60);
        return value.substring(10, 70);
    }

    /** The control plane as it is at rest: every byte of its files (SQLite), or every row of every table (PostgreSQL). */
    private String controlPlaneAtRest() throws Exception {
        if (!isPostgres()) {
            StringBuilder all = new StringBuilder();
            try (var files = Files.list(dataDir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("control.db")).toList()) {
                    all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            return all.toString();
        }
        return SharedPostgres.allRows(databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1));
    }

    private boolean databaseExists(String placement) throws Exception {
        if (!isPostgres()) {
            return Files.exists(dataDir.resolve(placement));
        }
        String name = placement.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection conn = SharedPostgres.connect("postgres");
             var s = conn.prepareStatement("SELECT COUNT(*) FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            var rs = s.executeQuery();
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    /** The company's trail as {@code action:channel:field after, …}. */
    private List<String> trail(TenantId id) {
        List<String> lines = new ArrayList<>();
        audit.forEach(id, pools.of(id).jdbc(), org.fieldstone.audit.AuditQuery.ALL, e -> lines.add(e.action() + ":"
                + e.channel() + ":" + String.join(", ", e.changes().stream().map(ch -> ch.field() + " " + ch.after()).toList())));
        return lines;
    }

    private JdbcClient controlPlane() {
        return JdbcClient.create(server.controlPlane());
    }

    private boolean isPostgres() {
        return !databaseUrl.isBlank();
    }

    private static Actor cli(TestCompany c) {
        return Actor.system(c.company.id(), Channel.CLI);
    }

    private static Actor actor(TestCompany c, Role role) {
        var user = c.users.getOrDefault(role, c.owner());
        return new Actor(c.company.id(), Optional.of(user.id()), user.name(), role, Optional.empty(), Channel.WEB,
                "127.0.0.1", "test");
    }
}
