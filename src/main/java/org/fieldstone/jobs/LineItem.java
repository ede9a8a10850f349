package org.fieldstone.jobs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A line of work or parts; it becomes an invoice line later.
 *
 * @param unitPrice in minor units of the company's currency (cents)
 * @param taxRate   percent, e.g. 8.1
 */
public record LineItem(Kind kind, String description, BigDecimal quantity, long unitPrice, BigDecimal taxRate) {

    public enum Kind { WORK, PART }

    /** Quantity × unit price, before tax, rounded half-up to minor units. */
    public long net() {
        return quantity.multiply(BigDecimal.valueOf(unitPrice)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
