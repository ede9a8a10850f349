package org.fieldstone.inventory;

/**
 * An item's stock at a location: the sum of the movements into it less those out of it.
 *
 * @param quantity thousandths of the item's unit ({@link Quantities})
 */
public record StockLevel(String itemId, String locationId, long quantity) {
}
