package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.api.JsonFields;

/**
 * What the REST APIs of quotes and invoices read and answer alike: line items, discounts and deposits as sent, money
 * as {@code {"amount": <minor units>, "currency": "CHF"}}, the figures of the totals calculator.
 */
public final class DocumentJson {

    /** The fields of a line item as sent. */
    public static final Set<String> LINE_FIELDS = Set.of("id", "productId", "description", "quantity", "unitPrice",
            "discountPercent", "taxRateId", "optional", "group");
    /** What a line item answers besides, which a client may send back unchanged. */
    public static final Set<String> LINE_READ_ONLY = Set.of("taxName", "taxPercent", "counted", "amount", "total");

    private DocumentJson() {
    }

    public record MoneyJson(long amount, String currency) {
        public static MoneyJson of(Money m) {
            return m == null ? null : new MoneyJson(m.amount(), m.currency());
        }
    }

    public record LineJson(String id, String productId, String description, BigDecimal quantity, long unitPrice,
                           BigDecimal discountPercent, String taxRateId, String taxName, BigDecimal taxPercent,
                           boolean optional, String group, boolean counted, MoneyJson amount, MoneyJson total) {
        public static List<LineJson> of(List<DocumentLine> lines, Totals totals) {
            List<LineJson> json = new ArrayList<>();
            for (DocumentLine l : lines) {
                Totals.Line t = totals.line(l.id()).orElseThrow();
                json.add(new LineJson(l.id(), l.productId(), l.description(), l.quantity(), l.unitPrice(),
                        l.discountPercent(), l.tax() == null ? null : l.tax().taxRateId(),
                        l.tax() == null ? null : l.tax().name(), l.tax() == null ? null : l.tax().percent(), l.optional(),
                        l.group(), t.counted(), MoneyJson.of(t.amount()), MoneyJson.of(t.net())));
            }
            return json;
        }
    }

    public record TaxJson(String taxRateId, String name, BigDecimal percent, MoneyJson base, MoneyJson tax) {
        public static List<TaxJson> of(Totals totals) {
            return totals.taxes().stream().map(t -> new TaxJson(t.taxRateId(), t.name(), t.percent(),
                    MoneyJson.of(t.base()), MoneyJson.of(t.tax()))).toList();
        }
    }

    /** The line items of a body, when sent; each line's errors are the {@code lineItems[i].field}'s. */
    public static Change<List<LineInput>> lines(JsonFields f) {
        if (!(f.objects("lineItems", union(LINE_FIELDS, LINE_READ_ONLY)) instanceof Change.To<List<JsonFields>>(List<JsonFields> given))) {
            return Change.keep();
        }
        List<LineInput> lines = new ArrayList<>();
        for (JsonFields line : given == null ? List.<JsonFields>of() : given) {
            Change<String> taxRateId = line.has("taxRateId") ? line.text("taxRateId") : Change.keep();
            lines.add(new LineInput(JsonFields.valueOf(line.text("id")), JsonFields.valueOf(line.text("productId")),
                    JsonFields.valueOf(line.text("description")), decimal(line, "quantity"),
                    minorUnits(line, "unitPrice"), decimal(line, "discountPercent"), taxRateId,
                    line.bool("optional") instanceof Change.To<Boolean>(Boolean o) && Boolean.TRUE.equals(o),
                    JsonFields.valueOf(line.text("group"))));
        }
        return Change.to(lines);
    }

    /**
     * A discount or deposit sent as {@code <name>Percent} or {@code <name>Amount} (minor units): {@link Change#keep()}
     * when neither is present, none when the one present is null or 0.
     */
    public static Change<Discount> discount(JsonFields f, String name) {
        String percent = name + "Percent";
        String amount = name + "Amount";
        if (!f.has(percent) && !f.has(amount)) {
            return Change.keep();
        }
        BigDecimal p = decimal(f, percent);
        BigDecimal a = decimal(f, amount);
        try {
            return Change.to(Discount.of(p != null ? percent : amount, p, a));
        } catch (org.fieldstone.shared.InvalidInput e) {
            e.fieldMessages().forEach(f::reject);
            return Change.keep();
        }
    }

    public static BigDecimal percentOf(Discount d) {
        return d != null && d.kind() == Discount.Kind.PERCENT ? d.value() : null;
    }

    public static Long amountOf(Discount d) {
        return d != null && d.kind() == Discount.Kind.AMOUNT ? d.value().longValueExact() : null;
    }

    /** The field names a discount or deposit is sent as. */
    public static Set<String> discountFields(String name) {
        return Set.of(name + "Percent", name + "Amount");
    }

    /** A JSON number (or numeric text) as a decimal; anything else is the field's error; absent or null: null. */
    public static BigDecimal decimal(JsonFields f, String field) {
        String text = JsonFields.valueOf(f.decimal(field));
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            f.reject(field, Message.of("pricing.refused.number"));
            return null;
        }
    }

    /** A whole number of minor units; a fraction or anything else is the field's error. */
    public static Long minorUnits(JsonFields f, String field) {
        BigDecimal value = decimal(f, field);
        if (value == null) {
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            f.reject(field, Message.of("pricing.refused.minor-units"));
            return null;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
