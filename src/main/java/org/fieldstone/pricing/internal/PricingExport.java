package org.fieldstone.pricing.internal;

import java.util.function.Consumer;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The company's tax rates, products and services and logo (its image base64, as kept) in its export, before the
 * documents that use them.
 */
@Component
@Order(35)
class PricingExport implements ExportSection {

    @Override
    public String name() {
        return "pricing";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        db.jdbc().sql("SELECT id, name, percent, archived, version FROM tax_rates ORDER BY created_at, id")
                .query((rs, i) -> java.util.Map.of("type", "tax_rate", "id", rs.getString(1), "name", rs.getString(2),
                        "percent", rs.getString(3), "archived", rs.getBoolean(4), "version", rs.getLong(5)))
                .list().forEach(item);
        db.jdbc().sql("SELECT * FROM products ORDER BY created_at, id").query((rs, i) -> {
            java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
            p.put("type", "product");
            p.put("id", rs.getString("id"));
            p.put("kind", rs.getString("kind"));
            p.put("name", rs.getString("name"));
            p.put("description", rs.getString("description"));
            p.put("unitPrice", rs.getLong("unit_price"));
            p.put("taxRateId", rs.getString("tax_rate_id"));
            p.put("unit", rs.getString("unit"));
            p.put("archived", rs.getBoolean("archived"));
            p.put("sku", rs.getString("sku"));
            p.put("unitCost", rs.getObject("unit_cost") == null ? null : rs.getLong("unit_cost"));
            p.put("barcode", rs.getString("barcode"));
            p.put("version", rs.getLong("version"));
            return p;
        }).list().forEach(item);
        db.jdbc().sql("SELECT content_type, sha256, width, height, image, version FROM company_logo ORDER BY id")
                .query((rs, i) -> java.util.Map.of("type", "logo", "contentType", rs.getString(1), "sha256",
                        rs.getString(2), "width", rs.getLong(3), "height", rs.getLong(4), "image", rs.getString(5),
                        "version", rs.getLong(6)))
                .list().forEach(item);
    }
}
