package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How documents keep their lines: a JSON array inside a sealed column, read and written only here. */
public final class DocumentLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Stored>> STORED = new TypeReference<>() {
    };

    private DocumentLines() {
    }

    record Stored(String id, String productId, String description, String quantity, long unitPrice,
                  String discountPercent, String taxRateId, String taxName, String taxPercent, boolean optional,
                  String group) {
    }

    public static String toJson(List<DocumentLine> lines) {
        return JSON.writeValueAsString(lines.stream().map(l -> new Stored(l.id(), l.productId(), l.description(),
                l.quantity().toPlainString(), l.unitPrice(), l.discountPercent().toPlainString(),
                l.tax() == null ? null : l.tax().taxRateId(), l.tax() == null ? null : l.tax().name(),
                l.tax() == null ? null : l.tax().percent().toPlainString(), l.optional(), l.group())).toList());
    }

    public static List<DocumentLine> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return JSON.readValue(json, STORED).stream().map(s -> new DocumentLine(s.id(), s.productId(), s.description(),
                new BigDecimal(s.quantity()), s.unitPrice(),
                s.discountPercent() == null ? BigDecimal.ZERO : new BigDecimal(s.discountPercent()),
                s.taxRateId() == null ? null : new LineTax(s.taxRateId(), s.taxName(), new BigDecimal(s.taxPercent())),
                s.optional(), s.group())).toList();
    }
}
