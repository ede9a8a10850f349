package org.fieldstone.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySnapshots;
import org.fieldstone.tenancy.CompanyStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Backups of a company database while the server serves, on either engine: restored as a copy and in place with its
 * encrypted fields and audit trail intact, drilled, and refused when tampered with, when they are another company's,
 * or when the company's keys were destroyed.
 */
abstract class BackupContract {

    @Autowired Backups backups;
    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Companies companies;
    @Autowired CompanyDatabases databases;
    @Autowired CompanySnapshots snapshots;
    @Autowired AuditTrail audit;
    @Autowired TestClock clock;
    @Autowired ObjectProvider<MeterRegistry> meters;

    private static final List<String> NONE = List.of();

    @Test
    void restoresAsACopyAndInPlaceWithEncryptedFieldsAndTheAuditTrailIntact() {
        TestCompany c = fixtures.company("backup-round");
        Client kept = clients.create(c.system(), new NewClient("Backed Up Ltd", "kept@backup.example", "+41 44 000 00 00",
                "the gate code is 4711", NONE), null);
        BackupManifest backup = backups.take(company(c), line -> { });
        assertThat(backup.counts()).containsEntry("clients", 1L);
        assertThat(backup.audit().seq()).isPositive();
        assertThat(Files.exists(backups.location().resolve("companies").resolve(c.company.id().compact())
                .resolve(backup.id() + ".backup"))).isTrue();

        clock.advance(Duration.ofMinutes(5));
        Client later = clients.create(c.system(), new NewClient("After The Backup Ltd", "later@backup.example", null, null, NONE), null);
        clients.update(c.system(), kept.id(), kept.version(), new org.fieldstone.clients.ClientChanges(
                org.fieldstone.shared.Change.to("Renamed After Backup"), null, null, org.fieldstone.shared.Change.to("changed notes"),
                null, null));

        // as a copy: the company is not touched; the copy holds the backup's rows and its trail verifies to its head
        try (CompanySnapshots.Restored copy = backups.restoreAsCopy(company(c), backup, "inspect1", line -> { })) {
            assertThat(copy.contents().counts()).isEqualTo(backup.counts());
            assertThat(copy.jdbc().sql("SELECT COUNT(*) FROM clients").query(Long.class).single()).isEqualTo(1L);
            assertThat(audit.verify(c.company.id(), copy.jdbc(), backup.audit()).intact()).isTrue();
        }
        assertThat(snapshots.discard(c.company.id(), "inspect1")).isTrue();
        assertThat(clients.get(c.system(), later.id()).name()).isEqualTo("After The Backup Ltd");

        // in place: suspended meanwhile, active again, back to the backup's state, fields open, trail verifies
        var restored = backups.restoreInPlace(company(c), backup, Actor.system(c.company.id(), Channel.CLI), line -> { });
        assertThat(restored.counts().get("clients")).isEqualTo(1L);
        assertThat(company(c).status()).isEqualTo(CompanyStatus.ACTIVE);
        Client back = clients.get(c.system(), kept.id());
        assertThat(back.name()).isEqualTo("Backed Up Ltd");
        assertThat(back.email()).isEqualTo("kept@backup.example");
        assertThat(back.notes()).isEqualTo("the gate code is 4711");
        assertThat(clients.find(c.system(), later.id())).isEmpty();
        var verified = audit.verify(c.company.id(), databases.of(c.company.id()).jdbc());
        assertThat(verified.intact()).as(verified.reason()).isTrue();
        // and the restored company keeps working: a new write is audited and verifies
        clients.create(c.system(), new NewClient("After The Restore Ltd", null, null, null, NONE), null);
        audit.flushAnchors();
        assertThat(audit.verify(c.company.id(), databases.of(c.company.id()).jdbc()).intact()).isTrue();
    }

