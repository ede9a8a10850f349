package org.fieldstone.tenancy.internal;

import java.util.List;
import java.util.Optional;
import org.fieldstone.tenancy.CompanyDatabase;

/**
 * The {@code event_publications} table of a company database: the outbox's own bookkeeping, unversioned and
 * unaudited (the change that raised an event is audited; its delivery is not a business record).
 */
final class OutboxRows {

    private OutboxRows() {
    }

    record Publication(String id, String eventId, String listener, String payload, int attempts) {
    }

    static void insert(CompanyDatabase db, String id, String eventId, String listener, String type, String payload, long now) {
        db.jdbc().sql("""
                INSERT INTO event_publications (id, event_id, listener, event_type, payload, published_at, attempts,
                                                next_attempt_at)
                VALUES (:id, :event, :listener, :type, :payload, :now, 0, :now)
                """)
                .param("id", id).param("event", eventId).param("listener", listener).param("type", type)
                .param("payload", payload).param("now", now).update();
    }

    /** Takes a publication for one delivery attempt, unless it is completed or someone else holds its lease. */
    static Optional<Publication> claim(CompanyDatabase db, String id, long now, long leaseUntil) {
        return db.inTransaction(() -> {
            int claimed = db.jdbc().sql("""
                    UPDATE event_publications SET lease_until = :until, attempts = attempts + 1
                    WHERE id = :id AND completed_at IS NULL AND (lease_until IS NULL OR lease_until < :now)
                    """).param("until", leaseUntil).param("id", id).param("now", now).update();
            if (claimed != 1) {
                return Optional.<Publication>empty();
            }
            return db.jdbc().sql("SELECT id, event_id, listener, payload, attempts FROM event_publications WHERE id = :id")
                    .param("id", id)
                    .query((rs, i) -> new Publication(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5)))
                    .optional();
        });
    }

    static void complete(CompanyDatabase db, String id, long now) {
        db.inTransaction(() -> db.jdbc().sql("""
                UPDATE event_publications SET completed_at = :now, lease_until = NULL, last_error = NULL WHERE id = :id
                """).param("now", now).param("id", id).update());
    }

    static void fail(CompanyDatabase db, String id, long nextAttemptAt, String error) {
        db.inTransaction(() -> db.jdbc().sql("""
                UPDATE event_publications SET lease_until = NULL, next_attempt_at = :next, last_error = :error
                WHERE id = :id AND completed_at IS NULL
                """).param("next", nextAttemptAt).param("error", error).param("id", id).update());
    }

    /** Open publications whose next attempt is due and that nobody holds. */
    static List<String> due(CompanyDatabase db, long now) {
        return db.jdbc().sql("""
                SELECT id FROM event_publications
                WHERE completed_at IS NULL AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                ORDER BY published_at, id
                """).param("now", now).query(String.class).list();
    }

    static boolean anyOpen(CompanyDatabase db) {
        return openCount(db) > 0;
    }

    static long openCount(CompanyDatabase db) {
        return db.jdbc().sql("SELECT COUNT(*) FROM event_publications WHERE completed_at IS NULL")
                .query(Long.class).single();
    }

    static int pruneCompleted(CompanyDatabase db, long completedBefore) {
        return db.inTransaction(() -> db.jdbc()
                .sql("DELETE FROM event_publications WHERE completed_at IS NOT NULL AND completed_at < :before")
                .param("before", completedBefore).update());
    }
}
