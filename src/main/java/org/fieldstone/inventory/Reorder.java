package org.fieldstone.inventory;

/**
 * An item below its low-stock threshold at a location: what the daily check lists to reorder.
 *
 * @param quantity the stock now, thousandths
 * @param minimum  the threshold, thousandths
 */
public record Reorder(String itemId, String itemName, String sku, String locationId, String locationName, long quantity,
                      long minimum) {

    /** How much brings it back to the threshold, thousandths. */
    public long shortBy() {
        return minimum - quantity;
    }
}
