package org.fieldstone.inventory;

import java.time.LocalDate;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;

/** What the inventory tells other modules, through the outbox. */
public final class InventoryEvents {

    private InventoryEvents() {
    }

    /**
     * The daily check found items below their low-stock threshold (the list: {@link Inventory#toReorder}); a listener
     * (e.g. an email to the company's owners and admins) reads it from the facade.
     *
     * @param items how many item-location pairs are below their threshold
     */
    public record ReorderDue(TenantId tenant, LocalDate day, int items) implements DomainEvent {
    }
}
