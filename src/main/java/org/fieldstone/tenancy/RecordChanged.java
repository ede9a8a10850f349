package org.fieldstone.tenancy;

import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;

/**
 * Published through the outbox ({@link DomainEvents}) by every write through the {@link RecordStore}, in its
 * transaction; listeners hear it after the outermost commit. Carries its company, so a listener
 * binds the tenant from the event, never from the thread that happens to run it.
 *
 * @param action {@code created}, {@code updated}, {@code archived}, {@code restored} or {@code deleted}
 */
public record RecordChanged(TenantId tenant, String entityType, String id, String action, long version)
        implements DomainEvent {
}
