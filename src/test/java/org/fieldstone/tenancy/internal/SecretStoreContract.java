package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.crypto.CryptoFailure;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.support.CapturedLogs;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.CompanyKeys;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.SecretStore;
import org.fieldstone.tenancy.SecretStore.Secret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The secret store on either engine: set, list, remove and reveal per company and platform-wide; only
 * {@code settings:manage} may; values stored only sealed, bound to company and name, never in logs or the audit
 * trail; re-encrypted by key rotation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecretStoreContract {

    @Autowired SecretStore secrets;
    @Autowired Fixtures fixtures;
    @Autowired CompanyDatabases databases;
    @Autowired AuditTrail audit;
    @Autowired KeyRing keys;
    @Autowired CompanyKeys companyKeys;
    @Autowired RecordStore store;
    @Autowired CompanyPools pools;
    @Autowired org.fieldstone.tenancy.FieldProtection protection;
    @Autowired org.fieldstone.identity.Accounts accounts;
    /** The application's clock: other tests move it, and a link's expiry is judged by it. */
    @Autowired java.time.Clock clock;
    @Autowired DatabaseServer server;
    @Value("${fieldstone.data-dir}") Path dataDir;

    TestCompany c;

    @BeforeAll
    void company() {
        c = fixtures.companyWithEveryRole("secrets");
    }

    /** A value no test has used: a Stripe-like key ending in {@code 4f2a}. */
    static String marker() {
        return "sk_example_" + UUID.randomUUID().toString().replace("-", "") + "4f2a";
    }

    @Test
    void setsListsRevealsReplacesAndRemovesACompanysSecretShowingOnlyItsHint() {
        TestCompany own = fixtures.company("secrets-own");
        Actor owner = actor(own, own.owner());
        String first = marker();
        String second = "0123456789abcdef0123456789abcdef";

        Secret set = secrets.set(owner, "stripe.secret-key", first.toCharArray());
        assertThat(set.hint()).isEqualTo("sk_…4f2a");
        assertThat(set.version()).isOne();
        assertThat(secrets.list(owner)).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("stripe.secret-key");
            assertThat(s.hint()).isEqualTo("sk_…4f2a");
            assertThat(s.updatedBy()).isEqualTo(own.owner().id().toString());
            assertThat(s.toString()).doesNotContain(first);
        });
        assertThat(secrets.reveal(own.company.id(), "stripe.secret-key")).contains(first);
        assertThat(secrets.reveal(own.company.id(), "twilio.auth-token")).isEmpty();

        assertThat(secrets.set(owner, "stripe.secret-key", (" " + second + "\n").toCharArray(), 1).version()).isEqualTo(2);
        assertThat(secrets.reveal(own.company.id(), "stripe.secret-key")).contains(second);
        assertThat(secrets.list(owner)).singleElement().satisfies(s -> assertThat(s.hint()).isEqualTo("…cdef"));

        secrets.remove(owner, "stripe.secret-key");
        assertThat(secrets.list(owner)).isEmpty();
        assertThat(secrets.reveal(own.company.id(), "stripe.secret-key")).isEmpty();
        assertThatThrownBy(() -> secrets.remove(owner, "stripe.secret-key")).isInstanceOf(NotFound.class);

        assertThat(trail(own.company.id())).filteredOn(e -> e.entityType().equals("secret"))
                .extracting(AuditEntry::action, AuditEntry::entityId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("secret.removed", "stripe.secret-key"),
                        org.assertj.core.groups.Tuple.tuple("secret.set", "stripe.secret-key"),
                        org.assertj.core.groups.Tuple.tuple("secret.set", "stripe.secret-key"));
        AuditEntry replaced = trail(own.company.id()).stream().filter(e -> e.action().equals("secret.set")).findFirst().orElseThrow();
        assertThat(replaced.changes()).extracting(ch -> ch.field() + ":" + ch.before() + "→" + ch.after())
                .containsExactly("hint:sk_…4f2a→…cdef");
        assertThat(replaced.actorId()).isEqualTo(own.owner().id().toString());
    }

    @Test
    void ownersAndAdminsManageSecretsButUsersAndReadersAreRefusedAndChangeNothing() {
        String value = marker();
        Actor admin = actor(c, c.users.get(Role.ADMIN));
        secrets.set(admin, "twilio.auth-token", value.toCharArray());
        long entries = trail(c.company.id()).size();

        for (Role weaker : List.of(Role.USER, Role.READ_ONLY)) {
            Actor actor = actor(c, c.users.get(weaker));
            assertThatThrownBy(() -> secrets.set(actor, "twilio.auth-token", marker().toCharArray()))
                    .as(weaker.name()).isInstanceOf(Forbidden.class).hasMessageContaining("settings:manage");
            assertThatThrownBy(() -> secrets.set(actor, "telegram.bot-token", marker().toCharArray(), 0))
                    .isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> secrets.remove(actor, "twilio.auth-token")).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> secrets.remove(actor, "twilio.auth-token", 1)).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> secrets.list(actor)).isInstanceOf(Forbidden.class);
        }

        assertThat(secrets.reveal(c.company.id(), "twilio.auth-token")).contains(value);
        assertThat(secrets.reveal(c.company.id(), "telegram.bot-token")).isEmpty();
        assertThat(trail(c.company.id())).hasSize((int) entries);
        secrets.remove(actor(c, c.owner()), "twilio.auth-token");
    }

    @Test
    void anotherCompanysSecretsAreNeverVisible() {
        TestCompany a = fixtures.company("secrets-a");
        TestCompany b = fixtures.company("secrets-b");
        String theirs = marker();
        String ours = marker();
        secrets.set(actor(a, a.owner()), "ai.api-key", theirs.toCharArray());

        assertThat(secrets.list(actor(b, b.owner()))).isEmpty();
        assertThat(secrets.reveal(b.company.id(), "ai.api-key")).isEmpty();

        secrets.set(actor(b, b.owner()), "ai.api-key", ours.toCharArray());
        assertThat(secrets.reveal(a.company.id(), "ai.api-key")).contains(theirs);
        assertThat(secrets.reveal(b.company.id(), "ai.api-key")).contains(ours);
        assertThat(trail(b.company.id()).toString()).doesNotContain(theirs);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        TestCompany own = fixtures.company("secrets-bad");
        Actor owner = actor(own, own.owner());
        secrets.set(owner, "smtp.password", "a fine long SMTP password".toCharArray());
        long entries = trail(own.company.id()).size();

        assertThatThrownBy(() -> secrets.set(owner, "smtp.passwd", "x".repeat(20).toCharArray()))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("known secrets are");
        assertThatThrownBy(() -> secrets.set(owner, "smtp.password", "".toCharArray())).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> secrets.set(owner, "smtp.password", "x".repeat(4097).toCharArray()))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> secrets.set(owner, "smtp.password", "line one\nline two".toCharArray()))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> secrets.set(owner, "smtp.password", "a stale version value".toCharArray(), 0))
                .isInstanceOf(VersionConflict.class);
        assertThatThrownBy(() -> secrets.remove(owner, "smtp.password", 7)).isInstanceOf(VersionConflict.class);
        assertThatThrownBy(() -> secrets.remove(owner, "telegram.bot-token", 1)).isInstanceOf(VersionConflict.class);
        assertThatThrownBy(() -> secrets.reveal(own.company.id(), "no.such-secret")).isInstanceOf(InvalidInput.class);

        assertThat(secrets.reveal(own.company.id(), "smtp.password")).contains("a fine long SMTP password");
        assertThat(secrets.list(owner)).singleElement().satisfies(s -> assertThat(s.version()).isOne());
        assertThat(trail(own.company.id())).hasSize((int) entries);
    }

    @Test
    void theValueIsNeverInTheLogsTheAuditTrailOrInPlainTextInTheDatabase() throws Exception {
        TestCompany own = fixtures.company("secrets-leak");
        Actor owner = actor(own, own.owner());
        String first = marker();
        String second = marker();
        String platform = marker();

        List<String> lines = CapturedLogs.during(() -> {
            secrets.set(owner, "telegram.bot-token", first.toCharArray());
            secrets.set(owner, "telegram.bot-token", second.toCharArray(), 1);
            assertThat(secrets.reveal(own.company.id(), "telegram.bot-token")).contains(second);
            assertThatThrownBy(() -> secrets.set(owner, "telegram.bot-token", first.toCharArray(), 1))
                    .isInstanceOf(VersionConflict.class);
            secrets.setPlatform("ai.api-key", platform.toCharArray());
            assertThat(secrets.revealPlatform("ai.api-key")).contains(platform);
            secrets.list(owner);
            secrets.listPlatform();
        });

        assertThat(lines).as("the parameters of the writes are logged at all").anyMatch(l -> l.contains("telegram.bot-token"));
        for (String value : List.of(first, second, platform)) {
            assertThat(lines).noneMatch(line -> line.contains(value));
            assertThat(lines).noneMatch(line -> line.contains(value.substring(8, 40)));
        }
        assertThat(lines).anyMatch(line -> line.contains("Platform secret ai.api-key set"));

        String trail = trail(own.company.id()).toString();
        assertThat(trail).contains("telegram.bot-token").doesNotContain(first).doesNotContain(second)
                .doesNotContain(first.substring(8, 40)).doesNotContain(second.substring(8, 40));

        String stored = databases.of(own.company.id()).jdbc().sql("SELECT value FROM secrets WHERE id = 'telegram.bot-token'")
                .query(String.class).single();
        assertThat(stored).startsWith(keys.ciphertextPrefix(KeyOwner.of(own.company.id()))).doesNotContain(second);
        for (String value : List.of(first, second)) {
            assertThat(rawCompanyData(own)).as("the company's database, raw").doesNotContain(value.substring(8, 40));
        }
        assertThat(rawControlPlane()).as("the control plane, raw").doesNotContain(platform.substring(8, 40));
    }

    @Test
    void aSealedValueMovedToAnotherNameOrCompanyDoesNotOpen() {
        TestCompany a = fixtures.company("secrets-move-a");
        TestCompany b = fixtures.company("secrets-move-b");
        secrets.set(actor(a, a.owner()), "stripe.secret-key", marker().toCharArray());
        JdbcClient dbA = databases.of(a.company.id()).jdbc();
        String sealed = dbA.sql("SELECT value FROM secrets WHERE id = 'stripe.secret-key'").query(String.class).single();

        plant(dbA, "stripe.webhook-secret", sealed);
        assertThatThrownBy(() -> secrets.reveal(a.company.id(), "stripe.webhook-secret")).isInstanceOf(CryptoFailure.class);

        plant(databases.of(b.company.id()).jdbc(), "stripe.secret-key", sealed);
        assertThatThrownBy(() -> secrets.reveal(b.company.id(), "stripe.secret-key")).isInstanceOf(CryptoFailure.class);

        dbA.sql("UPDATE secrets SET value = :v WHERE id = 'stripe.secret-key'")
                .param("v", sealed.substring(0, sealed.length() - 4) + "AAAA").update();
        assertThatThrownBy(() -> secrets.reveal(a.company.id(), "stripe.secret-key")).isInstanceOf(CryptoFailure.class);
    }

    @Test
    void platformSecretsAreSealedUnderThePlatformKeyAndBoundToTheirName() {
        String value = marker();
        Secret set = secrets.setPlatform("smtp.password", value.toCharArray());
        assertThat(set.hint()).isEqualTo("sk_…4f2a");
        assertThat(keys.exists(KeyOwner.PLATFORM)).isTrue();
        assertThat(secrets.revealPlatform("smtp.password")).contains(value);
        assertThat(secrets.listPlatform()).filteredOn(s -> s.name().equals("smtp.password")).singleElement()
                .satisfies(s -> {
                    assertThat(s.hint()).isEqualTo("sk_…4f2a");
                    assertThat(s.updatedBy()).isEqualTo("cli");
                });
        Secret replaced = secrets.setPlatform("smtp.password", "another platform password".toCharArray());
        assertThat(replaced.version()).isEqualTo(set.version() + 1);
        assertThat(secrets.revealPlatform("smtp.password")).contains("another platform password");

        JdbcClient control = JdbcClient.create(server.controlPlane());
        String sealed = control.sql("SELECT value FROM platform_secrets WHERE name = 'smtp.password'").query(String.class).single();
        assertThat(sealed).startsWith(keys.ciphertextPrefix(KeyOwner.PLATFORM)).doesNotContain("another platform password");
        control.sql("DELETE FROM platform_secrets WHERE name = 'stripe.webhook-secret'").update();
        control.sql("INSERT INTO platform_secrets (name, value, hint, version, created_at, updated_at, updated_by) "
                + "VALUES ('stripe.webhook-secret', :v, '…', 1, 0, 0, 'test')").param("v", sealed).update();
        try {
            assertThatThrownBy(() -> secrets.revealPlatform("stripe.webhook-secret")).isInstanceOf(CryptoFailure.class);
        } finally {
            control.sql("DELETE FROM platform_secrets WHERE name = 'stripe.webhook-secret'").update();
        }

        assertThat(secrets.removePlatform("smtp.password")).isTrue();
        assertThat(secrets.removePlatform("smtp.password")).isFalse();
        assertThat(secrets.revealPlatform("smtp.password")).isEmpty();
        assertThatThrownBy(() -> secrets.setPlatform("smtp.pass", value.toCharArray())).isInstanceOf(InvalidInput.class);
    }

    @Test
    void keyRotationReencryptsSecretsUnderTheNewKeyAndTheyStillReveal() {
        TestCompany own = fixtures.company("secrets-rotate");
        TenantId tenant = own.company.id();
        String value = marker();
        secrets.set(actor(own, own.owner()), "twilio.auth-token", value.toCharArray());
        JdbcClient db = databases.of(tenant).jdbc();
        String before = db.sql("SELECT value FROM secrets WHERE id = 'twilio.auth-token'").query(String.class).single();

        companyKeys.rotate(Actor.system(tenant, Channel.CLI), tenant);
        String newPrefix = keys.ciphertextPrefix(KeyOwner.of(tenant));
        assertThat(before).doesNotStartWith(newPrefix);
        assertThat(companyKeys.status(tenant).remaining()).isPositive();

        companyKeys.reencrypt(tenant, remaining -> { });

        String after = db.sql("SELECT value FROM secrets WHERE id = 'twilio.auth-token'").query(String.class).single();
        assertThat(after).startsWith(newPrefix).isNotEqualTo(before);
        assertThat(companyKeys.status(tenant).remaining()).isZero();
        assertThat(secrets.reveal(tenant, "twilio.auth-token")).contains(value);
    }

    @Test
    void theRawAuditRowsOfASecretHoldNeitherItsValueNorItsCiphertext() {
        TestCompany own = fixtures.company("secrets-raw-audit");
        Actor owner = actor(own, own.owner());
        String first = marker();
        String second = marker();
        JdbcClient db = databases.of(own.company.id()).jdbc();

        secrets.set(owner, "stripe.webhook-secret", first.toCharArray());
        String firstSealed = db.sql("SELECT value FROM secrets WHERE id = 'stripe.webhook-secret'").query(String.class).single();
        secrets.set(owner, "stripe.webhook-secret", second.toCharArray(), 1);
        String secondSealed = db.sql("SELECT value FROM secrets WHERE id = 'stripe.webhook-secret'").query(String.class).single();
        secrets.remove(owner, "stripe.webhook-secret", 2);

        List<String> rows = rawAuditRows(db, "secret");
        assertThat(rows).as("set, set, removed").hasSize(3);
        for (String row : rows) {
            assertThat(row).contains("stripe.webhook-secret")
                    .doesNotContain(first).doesNotContain(second)
                    .doesNotContain(first.substring(11, 40)).doesNotContain(second.substring(11, 40))
                    .doesNotContain(firstSealed).doesNotContain(secondSealed)
                    // a sealed value's body, whatever key id it starts with
                    .doesNotContain(firstSealed.substring(9, 40)).doesNotContain(secondSealed.substring(9, 40));
        }
        // the write path's entries: at most the hint as before/after (unchanged here: same prefix, same last four), never a value
        assertThat(trail(own.company.id())).filteredOn(e -> e.entityType().equals("secret"))
                .allSatisfy(e -> assertThat(e.changes()).extracting(org.fieldstone.audit.AuditRecord.Change::field).isSubsetOf("hint"));
    }

    @Test
    void aStaleVersionIsRefusedEvenInARaceAndWritesNothing() throws Exception {
        TestCompany own = fixtures.company("secrets-stale");
        Actor owner = actor(own, own.owner());
        String kept = marker();
        secrets.set(owner, "ai.api-key", marker().toCharArray());
        assertThat(secrets.set(owner, "ai.api-key", kept.toCharArray(), 1).version()).isEqualTo(2);
        long entries = trail(own.company.id()).size();

        // a form read at version 1 after someone else saved version 2
        assertThatThrownBy(() -> secrets.set(owner, "ai.api-key", marker().toCharArray(), 1))
                .isInstanceOfSatisfying(VersionConflict.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThatThrownBy(() -> secrets.remove(owner, "ai.api-key", 1)).isInstanceOf(VersionConflict.class);
        // the write path's own check, for a caller that skipped the service's
        assertThatThrownBy(() -> store.change(owner, RecordKey.of("ai.api-key"), 1,
                Changes.of(EncryptedSecrets.SECRETS).set(EncryptedSecrets.VALUE, marker())
                        .set(EncryptedSecrets.HINT, "…"), "set"))
                .isInstanceOf(VersionConflict.class);
        assertThat(secrets.reveal(own.company.id(), "ai.api-key")).contains(kept);
        assertThat(trail(own.company.id())).hasSize((int) entries);

        // two forms at version 2, saved at the same moment: exactly one wins, the other changes nothing
        String a = marker();
        String b = marker();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Secret>> results = pool.invokeAll(List.of(
                    () -> {
                        start.await();
                        return secrets.set(owner, "ai.api-key", a.toCharArray(), 2);
                    },
                    () -> {
                        start.await();
                        return secrets.set(owner, "ai.api-key", b.toCharArray(), 2);
                    }));
            List<String> won = new java.util.ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 2; i++) {
                try {
                    results.get(i).get();
                    won.add(i == 0 ? a : b);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(VersionConflict.class);
                    refused++;
                }
            }
            assertThat(won).hasSize(1);
            assertThat(refused).isOne();
            assertThat(secrets.reveal(own.company.id(), "ai.api-key")).contains(won.getFirst());
            assertThat(secrets.list(owner)).singleElement().satisfies(s -> assertThat(s.version()).isEqualTo(3));
            assertThat(trail(own.company.id())).hasSize((int) entries + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherCompanysSecretCanNeitherBeReadNorWrittenNorRemoved() {
        TestCompany a = fixtures.company("secrets-cross-a");
        TestCompany b = fixtures.company("secrets-cross-b");
        String theirs = marker();
        Secret set = secrets.set(actor(a, a.owner()), "smtp.password", theirs.toCharArray());
        long aEntries = trail(a.company.id()).size();
        Actor intruder = actor(b, b.owner());

        // b's owner names a's secret and its version: b's database has no such record
        assertThatThrownBy(() -> secrets.set(intruder, "smtp.password", marker().toCharArray(), set.version()))
                .isInstanceOf(VersionConflict.class);
        assertThatThrownBy(() -> secrets.remove(intruder, "smtp.password")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> secrets.remove(intruder, "smtp.password", set.version())).isInstanceOf(VersionConflict.class);
        assertThatThrownBy(() -> store.change(intruder, RecordKey.of("smtp.password"), set.version(),
                Changes.of(EncryptedSecrets.SECRETS).set(EncryptedSecrets.VALUE, marker())
                        .set(EncryptedSecrets.HINT, "…"), "set"))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> store.delete(intruder, EncryptedSecrets.SECRETS, RecordKey.of("smtp.password"),
                set.version(), "removed")).isInstanceOf(NotFound.class);
        assertThat(secrets.list(intruder)).isEmpty();
        assertThat(secrets.reveal(b.company.id(), "smtp.password")).isEmpty();

        // a's secret is untouched, and nothing of it is in b's trail
        assertThat(secrets.reveal(a.company.id(), "smtp.password")).contains(theirs);
        assertThat(secrets.list(actor(a, a.owner()))).singleElement().satisfies(s -> assertThat(s.version()).isOne());
        assertThat(trail(a.company.id())).hasSize((int) aEntries);
        assertThat(rawAuditRows(databases.of(b.company.id()).jdbc(), "secret")).isEmpty();
    }

    @Test
    void aSecretAndAnInvitationOfTheReleaseBeforeTheWritePathStillOpenAndWorkAfterTheUpgrade() throws Exception {
        TestCompany own = fixtures.company("secrets-upgrade");
        TenantId tenant = own.company.id();
        String value = marker();
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String tokenHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        User invited = accounts.addUser(actor(own, own.owner()), new org.fieldstone.shared.EmailAddress(
                "legacy@" + own.slug() + ".example"), "Lee Legacy", Role.USER, "a first password 1234".toCharArray());
        List<java.util.Map<String, Object>> users = databases.of(tenant).jdbc().sql("SELECT * FROM users").query().listOfRows();
        audit.flushAnchors();

        // the company's database as the release before this one left it (schema 15), with a secret and a live link
        pools.close(tenant);
        server.drop(own.company.placement());
        server.create(own.company.placement());
        long now = clock.millis();
        try (var old = server.open(own.company.placement(), "old-release")) {
            Migrations.company(old, server.engine(), "15");
            JdbcClient jdbc = JdbcClient.create(old);
            for (var row : users) {
                var insert = jdbc.sql("INSERT INTO users (" + String.join(", ", row.keySet()) + ") VALUES ("
                        + String.join(", ", row.keySet().stream().map(k -> ":" + k).toList()) + ")");
                for (var e : row.entrySet()) {
                    insert = insert.param(e.getKey(), e.getValue());
                }
                insert.update();
            }
            jdbc.sql("UPDATE users SET password_hash = NULL WHERE id = :id").param("id", invited.id().toString()).update();
            jdbc.sql("INSERT INTO secrets (name, value, hint, version, created_at, created_by, updated_at, updated_by) "
                            + "VALUES ('twilio.auth-token', :value, 'sk_…4f2a', 1, :now, 'someone', :now, 'someone')")
                    .param("value", protection.seal(tenant, "secrets", "value", "twilio.auth-token", value))
                    .param("now", now).update();
            jdbc.sql("INSERT INTO invitations (token_hash, user_id, created_at, expires_at, used_at) "
                            + "VALUES (:hash, :user, :now, :expires, NULL)")
                    .param("hash", tokenHash).param("user", invited.id().toString()).param("now", now)
                    .param("expires", now + java.time.Duration.ofDays(7).toMillis()).update();
        }
        JdbcClient.create(server.controlPlane()).sql("DELETE FROM audit_anchors WHERE company_id = :id")
                .param("id", tenant.toString()).update();

        // opened after the upgrade: the value sealed under its name opens under the same name, now the record's id
        JdbcClient db = pools.of(tenant).jdbc();
        assertThat(secrets.reveal(tenant, "twilio.auth-token")).contains(value);
        assertThat(secrets.list(actor(own, own.owner()))).singleElement()
                .satisfies(s -> assertThat(s.version()).isOne());
        String replacement = marker();
        assertThat(secrets.set(actor(own, own.owner()), "twilio.auth-token", replacement.toCharArray(), 1).version())
                .isEqualTo(2);
        assertThat(secrets.reveal(tenant, "twilio.auth-token")).contains(replacement);
        companyKeys.rotate(Actor.system(tenant, Channel.CLI), tenant);
        companyKeys.reencrypt(tenant, remaining -> { });
        assertThat(secrets.reveal(tenant, "twilio.auth-token")).contains(replacement);

        // the link still works once, and its entry is under its new random id, never its hash
        String invitationId = db.sql("SELECT id FROM invitations WHERE token_hash = :hash").param("hash", tokenHash)
                .query(String.class).single();
        assertThat(UUID.fromString(invitationId)).isNotNull();
        assertThat(accounts.invitationValid(tenant, token)).isTrue();
        accounts.acceptInvitation(tenant, token, "a chosen password 5678".toCharArray());
        assertThatThrownBy(() -> accounts.acceptInvitation(tenant, token, "a chosen password 5678".toCharArray()))
                .isInstanceOf(NotFound.class);
        assertThat(trail(tenant)).filteredOn(e -> e.entityType().equals("invitation")).singleElement()
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo("invitation.accepted");
                    assertThat(e.entityId()).isEqualTo(invitationId);
                });
        assertThat(rawAuditRows(db, "invitation").toString()).doesNotContain(tokenHash).doesNotContain(token);
        assertThat(db.sql("SELECT version FROM invitations WHERE id = :id").param("id", invitationId)
                .query(Long.class).single()).isEqualTo(2);
    }

    // ---- helpers

    /** The company's audit rows of one entity type exactly as stored, every column as text. */
    private static List<String> rawAuditRows(JdbcClient db, String entityType) {
        return db.sql("SELECT * FROM audit_log WHERE entity_type = :type ORDER BY seq").param("type", entityType)
                .query().listOfRows().stream().map(Object::toString).toList();
    }

    private static Actor actor(TestCompany company, User user) {
        return new Actor(company.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(),
                Channel.WEB, "192.0.2.7", "test");
    }

    /** Every audit entry of the company, newest first. */
    private List<AuditEntry> trail(TenantId tenant) {
        return audit.list(tenant, databases.of(tenant).jdbc(), Page.request(0, Page.MAX_SIZE)).items();
    }

    private static void plant(JdbcClient db, String name, String sealed) {
        db.sql("DELETE FROM secrets WHERE id = :name").param("name", name).update();
        db.sql("INSERT INTO secrets (id, value, hint, version, created_at, created_by, updated_at, updated_by) "
                + "VALUES (:name, :value, '…', 1, 0, 'test', 0, 'test')").param("name", name).param("value", sealed).update();
    }

    /** What the company's data looks like to someone with the files: the SQLite files, or every table as text. */
    private String rawCompanyData(TestCompany company) throws Exception {
        if ("sqlite".equals(server.engine())) {
            return rawFiles(dataDir.resolve(company.company.placement()));
        }
        return everyTableAsText(databases.of(company.company.id()).jdbc());
    }

    private String rawControlPlane() throws Exception {
        if ("sqlite".equals(server.engine())) {
            return rawFiles(dataDir.resolve("control.db"));
        }
        return everyTableAsText(JdbcClient.create(server.controlPlane()));
    }

    /** A SQLite database and its write-ahead log, as bytes read as Latin-1 (so any UTF-8 text shows as is). */
    private static String rawFiles(Path db) throws Exception {
        StringBuilder raw = new StringBuilder();
        for (String suffix : new String[] {"", "-wal"}) {
            Path file = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(file)) {
                raw.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(raw).isNotEmpty();
        return raw.toString();
    }

    private static String everyTableAsText(JdbcClient db) {
        StringBuilder all = new StringBuilder();
        for (String table : db.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list()) {
            db.sql("SELECT t::text FROM \"" + table + "\" t").query(String.class).list().forEach(all::append);
        }
        assertThat(all).isNotEmpty();
        return all.toString();
    }
}
