package org.fieldstone.jobs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A line of work or parts; it becomes an invoice line later.
 *
 * @param unitPrice       in minor units of the company's currency (cents)
 * @param taxRate         percent, e.g. 8.1
 * @param taxRateId       the company's tax rate it was chosen from ({@code pricing}), or null for a line that names only
 *                        a percent (the invoice then takes the company's rate of that percent)
 * @param discountPercent the line's own discount, 0–100 (a line from a quote keeps the quote's)
 */
public record LineItem(Kind kind, String description, BigDecimal quantity, long unitPrice, BigDecimal taxRate,
                       String taxRateId, BigDecimal discountPercent) {

    public enum Kind { WORK, PART }

    public LineItem {
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
    }

    /** A line with a tax percent and no discount. */
    public LineItem(Kind kind, String description, BigDecimal quantity, long unitPrice, BigDecimal taxRate) {
        this(kind, description, quantity, unitPrice, taxRate, null, BigDecimal.ZERO);
    }

    /** Quantity × unit price less the line's discount, before tax, each rounded half-up to minor units. */
    public long net() {
        long amount = quantity.multiply(BigDecimal.valueOf(unitPrice)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long discount = BigDecimal.valueOf(amount).multiply(discountPercent).movePointLeft(2)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        return amount - discount;
    }
}
