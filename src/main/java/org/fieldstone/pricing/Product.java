package org.fieldstone.pricing;

import org.fieldstone.shared.Versioned;

/**
 * One of the company's products and services, offered when a line is added to a quote, job or invoice: its name,
 * description and default price and tax rate are copied into the line, which may then be changed.
 *
 * @param unitPrice in minor units of the company's currency
 * @param taxRateId the default {@link TaxRate}, or null
 * @param unit      what one is, e.g. {@code h} or {@code pc}, or null
 * @param sku       the stock-keeping unit an inventory item is known by (unique per company, case-insensitively), or
 *                  null for a product or service that is not kept in stock
 * @param unitCost  what one costs the company (minor units), or null where unknown
 * @param barcode   the item's barcode (EAN, UPC, …) as printed, or null
 */
public record Product(String id, Kind kind, String name, String description, long unitPrice, String taxRateId,
                      String unit, boolean archived, long version, String sku, Long unitCost, String barcode)
        implements Versioned {

    /** A product without inventory details. */
    public Product(String id, Kind kind, String name, String description, long unitPrice, String taxRateId, String unit,
                   boolean archived, long version) {
        this(id, kind, name, description, unitPrice, taxRateId, unit, archived, version, null, null, null);
    }

    /** Whether it is an inventory item: a product with a SKU, whose stock the inventory keeps. */
    public boolean isItem() {
        return sku != null;
    }

    public enum Kind { SERVICE, PRODUCT }
}
