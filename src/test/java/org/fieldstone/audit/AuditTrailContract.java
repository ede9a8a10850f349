package org.fieldstone.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.RecordType;
import org.fieldstone.tenancy.Written;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one write path and the tamper-evident audit trail (SPEC §3.4, §3.6), on records of a plain test type
 * (company settings): one entry per write with before/after values, none for a refused write, optimistic
 * concurrency, and a verification that catches every kind of tampering — also with the triggers dropped.
 */
abstract class AuditTrailContract {

    static final RecordType SETTINGS = new RecordType("company_settings", "setting", Permission.SETTINGS_MANAGE,
            Set.of("value"), Set.of(), null);

    @Autowired Fixtures fixtures;
    @Autowired RecordStore records;
    @Autowired AuditTrail audit;
    @Autowired CompanyDatabases databases;
    @Autowired TestClock clock;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    TestCompany c;
    Actor admin;
    CompanyDatabase db;

    @BeforeEach
    void company() {
        c = fixtures.company("audit");
        var user = c.addUser(Role.ADMIN);
        admin = new Actor(c.company.id(), Optional.of(user.id()), user.name(), Role.ADMIN, Optional.empty(), Channel.API,
                "192.0.2.10", "test-agent/1.0");
        db = databases.of(c.company.id());
    }

    @Test
    void everyWriteLeavesExactlyOneEntryWithWhoWhatWhenWhereAndBeforeAfter() {
        long before = entries();
        Written created = records.insert(admin, SETTINGS, Map.of("value", "red"));
        assertThat(created.version()).isOne();
        Written updated = records.update(admin, SETTINGS, RecordKey.of(created.id()), 1, Map.of("value", "blue"));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(entries()).isEqualTo(before + 2);

        AuditEntry last = audit.find(db.tenant(), db.jdbc(), AuditQuery.forEntity("setting", created.id()), Page.request(0, 10)).items().getFirst();
        assertThat(last.action()).isEqualTo("setting.updated");
        assertThat(last.changes()).containsExactly(new AuditRecord.Change("value", "red", "blue"));
        assertThat(last.actorType()).isEqualTo("user");
        assertThat(last.actorId()).isEqualTo(admin.userId().orElseThrow().toString());
        assertThat(last.actorName()).isEqualTo(admin.displayName());
        assertThat(last.channel()).isEqualTo("api");
        assertThat(last.ip()).isEqualTo("192.0.2.10");
        assertThat(last.userAgent()).isEqualTo("test-agent/1.0");
        assertThat(last.at()).isEqualTo(Instant.ofEpochMilli(clock.millis()));
        var row = db.jdbc().sql("SELECT version, updated_by FROM company_settings WHERE id = :id").param("id", created.id())
                .query().singleRow();
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(2);
        assertThat(row.get("updated_by")).isEqualTo(admin.userId().orElseThrow().toString());

        records.delete(admin, SETTINGS, RecordKey.of(created.id()), 2);
        AuditEntry deleted = audit.find(db.tenant(), db.jdbc(), AuditQuery.forEntity("setting", created.id()), Page.request(0, 10)).items().getFirst();
        assertThat(deleted.action()).isEqualTo("setting.deleted");
        assertThat(deleted.changes()).containsExactly(new AuditRecord.Change("value", "blue", null));
    }

