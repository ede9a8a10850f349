package org.fieldstone.inventory;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Quantities of stock are kept as whole thousandths of the item's unit in a {@code long} (2.5 m of pipe: 2500;
 * 3 pieces: 3000): exact sums, any unit, and the API shows them as decimals with up to three places.
 */
public final class Quantities {

    /** The largest quantity one movement moves: one million units. */
    public static final long MAX = 1_000_000_000L;

    private Quantities() {
    }

    /** A decimal with at most three places as thousandths; more places are refused by the caller (null here). */
    public static Long fromDecimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal scaled = value.movePointRight(3);
        try {
            return scaled.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    public static BigDecimal toDecimal(long thousandths) {
        BigDecimal d = BigDecimal.valueOf(thousandths, 3).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
