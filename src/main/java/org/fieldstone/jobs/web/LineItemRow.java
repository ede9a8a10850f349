package org.fieldstone.jobs.web;

import static org.fieldstone.shared.web.FormText.at;
import static org.fieldstone.shared.web.FormText.values;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.shared.Message;

/**
 * One row of the line items form as typed: the price in the currency's major unit ({@code 12.50}), kept in minor
 * units. Rows arrive as parallel parameters ({@code kind}, {@code description}, …) and removed rows by index.
 */
record LineItemRow(int index, String kind, String description, String quantity, String unitPrice, String taxRate,
                   boolean removed) {

    /** A blank row; {@code taxRate} the percent it starts with (the company's default rate's). */
    static LineItemRow empty(String taxRate) {
        return new LineItemRow(0, "WORK", "", "1", "", taxRate, false);
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

    /**
     * The line items of the rows to keep (not removed, not empty), every value that is not a number or kind reported
     * at once under {@code lineItems[i].field}, {@code i} the row's index on the form; such a value is stood in for by
     * a valid one so that the rest of the row can still be checked.
     */
    static Parsed parse(List<LineItemRow> rows) {
        List<LineItem> items = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        Map<String, Message> errors = new LinkedHashMap<>();
        for (LineItemRow row : rows) {
            if (row.removed() || row.isEmpty()) {
                continue;
            }
            String field = "lineItems[" + row.index() + "].";
            LineItem.Kind k;
            try {
                k = LineItem.Kind.valueOf(row.kind().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put(field + "kind", Message.of("jobs.refused.line-kind-form"));
                k = LineItem.Kind.WORK;
            }
            BigDecimal qty = row.decimal(row.quantity(), "1", field + "quantity",
                    Message.of("jobs.refused.line-number.quantity"), errors);
            BigDecimal price = row.decimal(row.unitPrice(), "0", field + "unitPrice",
                    Message.of("jobs.refused.line-number.price"), errors);
            BigDecimal tax = row.decimal(row.taxRate(), "0", field + "taxRate",
                    Message.of("jobs.refused.line-number.tax-rate"), errors);
            long minor;
            try {
                minor = price.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
            } catch (ArithmeticException e) {
                errors.put(field + "unitPrice", Message.of("jobs.refused.line-price"));
                minor = 0;
            }
            items.add(new LineItem(k, row.description().strip(), qty, minor, tax));
            rowOf.add(row.index());
        }
        return new Parsed(items, rowOf, errors);
    }

    /** The line items to save, the form row each came from, and what could not be read. */
    record Parsed(List<LineItem> items, List<Integer> rowOf, Map<String, Message> errors) {

        private static final Pattern ITEM_FIELD = Pattern.compile("^lineItems\\[(\\d+)](.*)$");

        /** A field of the service ({@code lineItems[k].x}, k a position in {@link #items}) as the form's row. */
        String formField(String field) {
            Matcher m = ITEM_FIELD.matcher(field);
            if (!m.matches()) {
                return field;
            }
            int k = Integer.parseInt(m.group(1));
            return k < rowOf.size() ? "lineItems[" + rowOf.get(k) + "]" + m.group(2) : field;
        }
    }

    /** Gross of a line: net plus its tax, rounded half-up to minor units. */
    static long gross(LineItem li) {
        return BigDecimal.valueOf(li.net()).multiply(BigDecimal.ONE.add(li.taxRate().movePointLeft(2)))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static String money(long minor) {
        return BigDecimal.valueOf(minor).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private BigDecimal decimal(String text, String blank, String field, Message what, Map<String, Message> errors) {
        String typed = text.isBlank() ? blank : text.strip();
        try {
            return new BigDecimal(typed.replace("'", ""));
        } catch (NumberFormatException | ArithmeticException e) {
            errors.put(field, Message.of("jobs.refused.line-number", index + 1, what, typed));
            return new BigDecimal(blank);
        }
    }

}