    @Test
    void aWriteReturnsTheRecordAsItLeftItDefaultsAndSealedValuesIncluded() {
        Column<String> name = Column.of("name", String.class).sealed();
        Column<String> notes = Column.of("notes", String.class).sealed();
        Column<String> tags = Column.of("tags", String.class);
        Column<Boolean> archived = Column.of("archived", Boolean.class);
        RecordType clients = RecordType.of("clients", "client", Permission.CLIENTS_WRITE, null, name, notes, tags, archived);

        Written created = records.insert(admin, Changes.of(clients).set(name, "Ada Lovelace").set(notes, "ring first"));
        var stored = db.jdbc().sql("SELECT name, created_at, updated_by FROM clients WHERE id = :id")
                .param("id", created.id()).query().singleRow();
        assertThat(stored.get("name")).as("sealed at rest").isNotEqualTo("Ada Lovelace");
        assertThat(created.version()).isOne();
        assertThat(created.get(name)).isEqualTo("Ada Lovelace");
        assertThat(created.get(tags)).as("the table's default").isEqualTo("[]");
        assertThat(created.get(archived)).as("the table's default, a Boolean on both engines").isFalse();
        assertThat(created.createdAt().toEpochMilli()).isEqualTo(((Number) stored.get("created_at")).longValue());
        assertThat(created.updatedBy()).isEqualTo(stored.get("updated_by"));

        clock.advance(Duration.ofMinutes(5));
        Written archivedNow = records.change(admin, RecordKey.of(created.id()), 1, Changes.of(clients).set(archived, true),
                "archived");
        assertThat(archivedNow.version()).isEqualTo(2);
        assertThat(archivedNow.get(archived)).isTrue();
        assertThat(archivedNow.get(notes)).as("a sealed value the change did not set, opened").isEqualTo("ring first");
        assertThat(archivedNow.get(name)).isEqualTo("Ada Lovelace");
        assertThat(archivedNow.createdAt()).isEqualTo(created.createdAt());
        assertThat(archivedNow.updatedAt()).isEqualTo(created.updatedAt().plus(Duration.ofMinutes(5)));

        Written unchanged = records.change(admin, RecordKey.of(created.id()), 2, Changes.of(clients).set(archived, true),
                "archived");
        assertThat(unchanged.version()).as("a change that changes nothing").isEqualTo(2);
        assertThat(unchanged.get(archived)).isTrue();
        assertThat(unchanged.get(notes)).isEqualTo("ring first");
        assertThatThrownBy(() -> unchanged.get(Column.of("value", String.class)))
                .as("a column of another table").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretColumnIsStoredAndVersionedButNeverInTheTrail() {
        Column<String> value = Column.of("value", String.class).secret();
        RecordType secrets = RecordType.of("company_settings", "setting", Permission.SETTINGS_MANAGE, null, value);
        long before = entries();
        Written created = records.insert(admin, Changes.of(secrets).set(value, "hash-one"));
        Written updated = records.update(admin, RecordKey.of(created.id()), 1, Changes.of(secrets).set(value, "hash-two"));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(db.jdbc().sql("SELECT value FROM company_settings WHERE id = :id").param("id", created.id())
                .query(String.class).single()).isEqualTo("hash-two");
        records.delete(admin, secrets, RecordKey.of(created.id()), 2);

        List<AuditEntry> trail = audit.find(db.tenant(), db.jdbc(), AuditQuery.forEntity("setting", created.id()),
                Page.request(0, 10)).items();
        assertThat(entries()).as("one entry per write still").isEqualTo(before + 3);
        assertThat(trail).extracting(AuditEntry::action)
                .containsExactly("setting.deleted", "setting.updated", "setting.created");
        assertThat(trail).allSatisfy(e -> assertThat(e.changes()).isEmpty());
        assertThat(String.join("\n", db.jdbc().sql("SELECT changes FROM audit_log").query(String.class).list()))
                .doesNotContain("hash-one").doesNotContain("hash-two");
    }

    @Test
    void aRefusedOrEmptyWriteLeavesNoEntryAndChangesNothing() {
        Written created = records.insert(admin, SETTINGS, Map.of("value", "red"));
        long before = entries();
        Actor reader = new Actor(c.company.id(), Optional.empty(), "reader", Role.READ_ONLY, Optional.empty(), Channel.API, null, null);

        assertThatThrownBy(() -> records.update(reader, SETTINGS, RecordKey.of(created.id()), 1, Map.of("value", "x")))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> records.update(admin, SETTINGS, RecordKey.of(created.id()), 7, Map.of("value", "x")))
                .isInstanceOf(VersionConflict.class);
        assertThatThrownBy(() -> records.update(admin, SETTINGS, RecordKey.of(created.id()), 1, Map.of("colour", "x")))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> records.update(admin, SETTINGS, RecordKey.of("no-such-id"), 1, Map.of("value", "x")))
                .isInstanceOf(NotFound.class);
        assertThat(records.update(admin, SETTINGS, RecordKey.of(created.id()), 1, Map.of("value", "red")).version()).isOne();

