package org.fieldstone.tenancy;

import org.fieldstone.shared.DomainEvent;

/**
 * The transactional outbox: {@link #publish} writes the event, once for each {@link DomainEventListener} that hears
 * it, into the company's database in the transaction of the change (joining the caller's, however deeply writes
 * nest, or its own); after the outermost commit the listeners are called, and a listener that fails is called
 * again until it succeeds — also after a crash or restart. A rollback publishes nothing.
 */
public interface DomainEvents {

    /** Publishes an event of {@code db}'s company; refuses an event of another company. */
    void publish(CompanyDatabase db, DomainEvent event);
}
