package org.fieldstone.pricing;

import static org.fieldstone.shared.web.FormText.at;
import static org.fieldstone.shared.web.FormText.blank;
import static org.fieldstone.shared.web.FormText.blankToNull;
import static org.fieldstone.shared.web.FormText.text;
import static org.fieldstone.shared.web.FormText.values;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;

/**
 * One line of a document editor (quotes, invoices) as typed: the price in the currency's major unit ({@code 12.50}), the line's discount
 * in percent, its tax rate ({@value #PRODUCT_RATE}: the product's, none without one; {@value #NO_TAX}: none), whether
 * it is an optional item and its option group. Rows arrive as parallel parameters, removed rows by index.
 */
public record TypedLine(String lineId, String productId, String description, String quantity, String unitPrice,
                    String discountPercent, String taxRateId, boolean optional, String group, boolean removed) {

    public static final String PRODUCT_RATE = "";
    public static final String NO_TAX = "none";

    public static TypedLine empty() {
        return new TypedLine("", "", "", "1", "", "", PRODUCT_RATE, false, "", false);
    }

    public static TypedLine of(DocumentLine l, String currency) {
        return new TypedLine(l.id(), text(l.productId()), l.description(), l.quantity().stripTrailingZeros().toPlainString(),
                Money.of(l.unitPrice(), currency).plain(),
                l.discountPercent().signum() == 0 ? "" : l.discountPercent().stripTrailingZeros().toPlainString(),
                l.tax() == null ? NO_TAX : l.tax().taxRateId(), l.optional(), text(l.group()), false);
    }

    /** The rows as submitted, without those marked for removal and those left empty. */
    public static List<TypedLine> from(HttpServletRequest request) {
        String[] ids = values(request, "lineId");
        String[] products = values(request, "productId");
        String[] descriptions = values(request, "description");
        String[] quantities = values(request, "quantity");
        String[] prices = values(request, "unitPrice");
        String[] discounts = values(request, "lineDiscount");
        String[] taxes = values(request, "taxRateId");
        String[] kinds = values(request, "choice");
        String[] groups = values(request, "group");
        Set<String> removed = Set.of(values(request, "remove"));
        List<TypedLine> rows = new ArrayList<>();
        for (int i = 0; i < descriptions.length; i++) {
            TypedLine row = new TypedLine(at(ids, i), at(products, i), at(descriptions, i), at(quantities, i),
                    at(prices, i), at(discounts, i), at(taxes, i), "optional".equals(at(kinds, i)), at(groups, i),
                    removed.contains(String.valueOf(i)));
            if (!row.removed() && !row.isEmpty()) {
                rows.add(row);
            }
        }
        return rows;
    }

    public boolean isEmpty() {
        return blank(productId) && blank(description) && blank(unitPrice);
    }

    /**
     * The line as the document takes it; what cannot be read as a number goes into {@code errors} under
     * {@code lineItems[i].field} (as the services name their own) and is left to the product or the default.
     */
    public LineInput input(int i, String currency, InvalidInput.Collector errors) {
        String field = "lineItems[" + i + "].";
        BigDecimal qty = decimal(errors, field + "quantity", quantity, Message.of("pricing.refused.line-quantity"));
        Long price = null;
        if (!blank(unitPrice)) {
            price = errors.check(() -> Money.parse(field + "unitPrice", unitPrice, currency).amount());
        }
        BigDecimal discount = decimal(errors, field + "discountPercent", discountPercent, Message.of("pricing.refused.percent"));
        Change<String> tax = blank(taxRateId) ? Change.keep() : Change.to(NO_TAX.equals(taxRateId) ? null : taxRateId.strip());
        return new LineInput(blankToNull(lineId), blankToNull(productId), blankToNull(description), qty, price, discount,
                tax, optional, blankToNull(group));
    }

    private static BigDecimal decimal(InvalidInput.Collector errors, String field, String text, Message refusal) {
        if (blank(text)) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace("'", "").replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.add(field, refusal);
            return null;
        }
    }
}
