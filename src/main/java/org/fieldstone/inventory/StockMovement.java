package org.fieldstone.inventory;

import java.time.Instant;

/**
 * One line of the stock ledger, written once and never changed.
 *
 * @param quantity       thousandths of the item's unit ({@link Quantities}); positive, except an ADJUST's (signed)
 * @param unitCost       minor units, a RECEIVE's, or null
 * @param recordedBy     the user (or system) that recorded it
 */
public record StockMovement(String id, MovementType type, String itemId, long quantity, String fromLocationId,
                            String toLocationId, String jobId, String reason, String supplier, Long unitCost,
                            Instant recordedAt, String recordedBy) {
}
