package org.fieldstone.jobs.web;

import static org.fieldstone.shared.web.FormText.at;
import static org.fieldstone.shared.web.FormText.values;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * One row of the line items form as typed: the price in the currency's major unit ({@code 12.50}), kept in minor
 * units. Rows arrive as parallel parameters ({@code kind}, {@code description}, …) and removed rows by index.
 */
record LineItemRow(int index, String kind, String description, String quantity, String unitPrice, String taxRate,
                   boolean removed) {

    static LineItemRow empty() {
        return new LineItemRow(0, "WORK", "", "1", "", "0", false);
    }

    static LineItemRow of(LineItem li) {
        return new LineItemRow(0, li.kind().name(), li.description(), li.quantity().stripTrailingZeros().toPlainString(),
                money(li.unitPrice()), li.taxRate().stripTrailingZeros().toPlainString(), false);
    }

    static List<LineItemRow> from(HttpServletRequest request) {
        String[] kinds = values(request, "kind");
        String[] descriptions = values(request, "description");
        String[] quantities = values(request, "quantity");
        String[] prices = values(request, "unitPrice");
        String[] taxes = values(request, "taxRate");
        Set<String> removed = Set.of(values(request, "remove"));
        List<LineItemRow> rows = new ArrayList<>();
        for (int i = 0; i < descriptions.length; i++) {
            rows.add(new LineItemRow(i, at(kinds, i), at(descriptions, i), at(quantities, i), at(prices, i), at(taxes, i),
                    removed.contains(String.valueOf(i))));
        }
        return rows;
    }

    boolean isEmpty() {
        return description.isBlank() && unitPrice.isBlank();
    }

    LineItem lineItem() {
        LineItem.Kind k;
        try {
            k = LineItem.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("lineItems", Message.of("jobs.refused.line-kind-form"));
        }
        BigDecimal qty = decimal(quantity.isBlank() ? "1" : quantity, Message.of("jobs.refused.line-number.quantity"));
        BigDecimal price = decimal(unitPrice.isBlank() ? "0" : unitPrice, Message.of("jobs.refused.line-number.price"));
        BigDecimal tax = decimal(taxRate.isBlank() ? "0" : taxRate, Message.of("jobs.refused.line-number.tax-rate"));
        return new LineItem(k, description.strip(), qty, price.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact(), tax);
    }

    /** Gross of a line: net plus its tax, rounded half-up to minor units. */
    static long gross(LineItem li) {
        return BigDecimal.valueOf(li.net()).multiply(BigDecimal.ONE.add(li.taxRate().movePointLeft(2)))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static String money(long minor) {
        return BigDecimal.valueOf(minor).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private BigDecimal decimal(String text, Message what) {
        try {
            return new BigDecimal(text.strip().replace("'", ""));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInput("lineItems", Message.of("jobs.refused.line-number", index + 1, what, text.strip()));
        }
    }

}
