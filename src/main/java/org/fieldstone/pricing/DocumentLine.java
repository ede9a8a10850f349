package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a quote or invoice as the document keeps it (inside its sealed {@code line_items}).
 *
 * @param id              stable within the document (an approval names the lines chosen by it)
 * @param productId       the product or service it was copied from, or null
 * @param quantity        positive, up to 3 decimals
 * @param unitPrice       minor units
 * @param discountPercent 0–100, up to 2 decimals
 * @param tax             its tax as the document keeps it, or null for none
 * @param optional        the customer may tick it (counted only when chosen)
 * @param group           an option group (good/better/best): exactly one line of a group is counted, or null
 */
public record DocumentLine(String id, String productId, String description, BigDecimal quantity, long unitPrice,
                           BigDecimal discountPercent, LineTax tax, boolean optional, String group) {

    public DocumentLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(quantity, "quantity");
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
    }

    /** The line as the calculator reads it. */
    public PricedLine priced(boolean counted) {
        return new PricedLine(id, quantity, unitPrice, discountPercent, tax, counted);
    }

    /** Whether a customer chooses it (an optional item or one option of a group) rather than always getting it. */
    public boolean isChoice() {
        return optional || group != null;
    }
}
