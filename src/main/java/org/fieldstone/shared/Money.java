package org.fieldstone.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money: integer minor units of an ISO 4217 currency (SPEC §2) — cents of CHF, EUR and USD, whole yen of
 * JPY, which has no minor unit. Arithmetic never mixes currencies and never loses a minor unit silently: the only
 * rounding is {@link #times(BigDecimal)} and {@link #percent(BigDecimal)}, half-up to the minor unit (the commercial
 * convention; a half is rounded away from zero), done once per document line by the totals calculator.
 *
 * @param amount   in minor units (may be negative: a refund, a credit)
 * @param currency the ISO 4217 code, e.g. {@code CHF}
 */
public record Money(long amount, String currency) implements Comparable<Money> {

    private static final Pattern CODE = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern DECIMAL = Pattern.compile("^-?\\d{1,15}([.,]\\d+)?$");

    public Money {
        currency = code(currency);
    }

    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /**
     * An amount typed in the currency's major unit ("12.50", "12,50", "1200" yen): more decimals than the currency
     * has, or anything but a number, is refused as {@code field}'s error.
     */
    public static Money parse(String field, String text, String currency) {
        String code = code(currency);
        String typed = text == null ? "" : text.strip().replace("'", "").replace(" ", "");
        if (!DECIMAL.matcher(typed).matches()) {
            throw new InvalidInput(field, Message.of("shared.refused.money", currency));
        }
        BigDecimal major = new BigDecimal(typed.replace(',', '.'));
        int digits = minorDigits(code);
        if (major.stripTrailingZeros().scale() > digits) {
            throw new InvalidInput(field, Message.of("shared.refused.money-digits", code, digits));
        }
        return new Money(major.movePointRight(digits).longValueExact(), code);
    }

    /** A currency code Fieldstone accepts: ISO 4217 with a defined minor unit (not XAU, XXX …). */
    public static String code(String currency) {
        Objects.requireNonNull(currency, "currency");
        String code = currency.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw new InvalidInput("currency", Message.of("shared.refused.currency", currency));
        }
        try {
            if (Currency.getInstance(code).getDefaultFractionDigits() < 0) {
                throw new InvalidInput("currency", Message.of("shared.refused.currency", currency));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("currency", Message.of("shared.refused.currency", currency));
        }
        return code;
    }

    /** How many decimals the currency's minor unit has: 2 for CHF, EUR, USD; 0 for JPY. */
    public static int minorDigits(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    public int minorDigits() {
        return minorDigits(currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amount, same(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(amount, same(other).amount), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amount), currency);
    }

    /** This amount times a quantity, rounded half-up to the minor unit. */
    public Money times(BigDecimal quantity) {
        return new Money(roundHalfUp(BigDecimal.valueOf(amount).multiply(quantity)), currency);
    }

    /** {@code percent} % of this amount, rounded half-up to the minor unit. */
    public Money percent(BigDecimal percent) {
        return new Money(roundHalfUp(BigDecimal.valueOf(amount).multiply(percent).movePointLeft(2)), currency);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return amount == 0;
    }

    public boolean isNegative() {
        return amount < 0;
    }

    public boolean isPositive() {
        return amount > 0;
    }

    /** The amount in the major unit, e.g. {@code 12.50} for 1250 CHF cents, {@code 1200} for 1200 yen. */
    public BigDecimal toMajor() {
        return BigDecimal.valueOf(amount, minorDigits());
    }

    /** The amount as typed into a form: major unit, the currency's decimals, no grouping ({@code 1234.50}). */
    public String plain() {
        return toMajor().toPlainString();
    }

    /** The amount for people: currency code, grouping and decimals of {@code locale} ({@code CHF 1,234.50}). */
    public String format(Locale locale) {
        NumberFormat number = NumberFormat.getNumberInstance(locale);
        number.setMinimumFractionDigits(minorDigits());
        number.setMaximumFractionDigits(minorDigits());
        number.setRoundingMode(RoundingMode.UNNECESSARY);
        return currency + "\u00a0" + number.format(toMajor());
    }

    /** Rounds half-up (a half away from zero) to a whole minor unit. */
    public static long roundHalfUp(BigDecimal minorUnits) {
        return minorUnits.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(amount, same(other).amount);
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Money of " + currency + " and " + other.currency + " do not mix");
        }
        return other;
    }

    @Override
    public String toString() {
        return currency + " " + plain();
    }
}
