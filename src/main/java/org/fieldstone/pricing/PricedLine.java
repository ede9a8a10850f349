package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a quote, job or invoice as the {@link TotalsCalculator} reads it.
 *
 * @param quantity        positive, up to 3 decimals
 * @param unitPrice       in minor units (in a company whose prices include tax: including it)
 * @param discountPercent the line's own discount, 0 to 100 (0: none)
 * @param tax             the line's tax, or null for none
 * @param counted         whether the line counts towards the totals: an optional item the customer did not tick, or
 *                        an option of a group that was not chosen, is shown with its price but not counted
 */
public record PricedLine(String id, BigDecimal quantity, long unitPrice, BigDecimal discountPercent, LineTax tax,
                         boolean counted) {

    public PricedLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(quantity, "quantity");
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
    }
}
