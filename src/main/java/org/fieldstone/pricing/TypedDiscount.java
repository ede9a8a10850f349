package org.fieldstone.pricing;

import java.math.BigDecimal;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;

/**
 * A document's discount or deposit as an editor shows and reads it: a kind ({@code percent} or {@code amount}) and a
 * value, an amount typed in the currency's major unit. Quotes' and invoices' editors share it.
 */
public final class TypedDiscount {

    private TypedDiscount() {
    }

    /** What was typed under {@code field}, or null for blank; a value that cannot be read is refused on the field. */
    public static Discount read(String field, String kind, String value, String currency) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if ("amount".equals(kind)) {
            return Discount.of(field, null, BigDecimal.valueOf(Money.parse(field, value, currency).amount()));
        }
        try {
            return Discount.of(field, new BigDecimal(value.strip().replace(',', '.')), null);
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, Message.of("pricing.refused.percent"));
        }
    }

    public static String kind(Discount d) {
        return d != null && d.kind() == Discount.Kind.AMOUNT ? "amount" : "percent";
    }

    public static String value(Discount d, String currency) {
        if (d == null) {
            return "";
        }
        return d.kind() == Discount.Kind.AMOUNT ? Money.of(d.value().longValueExact(), currency).plain()
                : d.value().stripTrailingZeros().toPlainString();
    }
}