    @Test
    void drillPassesAndATamperedBackupIsRefusedWithoutChangingAnything() throws IOException {
        TestCompany c = fixtures.company("backup-tamper");
        Client client = clients.create(c.system(), new NewClient("Tamper Proof Ltd", "t@backup.example", null, "n", NONE), null);
        BackupManifest backup = backups.take(company(c), line -> { });

        var drill = backups.drill(java.util.Optional.of(company(c)), line -> { }).orElseThrow();
        assertThat(drill.good()).as(drill.reason()).isTrue();
        assertThat(gauge("fieldstone.backup.drill.failed")).isIn(0.0, Double.NaN);
        assertThat(backups.check(company(c), backup, line -> { }).good()).isTrue();

        // one flipped byte: the hash no longer matches
        Path file = backups.location().resolve("companies").resolve(c.company.id().compact()).resolve(backup.id() + ".backup");
        flip(file, Files.size(file) / 2);
        assertThat(backups.check(company(c), backup, line -> { }).reason()).contains("SHA-256");
        assertThatThrownBy(() -> backups.restoreInPlace(company(c), backup, Actor.system(c.company.id(), Channel.CLI), line -> { }))
                .isInstanceOf(InvalidInput.class);
        assertThat(company(c).status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(clients.get(c.system(), client.id()).name()).isEqualTo("Tamper Proof Ltd");

        // a forger who also rewrites the manifest's hash: the ciphertext no longer authenticates
        BackupManifest forged = withSha(backup, sha256(file));
        var check = backups.check(company(c), forged, line -> { });
        assertThat(check.good()).isFalse();
        assertThat(check.reason()).contains("does not decrypt");

        var failed = backups.drill(java.util.Optional.of(company(c)), line -> { }).orElseThrow();
        assertThat(failed.good()).isFalse();
        if (meters.getIfAvailable() != null) {
            assertThat(gauge("fieldstone.backup.drill.failed")).isEqualTo(1.0);
        }
        clock.advance(Duration.ofMinutes(1)); // the test clock stands still: a later backup needs a later time
        backups.take(company(c), line -> { });
        assertThat(backups.drill(java.util.Optional.of(company(c)), line -> { }).orElseThrow().good()).isTrue();
    }

    @Test
    void aBackupOfOneCompanyIsNotRestoredIntoAnother() throws IOException {
        var two = fixtures.twoCompanies("backup-other");
        TestCompany a = two.a();
        TestCompany b = two.b();
        clients.create(a.system(), new NewClient("Company A Client", null, null, "a's secret", NONE), null);
        Client bClient = clients.create(b.system(), new NewClient("Company B Client", null, null, null, NONE), null);
        BackupManifest ofA = backups.take(company(a), line -> { });

        assertThatThrownBy(() -> backups.restoreInPlace(company(b), ofA, Actor.system(b.company.id(), Channel.CLI), line -> { }))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("another company");

        // A's backup copied into B's folder with a manifest claiming to be B's: B's keys do not open it
        Path fromA = backups.location().resolve("companies").resolve(a.company.id().compact());
        Path intoB = backups.location().resolve("companies").resolve(b.company.id().compact());
        Files.createDirectories(intoB);
        Files.copy(fromA.resolve(ofA.id() + ".backup"), intoB.resolve(ofA.id() + ".backup"));
        BackupManifest claimed = new BackupManifest(ofA.id(), b.company.id(), b.slug(), ofA.engine(), ofA.schemaVersion(),
                ofA.takenAt(), ofA.counts(), ofA.audit(), ofA.size(), ofA.sha256(), ofA.sealedKey());
        claimed.write(intoB.resolve(ofA.id() + ".manifest"));
        assertThat(backups.newest(b.company.id())).contains(claimed);
        assertThat(backups.check(company(b), claimed, line -> { }).reason()).contains("does not open under the keys of " + b.slug());
        assertThatThrownBy(() -> backups.restoreInPlace(company(b), claimed, Actor.system(b.company.id(), Channel.CLI), line -> { }))
                .isInstanceOf(InvalidInput.class);
        assertThat(company(b).status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(clients.get(b.system(), bClient.id()).name()).isEqualTo("Company B Client");
    }

    @Test
    void aDestroyedCompanysBackupsNoLongerOpen() {
        TestCompany c = fixtures.company("backup-shred");
        clients.create(c.system(), new NewClient("Shredded Ltd", "gone@backup.example", null, "gone", NONE), null);
        BackupManifest backup = backups.take(company(c), line -> { });
        backups.streamingKey(c.company.id(), c.slug(), backup); // opens while the company's keys exist

        companies.delete(c.slug(), Actor.system(c.company.id(), Channel.CLI), Duration.ZERO);
        companies.destroy(c.slug());

        assertThat(backups.list(c.company.id())).contains(backup); // the files remain, unreadable
        assertThatThrownBy(() -> backups.streamingKey(c.company.id(), c.slug(), backup))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("keys were destroyed");
    }

    private Company company(TestCompany c) {
        return companies.find(c.company.id()).orElseThrow();
    }

    private double gauge(String name) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null || registry.find(name).gauge() == null) {
            return Double.NaN;
        }
        return registry.find(name).gauge().value();
    }

    private static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x01);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BackupManifest withSha(BackupManifest m, String sha) {
        return new BackupManifest(m.id(), m.company(), m.slug(), m.engine(), m.schemaVersion(), m.takenAt(), m.counts(), m.audit(),
                m.size(), sha, m.sealedKey());
    }
}
