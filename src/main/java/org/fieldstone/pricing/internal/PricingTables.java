package org.fieldstone.pricing.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.RecordType;

/** The pricing module's tables as the one write path sees them. */
final class PricingTables {

    static final Column<String> NAME = Column.of("name", String.class);
    /** A decimal as text, e.g. {@code 8.1}. */
    static final Column<String> PERCENT = Column.of("percent", String.class);
    static final Column<Boolean> ARCHIVED = Column.of("archived", Boolean.class);

    static final RecordType TAX_RATES = RecordType.of("tax_rates", "tax_rate", Permission.PRICING_MANAGE, null,
            NAME, PERCENT, ARCHIVED);

    /** A {@link org.fieldstone.pricing.Product.Kind}'s name. */
    static final Column<String> KIND = Column.of("kind", String.class);
    static final Column<String> PRODUCT_NAME = Column.of("name", String.class);
    static final Column<String> DESCRIPTION = Column.of("description", String.class);
    static final Column<Long> UNIT_PRICE = Column.of("unit_price", Long.class);
    static final Column<String> TAX_RATE_ID = Column.of("tax_rate_id", String.class);
    static final Column<String> UNIT = Column.of("unit", String.class);
    static final Column<Boolean> PRODUCT_ARCHIVED = Column.of("archived", Boolean.class);

    /** An inventory item's stock-keeping unit (unique per company, case-insensitively), or null. */
    static final Column<String> SKU = Column.of("sku", String.class);
    /** What one costs the company, minor units, or null. */
    static final Column<Long> UNIT_COST = Column.of("unit_cost", Long.class);
    static final Column<String> BARCODE = Column.of("barcode", String.class);

    static final RecordType PRODUCTS = RecordType.of("products", "product", Permission.PRICING_MANAGE, null,
            KIND, PRODUCT_NAME, DESCRIPTION, UNIT_PRICE, TAX_RATE_ID, UNIT, PRODUCT_ARCHIVED, SKU, UNIT_COST, BARCODE);

    /** The one row of {@link #LOGO}. */
    static final String LOGO_ID = "logo";
    static final Column<String> CONTENT_TYPE = Column.of("content_type", String.class);
    /**
     * The image, base64. Kept out of the audit trail as a secret's value is, being bulky rather than secret: the trail
     * names the image by {@link #SHA256} and its size instead.
     */
    static final Column<String> IMAGE = Column.of("image", String.class).secret();
    static final Column<String> SHA256 = Column.of("sha256", String.class);
    static final Column<Long> WIDTH = Column.of("width", Long.class);
    static final Column<Long> HEIGHT = Column.of("height", Long.class);
    static final Column<Long> SIZE = Column.of("size_bytes", Long.class);

    /** The company's logo, printed at the head of its documents: one row, {@link #LOGO_ID}, or none. */
    static final RecordType LOGO = RecordType.of("company_logo", "logo", Permission.PRICING_MANAGE, null,
            CONTENT_TYPE, IMAGE, SHA256, WIDTH, HEIGHT, SIZE);

    private PricingTables() {
    }
}
