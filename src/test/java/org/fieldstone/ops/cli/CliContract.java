package org.fieldstone.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.fieldstone.FieldstoneApplication;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.ops.Cli;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.SharedPostgres;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyStatus;
import org.fieldstone.tenancy.SecretStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The operator's command line on either engine. Every command runs in-process through {@link Cli#run}, which
 * starts its own (non-web) application on the same data as the running test server: the promise is that
 * every command works while the server runs, and the server sees the result at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliContract {

    private static final String PASSWORD = Fixtures.PASSWORD;
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired Companies companies;
    @Autowired Team team;
    @Autowired ApiKeys apiKeys;
    @Autowired Fixtures fixtures;
    @Autowired org.fieldstone.clients.Clients clientsService;
    @Autowired org.fieldstone.support.TestClock clock;
    @Autowired org.fieldstone.audit.AuditTrail audit;
    @Autowired org.fieldstone.tenancy.CompanyDatabases databases;
    @Autowired SecretStore secrets;
    @Autowired org.fieldstone.clients.Clients clients;
    @Autowired org.fieldstone.crypto.KeyRing keys;
    @Autowired org.fieldstone.ops.backup.Backups backups;
    @Value("${fieldstone.data-dir}") Path dataDir;
    @Value("${fieldstone.keys.master-key-file}") Path masterKeyFile;
    @Value("${fieldstone.database.url:}") String databaseUrl;
    @Value("${local.server.port}") int port;

    /** A company with an owner and a USER-role member, for the refusals that need an existing company. */
    private TestCompany shared;
    private User member;
    private Path emptyPasswordFile;

    @BeforeAll
    void sharedCompany() throws IOException {
        shared = fixtures.company("cli-shared");
        member = shared.addUser(Role.USER);
        // the embedded PostgreSQL has no password: the file holds just an empty line
        emptyPasswordFile = Files.createTempFile("fieldstone-db-password-", ".txt");
        Files.writeString(emptyPasswordFile, "\n");
        emptyPasswordFile.toFile().deleteOnExit();
    }

    // ---- backup and restore -------------------------------------------------------------------------------

    @Test
    void backsUpVerifiesDrillsAndRestoresInPlaceWhileTheServerRunsAndRefusesBadInput() {
        TestCompany c = fixtures.company("cli-backup");
        var kept = clients.create(c.system(), new org.fieldstone.clients.NewClient("Cli Backup Ltd", null, null,
                "cli backup notes", List.of()), null);
        String dir = backups.location().toString();

        Result now = cli(null, "backup", "now", "--tenant", c.slug(), "--backup-dir", dir);
        assertThat(now.exit()).as(now.toString()).isZero();
        assertThat(now.outLines()).singleElement().asString().startsWith(c.slug() + " ");
        String id = now.outLines().getFirst().split(" ")[1];
        assertThat(now.err()).contains("taking a snapshot").contains("written");
        assertThat(cli(null, "backup", "list", "--tenant", c.slug(), "--backup-dir", dir).out()).contains(id);
        Result verify = cli(null, "backup", "verify", "--tenant", c.slug(), "--backup-dir", dir);
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains(c.slug() + " " + id + ": good");

        clock.advance(Duration.ofMinutes(1));
        var later = clients.create(c.system(), new org.fieldstone.clients.NewClient("After Cli Backup", null, null, null, List.of()), null);
        audit.flushAnchors();
        assertRefused(cli(null, "restore", "--tenant", c.slug(), "--at", "yesterday", "--backup-dir", dir), "--at must be a time");
        assertRefused(cli(null, "restore", "--tenant", c.slug(), "--at", "2000-01-01T00:00Z", "--backup-dir", dir), "no backup taken at or before");
        assertRefused(cli(null, "restore", "--tenant", c.slug(), "--as", "Bad Name", "--backup-dir", dir), "--as must be");
        assertRefused(cli(null, "restore", "--tenant", "no-such-company", "--backup-dir", dir), "no-such-company");
        assertThat(clientsService.get(c.system(), later.id()).name()).isEqualTo("After Cli Backup");

        Result restored = cli(null, "restore", "--tenant", c.slug(), "--backup-dir", dir);
        assertThat(restored.exit()).as(restored.toString()).isZero();
        assertThat(restored.err()).contains("suspending").contains("active again");
        assertThat(restored.out()).contains(c.slug() + ": restored from backup " + id);
        // the running server serves the restored company at once
        assertThat(companies.findBySlug(c.slug()).orElseThrow().status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(clientsService.find(c.system(), later.id())).isEmpty();
        assertThat(clientsService.get(c.system(), kept.id()).notes()).isEqualTo("cli backup notes");
        Result verified = cli(null, "audit", "verify", "--tenant", c.slug());
        assertThat(verified.exit()).as(verified.toString()).isZero();

        Result drill = cli(null, "backup", "drill", "--tenant", c.slug(), "--backup-dir", dir);
        assertThat(drill.exit()).as(drill.toString()).isZero();
        assertThat(drill.out()).contains("drill passed");
    }

    // ---- tenant -------------------------------------------------------------------------------------------

    @Test
    void createsACompanyWhoseOwnerCanSignInOnTheRunningServer() {
        String slug = fixtures.uniqueSlug("cli-new");
        String owner = "boss@" + slug + ".example";

        Result r = cli(PASSWORD + "\n", "tenant", "create", "--slug", slug, "--name", "Cli Plumbing",
                "--owner-email", owner, "--time-zone", "Europe/Zurich");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).singleElement().asString().matches(UUID);
        Company company = companies.findBySlug(slug).orElseThrow();
        assertThat(company.id().toString()).isEqualTo(r.outLines().getFirst());
        assertThat(company.status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(company.name()).isEqualTo("Cli Plumbing");
        assertThat(company.timeZone().getId()).isEqualTo("Europe/Zurich");

        Https browser = https();
        Https.Response signedIn = browser.signIn(slug, owner, PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).endsWith("/c/" + slug + "/");
        assertThat(browser.cookie("__Host-fs_session")).isNotBlank();
    }

    @Test
    void rotatesACompanysKeysShowsProgressAndReencryptsWhileTheServerKeepsReading() {
        TestCompany c = fixtures.company("cli-keys");
        var created = clientsService.create(c.system(), new org.fieldstone.clients.NewClient("Key Rotation Ltd",
                "rotation@cli.example", null, "secret notes", List.of()), null);

        Result rotated = cli(null, "keys", "rotate", "--tenant", c.slug());
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(rotated.out()).contains(c.slug() + ": new primary keys").containsPattern("remaining=[1-9]");

        Result status = cli(null, "keys", "status", "--tenant", c.slug());
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("remaining=[1-9]").contains("primary").contains("enabled");

        Result reencrypted = cli(null, "keys", "reencrypt", "--tenant", c.slug());
        assertThat(reencrypted.exit()).as(reencrypted.toString()).isZero();
        assertThat(reencrypted.err()).contains("remaining=0");
        assertThat(reencrypted.out()).contains("remaining=0; old keys disabled");

        Result after = cli(null, "keys", "status", "--tenant", c.slug());
        assertThat(after.out()).contains("remaining=0").contains("disabled since");
        // the running server takes up the new keys by itself
        assertThat(clientsService.get(c.system(), created.id()).notes()).isEqualTo("secret notes");
        assertThat(cli(null, "keys", "status", "--tenant", "no-such-company").exit()).isEqualTo(2);
    }

    @Test
    void rotatesTheMasterKeyAndEveryCompanyStaysReadable() throws Exception {
        TestCompany c = fixtures.company("cli-master");
        var created = clientsService.create(c.system(), new org.fieldstone.clients.NewClient("Master Key Ltd", null, null,
                null, List.of()), null);
        String before = Files.readString(masterKeyFile);

        Result r = cli(null, "keys", "rotate-master");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("master key rotated").contains("Back up the new master key file");
        assertThat(Files.readString(masterKeyFile)).isNotEqualTo(before);
        assertThat(clientsService.get(c.system(), created.id()).name()).isEqualTo("Master Key Ltd");
    }

    @Test
    void listsEveryCompanyWithItsStatus() {
        TestCompany active = fixtures.company("cli-list");
        TestCompany suspended = fixtures.company("cli-list-off");
        companies.suspend(suspended.slug(), Actor.system(suspended.company.id(), Channel.SYSTEM));

        Result r = cli(null, "tenant", "list");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines().getFirst().split("\\s+")).containsExactly("SLUG", "STATUS", "ID", "DESTRUCTION", "NAME");
        assertThat(row(r, active.slug())).containsExactly(active.slug(), "ACTIVE", active.company.id().toString(), "-",
                "Company", active.slug());
        assertThat(row(r, suspended.slug())).startsWith(suspended.slug(), "SUSPENDED");
        assertThat(r.outLines()).hasSize(1 + companies.list().size() + companies.destroyed().size());
    }

    @Test
    void whereTheDataIsMayAlsoBeGivenBeforeTheCommand() {
        TestCompany c = fixtures.company("cli-first");
        List<String> args = new ArrayList<>(settings());
        args.addAll(List.of("tenant", "list"));

        Result r = run(null, args);

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(row(r, c.slug())).startsWith(c.slug(), "ACTIVE");
    }

    @Test
    void suspendingACompanyShutsItOutOfTheRunningServerUntilItIsResumed() {
        TestCompany c = fixtures.company("cli-suspend");
        String key = c.apiKey(c.owner(), Optional.empty());
        Https server = https();
        assertThat(server.get("/c/" + c.slug() + "/login").status()).isEqualTo(200);
        assertThat(server.get("/api/v1/me", key).status()).isEqualTo(200);

        Result suspend = cli(null, "tenant", "suspend", c.slug());

        assertThat(suspend.exit()).as(suspend.toString()).isZero();
        assertThat(suspend.outLines()).containsExactly("Suspended " + c.slug() + ".");
        assertThat(companies.findBySlug(c.slug()).orElseThrow().status()).isEqualTo(CompanyStatus.SUSPENDED);
        assertThat(server.get("/c/" + c.slug() + "/login").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/me", key).status()).isEqualTo(401);

        Result resume = cli(null, "tenant", "resume", c.slug());

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(resume.outLines()).containsExactly("Resumed " + c.slug() + ".");
        assertThat(companies.findBySlug(c.slug()).orElseThrow().status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(server.get("/c/" + c.slug() + "/login").status()).isEqualTo(200);
        assertThat(server.get("/api/v1/me", key).status()).isEqualTo(200);
    }

    @Test
    void deletingWritesAnExportFirstShutsTheCompanyOutOfTheRunningServerAndRestoreBringsItBack() throws Exception {
        TestCompany c = fixtures.company("cli-delete");
        String key = c.apiKey(c.owner(), Optional.empty());
        String marker = "Cli" + java.util.UUID.randomUUID().toString().substring(0, 8) + " Plumbing";
        clients.create(c.system(), new org.fieldstone.clients.NewClient(marker, null, null, null, List.of()), null);
        Path export = Files.createTempDirectory("fieldstone-export-").resolve("export.json");
        Https server = https();
        assertThat(server.get("/api/v1/me", key).status()).isEqualTo(200);

        Result r = cli(null, "tenant", "delete", c.slug(), "--export", export.toString(), "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        Company deleted = companies.findBySlug(c.slug()).orElseThrow();
        assertThat(deleted.status()).isEqualTo(CompanyStatus.DELETED);
        String destruction = TenantCommands.time(deleted.deleteAfter());
        assertThat(deleted.deleteAfter()).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(120),
                Instant.now().plus(Duration.ofDays(30)).plusSeconds(120));
        assertThat(r.outLines()).containsExactly(
                "Exported " + c.slug() + " to " + export + " (1 users, 0 crews, 1 clients, 0 checklistTemplates, 0 jobs, 0 pricing, 0 quotes, 0 files, 0 invoices, 0 emails, 0 assistantConversations, 0 notifications, 0 settings, "
                        + exportedAuditEntries(export) + " auditTrail).",
                "Deleted " + c.slug() + ": it is refused everywhere from now on. Its keys and database are destroyed after "
                        + destruction + ".",
                "Until then, 'fieldstone tenant restore " + c.slug() + "' brings it back.");
        assertThat(Files.getPosixFilePermissions(export)).as("the export holds all of the company's data")
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(export)).startsWith("{\"format\":\"fieldstone-export/1\"").contains(marker, c.ownerEmail());
        assertThat(server.get("/c/" + c.slug() + "/login").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/me", key).status()).isEqualTo(401);
        assertThat(row(cli(null, "tenant", "list"), c.slug())).startsWith(c.slug(), "DELETED", c.company.id().toString(),
                destruction);

        Result restore = cli(null, "tenant", "restore", c.slug());

        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restore.outLines()).containsExactly("Restored " + c.slug() + ": it is active again.");
        assertThat(server.get("/api/v1/me", key).status()).isEqualTo(200);
        assertThat(actions(c)).containsSubsequence("company.exported:cli", "company.deleted:cli", "company.restored:cli");
    }

    @Test
    void deletingNowDestroysTheCompanyAtOnceAndListsItAsDestroyed() throws Exception {
        TestCompany c = fixtures.company("cli-now");
        List<String> before = companyDatabases();

        Result r = cli(null, "tenant", "delete", c.slug(), "--no-export", "--now", "--yes");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly("No export was written (--no-export).",
                "Destroyed " + c.slug() + ": its keys are gone and its database is removed. No copy of its data can be "
                        + "read any more; its address is free.");
        assertThat(companies.findBySlug(c.slug())).isEmpty();
        assertThat(keys.exists(org.fieldstone.crypto.KeyOwner.of(c.company.id()))).isFalse();
        assertThat(companyDatabases()).hasSize(before.size() - 1).noneMatch(n -> n.contains(c.company.id().compact()));
        assertThat(row(cli(null, "tenant", "list"), c.slug())).startsWith(c.slug(), "DESTROYED", c.company.id().toString());
        assertThat(https().get("/c/" + c.slug() + "/login").status()).isEqualTo(404);
    }

    @Test
    void anExportIsNeverWrittenOverAnExistingFileAndThenNothingIsDeleted() throws Exception {
        TestCompany c = fixtures.company("cli-exists");
        Path existing = Files.createTempFile("fieldstone-export-", ".json");
        Files.writeString(existing, "keep me");

        assertRefused(cli(null, "tenant", "delete", c.slug(), "--export", existing.toString(), "--yes"), "exists already");

        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(companies.findBySlug(c.slug()).orElseThrow().status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(actions(c)).noneMatch(a -> a.startsWith("company.exported") || a.startsWith("company.deleted"));
    }

    // ---- user ---------------------------------------------------------------------------------------------

    @Test
    void addsAUserWhoCanSignInOnTheRunningServer() {
        TestCompany c = fixtures.company("cli-user");
        String email = "ada@" + c.slug() + ".example";

        Result r = cli(PASSWORD + "\n", "user", "add", "--tenant", c.slug(), "--email", email, "--role", "ADMIN",
                "--name", "Ada Admin");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).singleElement().asString().matches(UUID);
        User added = team.findByEmail(c.system(), new EmailAddress(email)).orElseThrow();
        assertThat(added.id().toString()).isEqualTo(r.outLines().getFirst());
        assertThat(added.role()).isEqualTo(Role.ADMIN);
        assertThat(added.name()).isEqualTo("Ada Admin");
        assertThat(added.active()).isTrue();

        Https browser = https();
        assertThat(browser.signIn(c.slug(), email, PASSWORD).status()).isEqualTo(302);
        assertThat(browser.cookie("__Host-fs_session")).isNotBlank();
    }

    @Test
    void addsAnOperatorWithMandatoryTotpWhoSignsInOnTheRunningServerAndRemovesThemAgain() {
        String email = fixtures.uniqueSlug("cli-ops") + "@example.test";

        Result added = cli(PASSWORD + "\n", "operator", "add", "--email", email, "--name", "Ops Person");
        assertThat(added.exit()).as(added.toString()).isZero();
        assertThat(added.outLines()).hasSize(3);
        assertThat(added.outLines().get(0)).matches(UUID);
        String secret = added.outLines().get(1).replace("TOTP secret: ", "");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(added.outLines().get(2)).startsWith("otpauth URI: otpauth://totp/").contains("secret=" + secret);
        assertThat(added.out()).doesNotContain(PASSWORD);

        Result again = cli(PASSWORD + "\n", "operator", "add", "--email", email, "--name", "Twice");
        assertThat(again.exit()).as(again.toString()).isEqualTo(2);

        Https browser = https();
        browser.get("/operator/sign-in");
        Https.Response signedIn = browser.post("/operator/sign-in", java.util.Map.of("email", email, "password", PASSWORD,
                "code", org.fieldstone.support.Authenticator.code(secret, clock.instant())));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(browser.get("/operator").status()).isEqualTo(200);

        Result listed = cli(null, "operator", "list");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(email).contains("Ops Person");

        Result removed = cli(null, "operator", "remove", "--email", email);
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(browser.get("/operator").status()).as("the session ends with the account").isEqualTo(302);
        assertThat(cli(null, "operator", "list").out()).doesNotContain(email);
    }

    @Test
    void resetsALockedOutOwnersTwoStepVerificationSoThePasswordSignsInAgain() {
        TestCompany c = fixtures.company("cli-mfa");
        Https browser = https();
        browser.signIn(c.slug(), c.ownerEmail(), PASSWORD);
        String secret = org.fieldstone.support.Authenticator.secretOn(browser.get("/c/" + c.slug() + "/account/mfa").body());
        assertThat(browser.post("/c/" + c.slug() + "/account/mfa",
                java.util.Map.of("code", org.fieldstone.support.Authenticator.code(secret, clock.instant()))).status()).isEqualTo(200);
        assertThat(https().signIn(c.slug(), c.ownerEmail(), PASSWORD).header("Location")).endsWith("/login/mfa");

        Result r = cli(null, "user", "reset-mfa", "--tenant", c.slug(), "--email", c.ownerEmail());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly("Two-step verification of " + c.ownerEmail() + " is off; their sessions ended.");
        assertThat(browser.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        assertThat(https().signIn(c.slug(), c.ownerEmail(), PASSWORD).header("Location")).endsWith("/c/" + c.slug() + "/");
        var reset = audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), new Page.PageRequest(0, 50)).items().stream()
                .filter(e -> e.action().equals("mfa.reset")).findFirst().orElseThrow();
        assertThat(reset.channel()).isEqualTo("cli");
        assertThat(reset.entityId()).isEqualTo(c.owner().id().toString());
    }

    // ---- apikey -------------------------------------------------------------------------------------------

    @Test
    void createsAnApiKeyThatPrintsOnlyTheKeyAndWorksOnTheRunningServer() {
        TestCompany c = fixtures.company("cli-key");
        Instant before = Instant.now();

        Result r = cli(null, "apikey", "create", "--tenant", c.slug(), "--user", c.ownerEmail(),
                "--name", "Accounting export", "--role", "READ_ONLY", "--expires-days", "30");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).endsWith(System.lineSeparator());
        assertThat(r.outLines()).singleElement().asString()
                .matches("fsk_" + c.company.id().compact() + "_[A-Za-z0-9_-]{43}");
        String key = r.outLines().getFirst();

        Https.Response me = https().get("/api/v1/me", key);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains("\"role\":\"READ_ONLY\"", "\"email\":\"" + c.ownerEmail() + "\"");

        var stored = apiKeys.listOwn(actorOf(c, c.owner()));
        assertThat(stored).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("Accounting export");
            assertThat(k.role()).isEqualTo(Role.READ_ONLY);
            assertThat(k.expiresAt()).isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));
        });
    }

    @Test
    void aKeyWithoutARoleActsWithItsUsersRole() {
        TestCompany c = fixtures.company("cli-key-user");
        User user = c.addUser(Role.USER);

        Result r = cli(null, "apikey", "create", "--tenant", c.slug(), "--user", user.email().value(), "--name", "sync");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.outLines()).singleElement().asString().startsWith("fsk_");
        Https.Response me = https().get("/api/v1/me", r.outLines().getFirst());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains("\"role\":\"USER\"", "\"email\":\"" + user.email().value() + "\"");
        assertThat(apiKeys.listOwn(actorOf(c, user))).singleElement()
                .satisfies(k -> assertThat(k.expiresAt()).isNull());
    }

    @Test
    void refusesAKeyWithARoleAboveItsUsersRole() {
        State before = state();

        Result r = cli(null, "apikey", "create", "--tenant", shared.slug(), "--user", member.email().value(),
                "--name", "escalate", "--role", "ADMIN");

        assertRefused(r, "higher than its user's role");
        assertThat(state()).isEqualTo(before);
    }

    // ---- secrets ------------------------------------------------------------------------------------------

    @Test
    void setsListsAndRemovesACompanysSecretWithTheValueFromStdinAndNeverPrintsIt() {
        TestCompany c = fixtures.company("cli-secret");
        String value = "sk_example_" + java.util.UUID.randomUUID().toString().replace("-", "") + "4f2a";

        Result set = cli(value + "\n", "secrets", "set", "--tenant", c.slug(), "stripe.secret-key");

        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.err()).isEmpty();
        assertThat(set.outLines()).containsExactly("Set stripe.secret-key of " + c.slug() + ": sk_…4f2a (version 1)");
        assertThat(secrets.reveal(c.company.id(), "stripe.secret-key")).as("the running server sees it").contains(value);

        Result list = cli(null, "secrets", "list", "--tenant", c.slug());
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.outLines().getFirst().split("\\s+")).containsExactly("NAME", "HINT", "UPDATED");
        assertThat(row(list, "stripe.secret-key")).startsWith("stripe.secret-key", "sk_…4f2a").endsWith("UTC");
        assertThat(row(list, "twilio.auth-token")).containsExactly("twilio.auth-token", "-", "-");
        assertThat(list.outLines()).hasSize(1 + SecretStore.KNOWN.size());

        Result removed = cli(null, "secrets", "remove", "--tenant", c.slug(), "stripe.secret-key");
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(removed.outLines()).containsExactly("Removed stripe.secret-key of " + c.slug() + ".");
        assertThat(secrets.reveal(c.company.id(), "stripe.secret-key")).isEmpty();

        assertThat(databases.of(c.company.id()).jdbc()
                .sql("SELECT action || ':' || channel || ':' || entity_id FROM audit_log WHERE entity_type = 'secret' ORDER BY seq")
                .query(String.class).list())
                .containsExactly("secret.set:cli:stripe.secret-key", "secret.removed:cli:stripe.secret-key");
        for (Result r : List.of(set, list, removed)) {
            assertThat(r.out() + r.err()).doesNotContain(value.substring(3));
        }
    }

    @Test
    void setsListsAndRemovesAPlatformSecret() {
        String value = "a platform-wide SMTP password " + java.util.UUID.randomUUID();

        Result set = cli(value + "\n", "secrets", "set", "--platform", "smtp.password");

        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.outLines()).singleElement().asString().startsWith("Set smtp.password of the platform: …");
        assertThat(secrets.revealPlatform("smtp.password")).contains(value);
        Result list = cli(null, "secrets", "list", "--platform");
        assertThat(list.exit()).isZero();
        assertThat(row(list, "smtp.password").get(1)).startsWith("…");
        assertThat(list.out() + set.out()).doesNotContain(value.substring(0, 20));

        Result removed = cli(null, "secrets", "remove", "--platform", "smtp.password");
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(removed.outLines()).containsExactly("Removed smtp.password of the platform.");
        assertThat(secrets.revealPlatform("smtp.password")).isEmpty();
        assertRefused(cli(null, "secrets", "remove", "--platform", "smtp.password"), "No such platform secret smtp.password");
    }

    Stream<Arguments> badSecrets() {
        String value = "sk_example_not-a-real-key-0123456789abcdef";
        return Stream.of(
                bad("the value as an argument", null, "Give the value on stdin", "secrets", "set", "--tenant", "{slug}",
                        "stripe.secret-key", value),
                bad("an unknown secret name", value + "\n", "Unknown secret name; the known secrets are stripe.secret-key",
                        "secrets", "set", "--tenant", "{slug}", "stripe.key"),
                bad("a value where the name belongs", null, "Unknown secret name", "secrets", "set", "--tenant", "{slug}", value),
                bad("no value on stdin", "", "No value given on stdin", "secrets", "set", "--tenant", "{slug}", "ai.api-key"),
                bad("a value with a control character", "sk_example_not-a-real-key\t0123456789abcdef\n",
                        "control characters", "secrets", "set", "--tenant", "{slug}", "ai.api-key"),
                bad("neither a company nor the platform", value + "\n", "Missing required argument",
                        "secrets", "set", "ai.api-key"),
                bad("both a company and the platform", value + "\n", "mutually exclusive",
                        "secrets", "set", "--tenant", "{slug}", "--platform", "ai.api-key"),
                bad("an unknown company", value + "\n", "No company", "secrets", "set", "--tenant", "no-such-company", "ai.api-key"),
                bad("removing a secret that is not set", null, "No such secret ai.api-key",
                        "secrets", "remove", "--tenant", "{slug}", "ai.api-key"),
                bad("listing an unknown company", null, "No company", "secrets", "list", "--tenant", "no-such-company"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSecrets")
    void badSecretCommandsAreRefusedWithoutRepeatingTheValueAndChangeNothing(String stdin, String expected, String[] template) {
        String[] args = Arrays.stream(template).map(a -> a.replace("{slug}", shared.slug())).toArray(String[]::new);
        List<SecretStore.Secret> before = secrets.list(shared.system());
        List<SecretStore.Secret> platformBefore = secrets.listPlatform();

        Result r = cli(stdin, args);

        assertRefused(r, expected);
        assertThat(r.err()).doesNotContain("0123456789abcdef");
        assertThat(secrets.list(shared.system())).isEqualTo(before);
        assertThat(secrets.listPlatform()).isEqualTo(platformBefore);
    }

    // ---- bad input ----------------------------------------------------------------------------------------

    /** Placeholders in the arguments: {slug} and {owner} of the shared company, {new} a fresh unused slug. */
    Stream<Arguments> badInput() {
        String[] newCompany = {"tenant", "create", "--slug", "{new}", "--name", "New Co", "--owner-email", "o@{new}.example"};
        String[] newUser = {"user", "add", "--tenant", "{slug}", "--email", "new@{slug}.example", "--role", "USER"};
        String[] newKey = {"apikey", "create", "--tenant", "{slug}", "--user", "{owner}", "--name", "k"};
        String pw = PASSWORD + "\n";
        return Stream.of(
                bad("an unknown option", pw, "Unknown option", with(newCompany, "--colour", "red")),
                bad("a missing required option", pw, "Missing required option", "tenant", "create", "--slug", "{new}",
                        "--owner-email", "o@{new}.example"),
                bad("an invalid slug", pw, "lower-case letters", replace(newCompany, "--slug", "Bad_Slug!")),
                bad("a taken slug", pw, "already taken", replace(newCompany, "--slug", "{slug}")),
                bad("an invalid email", pw, "valid email", replace(newUser, "--email", "not-an-email")),
                bad("an unknown role", pw, "Unknown role", replace(newUser, "--role", "SUPERUSER")),
                bad("an empty password on stdin", "", "No password given", newUser),
                bad("an empty password line on stdin", "\n", "No password given", newCompany),
                bad("a common password", "password1234\n", "commonly used", newCompany),
                bad("a too short password", "short pw 1\n", "at least 12 characters", newUser),
                bad("an unknown tenant for user add", pw, "No company", replace(newUser, "--tenant", "no-such-company")),
                bad("an unknown tenant for apikey create", null, "No company", replace(newKey, "--tenant", "no-such-company")),
                bad("an unknown user for apikey create", null, "No user", replace(newKey, "--user", "nobody@{slug}.example")),
                bad("--expires-days 0", null, "expires-days", with(newKey, "--expires-days", "0")),
                bad("suspending an unknown company", null, "No company", "tenant", "suspend", "no-such-company"),
                bad("deleting without --yes outside a terminal", null, "add --yes", "tenant", "delete", "{slug}", "--no-export"),
                bad("deleting with --grace and --now", null, "either --grace or --now", "tenant", "delete", "{slug}",
                        "--no-export", "--yes", "--now", "--grace", "P1D"),
                bad("deleting with --export and --no-export", null, "either --export FILE or --no-export", "tenant", "delete",
                        "{slug}", "--yes", "--no-export", "--export", "x.json"),
                bad("deleting with a grace that is no duration", null, "ISO-8601", "tenant", "delete", "{slug}", "--no-export",
                        "--yes", "--grace", "thirty days"),
                bad("deleting with a grace above a year", null, "between 0 and 365 days", "tenant", "delete", "{slug}",
                        "--no-export", "--yes", "--grace", "P400D"),
                bad("deleting an unknown company", null, "No company", "tenant", "delete", "no-such-company", "--no-export", "--yes"),
                bad("restoring a company that is not deleted", null, "not deleted", "tenant", "restore", "{slug}"),
                bad("restoring an unknown company", null, "No company", "tenant", "restore", "no-such-company"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRefusedWithOneLineOnStderrAndChangesNothing(String stdin, String expected, String[] template) {
        String fresh = fixtures.uniqueSlug("cli-bad");
        String[] args = Arrays.stream(template).map(a -> a.replace("{slug}", shared.slug())
                .replace("{owner}", shared.ownerEmail()).replace("{new}", fresh)).toArray(String[]::new);
        State before = state();

        Result r = cli(stdin, args);

        assertRefused(r, expected);
        assertThat(state()).isEqualTo(before);
        assertThat(companies.findBySlug(fresh)).isEmpty();
    }

    // ---- help ---------------------------------------------------------------------------------------------

    @Test
    void helpListsTheCommands() {
        Result r = cli(null, "--help");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("tenant", "user", "apikey", "secrets", "serve");
        assertThat(r.err()).isEmpty();

        Result tenant = cli(null, "tenant", "--help");
        assertThat(tenant.exit()).isZero();
        assertThat(tenant.out()).contains("create", "list", "suspend", "resume", "delete", "restore");

        Result version = cli(null, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.outLines()).containsExactly("Fieldstone 0.1");
    }

    @Test
    void verifiesAnIntactAuditTrailWithItsEntryCount() {
        TestCompany c = fixtures.company("cli-audit");
        audit.flushAnchors();
        long entries = databases.of(c.company.id()).jdbc().sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
        Result r = cli(null, "audit", "verify", "--tenant", c.slug());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith(c.slug() + ": intact, " + entries + " entries").contains("anchored through seq");
    }

    @Test
    void verificationNamesTheFirstTamperedEntryAndExitsWithOne() {
        TestCompany c = fixtures.company("cli-tamper");
        c.addUser(org.fieldstone.shared.Role.USER);
        audit.flushAnchors();
        var db = databases.of(c.company.id());
        if ("postgresql".equals(db.engine())) {
            db.jdbc().sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
        } else {
            db.jdbc().sql("DROP TRIGGER audit_log_no_update").update();
        }
        db.jdbc().sql("UPDATE audit_log SET actor_name = 'Mallory' WHERE seq = 2").update();

        Result r = cli(null, "audit", "verify", "--tenant", c.slug());
        assertThat(r.exit()).as(r.toString()).isOne();
        assertThat(r.out()).contains(c.slug() + ": TAMPERED at seq 2");
        Result all = cli(null, "audit", "verify", "--all");
        assertThat(all.exit()).isOne();
        assertThat(all.out()).contains(c.slug() + ": TAMPERED at seq 2").contains(shared.slug() + ": intact");
    }

    @Test
    void pruningRefusesDatesInsideTheRetentionPeriod() {
        long before = databases.of(shared.company.id()).jdbc().sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
        assertRefused(cli(null, "audit", "prune", "--tenant", shared.slug(), "--before", java.time.LocalDate.now().minusYears(1).toString()),
                "at least 3 years");
        assertRefused(cli(null, "audit", "prune", "--tenant", shared.slug(), "--before", "last tuesday"), "--before must be a date");
        assertRefused(cli(null, "audit", "verify"), "");
        assertThat(databases.of(shared.company.id()).jdbc().sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single())
                .isEqualTo(before);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Runs one CLI command on the running application's data. {@code stdin} null: nothing on stdin. */
    Result cli(String stdin, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(settings());
        return run(stdin, all);
    }

    /** Where the running application's data is, as CLI options. */
    private List<String> settings() {
        if (databaseUrl.isBlank()) {
            return List.of("--data-dir", dataDir.toString(), "--master-key-file", masterKeyFile.toString());
        }
        return List.of("--db-url", databaseUrl, "--db-username", "postgres",
                "--db-password-file", emptyPasswordFile.toString(), "--master-key-file", masterKeyFile.toString());
    }

    private static Result run(String stdin, List<String> args) {
        var in = new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit;
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8); var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(FieldstoneApplication.class, args.toArray(String[]::new), in, o, e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static void assertRefused(Result r, String expected) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.errLines()).as("stderr").singleElement().asString()
                .startsWith("fieldstone: ").contains(expected);
    }

    /** What a refused command must leave as it was: companies, their databases, the shared company's team and keys. */
    private State state() {
        return new State(companies.list(), companyDatabases(),
                team.list(shared.system(), Page.request(0, 200)).items(),
                apiKeys.listOwn(actorOf(shared, shared.owner())), apiKeys.listOwn(actorOf(shared, member)));
    }

    record State(List<Company> companies, List<String> databases, List<User> team, List<ApiKeys.ApiKey> ownerKeys,
                 List<ApiKeys.ApiKey> memberKeys) {
    }

    /** Company databases on disk (SQLite) or on the server (PostgreSQL). */
    private List<String> companyDatabases() {
        try {
            if (databaseUrl.isBlank()) {
                try (var files = Files.list(dataDir.resolve("tenants"))) {
                    return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".db")).sorted().toList();
                }
            }
            try (Connection c = SharedPostgres.connect("postgres");
                 var rs = c.createStatement().executeQuery(
                         "SELECT datname FROM pg_database WHERE datname ~ '^fs_[0-9a-f]{32}$' ORDER BY datname")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The company's trail as {@code action:channel}, oldest first. */
    private List<String> actions(TestCompany c) {
        return databases.of(c.company.id()).jdbc().sql("SELECT action || ':' || channel FROM audit_log ORDER BY seq")
                .query(String.class).list();
    }

    private static int exportedAuditEntries(Path export) throws IOException {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(export)).get("auditTrail").size();
    }

    private static Actor actorOf(TestCompany c, User user) {
        return new Actor(c.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(),
                Channel.SYSTEM, null, null);
    }

    private List<String> row(Result r, String slug) {
        return r.outLines().stream().map(l -> List.of(l.strip().split("\\s+")))
                .filter(cells -> cells.getFirst().equals(slug)).findFirst()
                .orElseThrow(() -> new AssertionError("No row for " + slug + " in:\n" + r.out()));
    }

    private Https https() {
        return new Https(port);
    }

    private static Arguments bad(String description, String stdin, String expected, String... args) {
        return Arguments.of(Named.of(description, stdin), expected, args);
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
    }

    /** {@code args} with the value of {@code option} set to {@code value}. */
    private static String[] replace(String[] args, String option, String value) {
        String[] copy = args.clone();
        int i = Arrays.asList(copy).indexOf(option);
        if (i < 0) {
            throw new IllegalArgumentException(option + " not in " + Arrays.toString(args));
        }
        copy[i + 1] = value;
        return copy;
    }
}
