package org.fieldstone.tenancy;

import org.fieldstone.shared.TenantId;

/**
 * Published after a write through the {@link RecordStore} committed. Carries its company, so a listener
 * binds the tenant from the event, never from the thread that happens to run it.
 *
 * @param action {@code created}, {@code updated}, {@code archived}, {@code restored} or {@code deleted}
 */
public record RecordChanged(TenantId tenant, String entityType, String id, String action, long version) {
}
