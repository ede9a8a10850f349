package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.util.Locale;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;

/**
 * A discount of a whole document, or a deposit asked for: a percent of the amount it applies to, or an amount in
 * minor units (never more than that amount). Kept as text {@code percent:10} or {@code amount:5000}.
 */
public record Discount(Kind kind, BigDecimal value) {

    public enum Kind { PERCENT, AMOUNT }

    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Discount {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        if (kind == Kind.PERCENT && value.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("over 100 %: " + value);
        }
        if (kind == Kind.AMOUNT && value.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("not whole minor units: " + value);
        }
    }

    public static Discount percent(BigDecimal percent) {
        return new Discount(Kind.PERCENT, percent);
    }

    public static Discount amount(long minorUnits) {
        return new Discount(Kind.AMOUNT, BigDecimal.valueOf(minorUnits));
    }

    /** What this takes off (or asks for) of {@code of}: half-up to the minor unit, never more than {@code of}. */
    public Money of(Money of) {
        Money taken = kind == Kind.PERCENT ? of.percent(value) : Money.of(value.longValueExact(), of.currency());
        return taken.min(of.max(Money.zero(of.currency())));
    }

    /** As kept: {@code percent:10}, {@code amount:5000}. */
    public String format() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + value.stripTrailingZeros().toPlainString();
    }

    /** From {@link #format()}; null or blank is none. */
    public static Discount parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        int colon = stored.indexOf(':');
        return new Discount(Kind.valueOf(stored.substring(0, colon).toUpperCase(Locale.ROOT)),
                new BigDecimal(stored.substring(colon + 1)));
    }

    /**
     * Reads a discount or deposit as sent: a percent (0–100, up to 2 decimals) or an amount (whole minor units, not
     * negative); both at once, or anything else, is {@code field}'s error.
     */
    public static Discount of(String field, BigDecimal percent, BigDecimal amount) {
        if (percent != null && amount != null) {
            throw new InvalidInput(field, Message.of("pricing.refused.discount-both"));
        }
        if (percent != null) {
            if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0 || percent.stripTrailingZeros().scale() > 2) {
                throw new InvalidInput(field, Message.of("pricing.refused.percent"));
            }
            return percent.signum() == 0 ? null : percent(percent);
        }
        if (amount != null) {
            if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0 || amount.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0) {
                throw new InvalidInput(field, Message.of("pricing.refused.amount"));
            }
            return amount.signum() == 0 ? null : amount(amount.longValueExact());
        }
        return null;
    }
}
