package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fieldstone.shared.TenantId;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.HeardEvents;
import org.fieldstone.support.HeardEvents.TestEvent;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.DomainEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The transactional outbox on either engine: an event is written with the change and heard after the outermost
 * commit, never after a rollback; a failing listener is called again until it succeeds; what a node that died
 * between commit and delivery left behind is delivered once at the next start; a delivered event is not delivered
 * again.
 */
abstract class DomainEventsContract {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired DomainEvents events;
    @Autowired Outbox outbox;
    @Autowired CompanyDatabases databases;
    @Autowired CompanyPools pools;
    @Autowired CompanyRegistry registry;
    @Autowired Fixtures fixtures;
    @Autowired HeardEvents heard;
    @Autowired ApplicationContext context;

    private CompanyDatabase newCompany() {
        return databases.of(fixtures.company("events").company.id());
    }

    private static String note(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private int heardTimes(String note) {
        return heard.heard(e -> e instanceof TestEvent t && t.note().equals(note)).size();
    }

    private void awaitHeard(CompanyDatabase db, String note) {
        heard.await(e -> e instanceof TestEvent t && t.note().equals(note), 1, WITHIN);
        assertThat(heardTimes(note)).as("heard %s (its publication: %s)", note,
                db.jdbc().sql("SELECT * FROM event_publications WHERE payload LIKE :note").param("note", "%" + note + "%")
                        .query().listOfRows()).isEqualTo(1);
    }

    /** The publication once delivery has marked it completed (right after its listener returned), or as it is then. */
    private Map<String, Object> completedPublication(CompanyDatabase db, String note) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        Map<String, Object> row = publication(db, note);
        while (row.get("completed_at") == null && System.nanoTime() < deadline) {
            sleep(50);
            row = publication(db, note);
        }
        return row;
    }

    private Map<String, Object> publication(CompanyDatabase db, String note) {
        return db.jdbc().sql("SELECT * FROM event_publications WHERE payload LIKE :note").param("note", "%" + note + "%")
                .query().singleRow();
    }

    private long publications(CompanyDatabase db, String note) {
        return db.jdbc().sql("SELECT COUNT(*) FROM event_publications WHERE payload LIKE :note")
                .param("note", "%" + note + "%").query(Long.class).single();
    }

    @Test
    void nestedWritesPublishOnlyAfterTheOutermostCommit() throws Exception {
        CompanyDatabase db = newCompany();
        String note = note("nested");
        db.inTransaction(() -> {
            db.inTransaction(() -> {
                events.publish(db, new TestEvent(db.tenant(), note));
                return null;
            });
            sleep(300);
            assertThat(heardTimes(note)).as("not heard while the outer transaction is open").isZero();
            return null;
        });
        awaitHeard(db, note);
        Map<String, Object> row = completedPublication(db, note);
        assertThat(row.get("completed_at")).isNotNull();
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
        assertThat(heard.heard(e -> e instanceof TestEvent t && t.note().equals(note)).getFirst().eventId().toString())
                .isEqualTo(row.get("event_id"));
    }

    @Test
    void aRollbackPublishesNothing() {
        CompanyDatabase db = newCompany();
        String rolledBack = note("rolled-back");
        assertThatThrownBy(() -> db.inTransaction(() -> {
            events.publish(db, new TestEvent(db.tenant(), rolledBack));
            throw new IllegalStateException("the change fails after publishing");
        })).hasMessageContaining("the change fails");
        String after = note("after");
        events.publish(db, new TestEvent(db.tenant(), after));
        awaitHeard(db, after);
        assertThat(heardTimes(rolledBack)).isZero();
        assertThat(publications(db, rolledBack)).isZero();
    }

    @Test
    void aFailingListenerIsCalledAgainUntilItSucceeds() {
        CompanyDatabase db = newCompany();
        String note = note("fail-2");
        events.publish(db, new TestEvent(db.tenant(), note));
        awaitHeard(db, note);
        assertThat(heard.calls(note)).isEqualTo(3);
        Map<String, Object> row = completedPublication(db, note);
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(3);
        assertThat(row.get("completed_at")).isNotNull();
        assertThat(row.get("last_error")).isNull();
    }

    @Test
    void whatANodeLeftBetweenCommitAndDeliveryIsDeliveredOnceAtTheNextStart() throws Exception {
        CompanyDatabase db = newCompany();
        // a node that commits and dies before its after-commit delivery runs
        Outbox dying = new Outbox(context, pools, registry, Duration.ofMillis(100), Duration.ofDays(7), Duration.ofDays(1));
        dying.afterSingletonsInstantiated();
        dying.start();
        dying.stop();
        String note = note("orphaned");
        dying.publish(db, new TestEvent(db.tenant(), note));
        sleep(500);
        assertThat(heardTimes(note)).as("nobody delivered it").isZero();
        assertThat(publication(db, note).get("completed_at")).isNull();

        outbox.recoverAll(); // what a node does shortly after it starts
        awaitHeard(db, note);
        String id = (String) publication(db, note).get("id");
        outbox.recoverAll();
        outbox.attempt(db.tenant(), id);
        sleep(300);
        assertThat(heardTimes(note)).as("delivered once, however often it is looked at again").isEqualTo(1);
        assertThat(heard.calls(note)).isEqualTo(1);
    }

    @Test
    void aNodeStoppedAndStartedAgainDeliversWhatWasPublishedMeanwhile() {
        CompanyDatabase db = newCompany();
        String whileStopped = note("while-stopped");
        outbox.stop();
        try {
            events.publish(db, new TestEvent(db.tenant(), whileStopped));
        } finally {
            outbox.start(); // as Spring's test context cache does with a paused context
        }
        awaitHeard(db, whileStopped);
        String after = note("after-restart");
        events.publish(db, new TestEvent(db.tenant(), after));
        awaitHeard(db, after);
    }

    @Test
    void refusesAnEventOfAnotherCompany() {
        CompanyDatabase db = newCompany();
        String note = note("foreign");
        assertThatThrownBy(() -> events.publish(db, new TestEvent(TenantId.random(), note)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(publications(db, note)).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