        assertThat(entries()).isEqualTo(before);
        assertThat(db.jdbc().sql("SELECT value FROM company_settings WHERE id = :id").param("id", created.id())
                .query(String.class).single()).isEqualTo("red");
    }

    @Test
    void ofTwoConcurrentUpdatesOfTheSameVersionExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Written created = records.insert(admin, SETTINGS, Map.of("value", "start"));
            long before = entries();
            var ready = new CountDownLatch(2);
            var go = new CountDownLatch(1);
            try (var pool = Executors.newFixedThreadPool(2)) {
                List<Future<Written>> results = List.of("one", "two").stream().map(value -> pool.submit((Callable<Written>) () -> {
                    ready.countDown();
                    go.await();
                    return records.update(admin, SETTINGS, RecordKey.of(created.id()), 1, Map.of("value", value));
                })).toList();
                ready.await();
                go.countDown();
                int won = 0;
                int conflicts = 0;
                for (Future<Written> f : results) {
                    try {
                        assertThat(f.get().version()).isEqualTo(2);
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(VersionConflict.class);
                        conflicts++;
                    }
                }
                assertThat(won).isOne();
                assertThat(conflicts).isOne();
            }
            assertThat(entries()).isEqualTo(before + 1);
        }
    }

    @Test
    void anIntactTrailVerifiesAndIsAnchored() {
        for (int i = 0; i < 5; i++) {
            records.insert(admin, SETTINGS, Map.of("value", "v" + i));
        }
        audit.flushAnchors();
        Verification v = audit.verify(c.company.id(), db.jdbc());
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(v.entries()).isEqualTo(entries());
        assertThat(v.reason()).contains("anchored through seq " + lastSeq());
    }

    @Test
    void verificationFindsAChangedEntryEvenWithTheTriggersDropped() {
        long seq = writeSome();
        dropTriggers();
        db.inTransaction(() -> db.jdbc().sql("UPDATE audit_log SET changes = '[]' WHERE seq = :s").param("s", seq - 2).update());
        assertBrokenAt(seq - 2);
    }

    @Test
    void verificationFindsARemovedEntry() {
        long seq = writeSome();
        dropTriggers();
        db.inTransaction(() -> db.jdbc().sql("DELETE FROM audit_log WHERE seq = :s").param("s", seq - 3).update());
        assertBrokenAt(seq - 3);
    }

    @Test
    void verificationFindsAnInsertedEntry() {
        long seq = writeSome();
        dropTriggers();
        // make room and slip a forged entry in, as someone with file access could
        db.inTransaction(() -> {
            db.jdbc().sql("DELETE FROM audit_log WHERE seq = :s").param("s", seq - 1).update();
            db.jdbc().sql("""
                    INSERT INTO audit_log (seq, at, actor_type, actor_name, channel, entity_type, action, changes, prev_hash, hash)
                    SELECT :s, at, 'user', 'Mallory', channel, entity_type, 'setting.updated', '[]', prev_hash, hash
                    FROM audit_log WHERE seq = :prev
                    """).param("s", seq - 1).param("prev", seq - 2).update();
        });
        assertBrokenAt(seq - 1);
    }

    @Test
    void verificationFindsACutTailAgainstTheAnchor() {
        long seq = writeSome();
        dropTriggers();
        // remove the newest two entries and make the chain head agree, leaving a consistent-looking chain
        db.inTransaction(() -> {
            db.jdbc().sql("DELETE FROM audit_log WHERE seq > :s").param("s", seq - 2).update();
            String hash = db.jdbc().sql("SELECT hash FROM audit_log WHERE seq = :s").param("s", seq - 2).query(String.class).single();
            db.jdbc().sql("UPDATE audit_chain SET last_seq = :s, last_hash = :h").param("s", seq - 2).param("h", hash).update();
        });
        assertBrokenAt(seq - 1);
    }

    @Test
    void verificationFindsARewrittenChainAgainstTheAnchor() {
        long seq = writeSome();
        dropTriggers();
        // rewrite the newest entry and recompute its hash as a careful forger would: the anchor still knows
        db.inTransaction(() -> {
            var head = db.jdbc().sql("SELECT prev_hash FROM audit_log WHERE seq = :s").param("s", seq).query(String.class).single();
            db.jdbc().sql("DELETE FROM audit_log WHERE seq = :s").param("s", seq).update();
            db.jdbc().sql("""
                    INSERT INTO audit_log (seq, at, actor_type, actor_name, channel, entity_type, action, changes, prev_hash, hash)
                    VALUES (:s, 0, 'system', 'system', 'system', 'setting', 'setting.created', '[]', :prev, 'forged')
                    """).param("s", seq).param("prev", head).update();
        });
        Verification v = audit.verify(c.company.id(), db.jdbc());
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(seq);
    }

    @Test
    void pruningRefusesDatesInsideTheRetentionPeriod() {
        writeSome();
        long before = entries();
        Instant twoYearsAgo = clock.instant().minus(Duration.ofDays(730));
        assertThatThrownBy(() -> db.inTransaction(() -> audit.prune(admin, db.jdbc(), twoYearsAgo)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at least 3 years");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void pruningOldEntriesKeepsTheRestVerifiable() {
        long oldest = writeSome();
        Instant cut = clock.instant().plusMillis(1);
        clock.advance(Duration.ofDays(3 * 366 + 2));
        records.insert(admin, SETTINGS, Map.of("value", "recent"));
        var pruned = db.inTransaction(() -> audit.prune(admin, db.jdbc(), cut));
        assertThat(pruned.throughSeq()).isEqualTo(oldest);
        assertThat(pruned.removed()).isEqualTo(oldest);
        audit.flushAnchors();
        Verification v = audit.verify(c.company.id(), db.jdbc());
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(v.entries()).isEqualTo(2); // the recent write and the prune's own entry
        assertThat(audit.find(db.tenant(), db.jdbc(), new AuditQuery(null, null, null, "audit.pruned", null, null), Page.request(0, 5))
                .total()).isOne();
    }

    @Test
    void anEntryIsOnlyAppendedInsideItsChangesTransaction() {
        assertThatThrownBy(() -> audit.append(db.jdbc(), AuditRecord.of(admin, "setting", "x", "setting.created")))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Writes a few records, anchors them, and returns the newest sequence number. */
    private long writeSome() {
        Written w = records.insert(admin, SETTINGS, Map.of("value", "a"));
        for (int i = 1; i <= 4; i++) {
            w = records.update(admin, SETTINGS, RecordKey.of(w.id()), w.version(), Map.of("value", "v" + i));
        }
        audit.flushAnchors();
        assertThat(audit.verify(c.company.id(), db.jdbc()).intact()).isTrue();
        return lastSeq();
    }

    private void assertBrokenAt(long seq) {
        double failuresBefore = meters.get("fieldstone.audit.verification.failures").counter().count();
        Verification v = audit.verify(c.company.id(), db.jdbc());
        assertThat(v.intact()).as("tampering went unnoticed").isFalse();
        // the operator's alert "audit-verification-failed" counts it (ops.monitoring)
        assertThat(meters.get("fieldstone.audit.verification.failures").counter().count()).isEqualTo(failuresBefore + 1);
        assertThat(v.firstBadSeq()).as(v.reason()).isEqualTo(seq);
    }

    private void dropTriggers() {
        JdbcClient jdbc = db.jdbc();
        if ("postgresql".equals(db.engine())) {
            jdbc.sql("DROP TRIGGER audit_log_no_update ON audit_log").update();
            jdbc.sql("DROP TRIGGER audit_log_no_truncate ON audit_log").update();
        } else {
            jdbc.sql("DROP TRIGGER audit_log_no_update").update();
            jdbc.sql("DROP TRIGGER audit_log_no_delete").update();
        }
    }

    private long entries() {
        return db.jdbc().sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
    }

    private long lastSeq() {
        return db.jdbc().sql("SELECT MAX(seq) FROM audit_log").query(Long.class).single();
    }
}
