package org.fieldstone.tenancy;

import java.util.ArrayList;
import java.util.List;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.DomainEvent;

/**
 * What a verb of an aggregate (a quote, an invoice …) decided: the writes to make, in order, each with the version it
 * expects, and the events to publish. The aggregate holds no database and no clock, so its lifecycle is tested
 * without Spring; its service loads it inside a transaction and {@linkplain #apply applies} the decision in that same
 * transaction, through the one write path and the outbox.
 */
public record Decision(List<Step> writes, List<DomainEvent> events) {

    public static final Decision NOTHING = new Decision(List.of(), List.of());

    public Decision {
        writes = List.copyOf(writes);
        events = List.copyOf(events);
    }

    /** One write of a decision. */
    public sealed interface Step {
        RecordType type();
    }

    /** A new record (version 1), recorded as {@code action}. */
    public record Insert(Changes values, String action) implements Step {
        @Override
        public RecordType type() {
            return values.type();
        }
    }

    /** A change of a record still at {@code expectedVersion}, recorded as {@code action}. */
    public record Update(RecordKey key, long expectedVersion, Changes set, String action) implements Step {
        @Override
        public RecordType type() {
            return set.type();
        }
    }

    public static Decision of(Step write, DomainEvent... events) {
        return new Decision(List.of(write), List.of(events));
    }

    public Decision and(Decision more) {
        List<Step> w = new ArrayList<>(writes);
        w.addAll(more.writes);
        List<DomainEvent> e = new ArrayList<>(events);
        e.addAll(more.events);
        return new Decision(w, e);
    }

    /**
     * Makes the writes and publishes the events, joining the caller's transaction on {@code db} (the aggregate was
     * loaded in it); returns the records as written, in the order of the writes.
     */
    public List<Written> apply(Actor actor, CompanyDatabase db, RecordStore store, DomainEvents outbox) {
        return db.inTransaction(() -> {
            List<Written> written = new ArrayList<>();
            for (Step step : writes) {
                written.add(switch (step) {
                    case Insert i -> store.insert(actor, i.values());
                    case Update u -> store.change(actor, u.key(), u.expectedVersion(), u.set(), u.action());
                });
            }
            events.forEach(e -> outbox.publish(db, e));
            return written;
        });
    }
}
