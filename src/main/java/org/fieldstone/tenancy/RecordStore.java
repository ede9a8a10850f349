package org.fieldstone.tenancy;

import java.util.Map;
import org.fieldstone.shared.Actor;

/**
 * The one write path (SPEC §3.4): every insert, update, archive and delete of a mutable business record
 * goes through here, and nothing else writes business tables ({@code WritePathTests} fails if anything does).
 * Each write, in one transaction on the actor's company database:
 * <ol>
 *   <li>checks the type's permission for the {@link Actor};</li>
 *   <li>loads the current row (another company's or another parent's id: not found) and compares the
 *       expected version — a mismatch writes nothing and throws {@link org.fieldstone.shared.VersionConflict};</li>
 *   <li>applies the change with {@code version + 1}, {@code updated_at}, {@code updated_by};</li>
 *   <li>seals sensitive values through {@link FieldProtection};</li>
 *   <li>appends one audit entry with the changed fields' before and after values (never a
 *       {@linkplain Column#secret() secret}'s);</li>
 *   <li>publishes {@link RecordChanged} through the outbox ({@link DomainEvents}): its listeners hear it after the
 *       outermost commit, and never after a rollback.</li>
 * </ol>
 * A change that changes nothing writes nothing.
 * <p>
 * Inserts and changes return the record as the write left it ({@link Written}: id, new version and its values, read
 * through the table's {@link Column}s), so a caller answers from it instead of reading and opening the record again;
 * a caller that needs only the id or the version, or nothing, ignores the rest.
 */
public interface RecordStore {

    /** Creates a record (version 1) with a new id. */
    default Written insert(Actor actor, RecordType type, Map<String, Object> values) {
        return insert(actor, type, java.util.UUID.randomUUID().toString(), values);
    }

    /** Creates a record (version 1) with a given id, e.g. a setting's key; an existing id is a conflict. */
    default Written insert(Actor actor, RecordType type, String id, Map<String, Object> values) {
        return insert(actor, type, id, values, "created");
    }

    /**
     * Like {@link #insert(Actor, RecordType, String, Map)} but recorded as a named action, e.g. {@code invited}, so
     * the trail reads as what happened.
     */
    Written insert(Actor actor, RecordType type, String id, Map<String, Object> values, String action);

    /** Changes the given columns (a null value clears one) if the record is still at {@code expectedVersion}. */
    Written update(Actor actor, RecordType type, RecordKey key, long expectedVersion, Map<String, Object> changes);

    /**
     * Like {@link #update} but recorded as a named action, e.g. {@code archived} or {@code restored}
     * (setting an {@code archived} column), so the trail reads as what happened.
     */
    Written change(Actor actor, RecordType type, RecordKey key, long expectedVersion, Map<String, Object> changes,
                   String action);

    /** Creates a record of the changes' type (version 1) with a new id. */
    default Written insert(Actor actor, Changes values) {
        return insert(actor, values.type(), values.values());
    }

    /** Creates a record of the changes' type (version 1) with a given id, recorded as a named action. */
    default Written insert(Actor actor, String id, Changes values, String action) {
        return insert(actor, values.type(), id, values.values(), action);
    }

    /** Changes the columns set in {@code changes} if the record is still at {@code expectedVersion}. */
    default Written update(Actor actor, RecordKey key, long expectedVersion, Changes changes) {
        return update(actor, changes.type(), key, expectedVersion, changes.values());
    }

    /** Like {@link #update(Actor, RecordKey, long, Changes)}, recorded as a named action (e.g. {@code archived}). */
    default Written change(Actor actor, RecordKey key, long expectedVersion, Changes changes, String action) {
        return change(actor, changes.type(), key, expectedVersion, changes.values(), action);
    }

    /** Removes a record if it is still at {@code expectedVersion}; the audit entry keeps its last values. */
    default void delete(Actor actor, RecordType type, RecordKey key, long expectedVersion) {
        delete(actor, type, key, expectedVersion, "deleted");
    }

    /** Like {@link #delete(Actor, RecordType, RecordKey, long)} but recorded as a named action, e.g. {@code removed}. */
    void delete(Actor actor, RecordType type, RecordKey key, long expectedVersion, String action);
}
