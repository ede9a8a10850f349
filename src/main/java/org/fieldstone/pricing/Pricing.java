package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;

/**
 * The company's prices, taxes and money policy. Reading needs {@code quotes:read} (every role has it); changing
 * {@code pricing:manage} (admins).
 */
public interface Pricing {

    /** The permissions a company may give to or take from its users (the {@code USER} role): quotes, invoices, payments. */
    Set<Permission> MONEY = Set.of(Permission.QUOTES_WRITE, Permission.INVOICES_WRITE, Permission.PAYMENTS_RECORD);

    PricingSettings settings(Actor actor);

    /** Changes the currency (new documents take it) and whether prices include tax (pricing:manage). */
    PricingSettings updateSettings(Actor actor, PricingSettings settings);

    /** Who the company's documents come from: its name, address and tax number as printed on quotes and invoices. */
    Letterhead letterhead(Actor actor);

    /**
     * The language a document is printed in when the request names none: English with the number format of the
     * company's country, rather than whatever the server's default happens to be, so every machine prints the same.
     */
    java.util.Locale documentLocale(Actor actor);

    /**
     * Changes the address and tax number printed on documents (pricing:manage); the name is the company's own. Blank
     * removes them.
     */
    Letterhead updateLetterhead(Actor actor, String address, String taxNumber);

    /** The logo printed at the head of the company's documents, if it has one ({@code quotes:read}). */
    java.util.Optional<Logo> logo(Actor actor);

    /**
     * Sets the logo printed on documents ({@code pricing:manage}): a PNG or JPEG of at most {@link Logo#MAX_BYTES}
     * bytes and {@link Logo#MAX_SIDE} pixels a side that decodes; anything else is refused as the field {@code logo}.
     * The audit trail names the image by its SHA-256, not its bytes.
     */
    Logo updateLogo(Actor actor, byte[] image);

    /** Removes the logo ({@code pricing:manage}); a company without one is left as it is. */
    void removeLogo(Actor actor);

    /** Which of {@link #MONEY} the company's users hold (default: quotes only). */
    Set<Permission> usersMay(Actor actor);

    /** Gives the company's users exactly these of {@link #MONEY} (pricing:manage). */
    Set<Permission> setUsersMay(Actor actor, Set<Permission> permissions);

    /**
     * The actor as the company's money policy sees it: a user ({@code USER} role) holds the {@link #MONEY} permissions
     * the company gives its users, no more and no fewer; other roles are as their role says. Every service that handles
     * money acts with this actor, so the write path checks the same permissions.
     */
    Actor withMoneyPolicy(Actor actor);

    List<TaxRate> taxRates(Actor actor);

    /**
     * The company's default tax rate ({@code quotes:read}): the one the editors preselect on a new line. None where
     * the company chose none, or where the rate chosen has been archived since.
     */
    java.util.Optional<TaxRate> defaultTaxRate(Actor actor);

    /**
     * Sets the default tax rate by its id, blank or null for none ({@code pricing:manage}); an unknown id (another
     * company's too) or an archived rate is refused as the field {@code defaultTaxRateId}. Audited as a setting.
     */
    void setDefaultTaxRate(Actor actor, String taxRateIdOrBlank);

    TaxRate taxRate(Actor actor, String id);

    TaxRate createTaxRate(Actor actor, String name, BigDecimal percent);

    TaxRate updateTaxRate(Actor actor, String id, long expectedVersion, Change<String> name, Change<BigDecimal> percent,
                          Change<Boolean> archived);

    /**
     * The taxes of a document's lines by rate id, as a line keeps them; an unknown id, or an archived rate not already
     * on the document ({@code keep}), is refused as the field's error.
     */
    Map<String, LineTax> lineTaxes(Actor actor, Collection<String> taxRateIds, Collection<String> keep);

    /** The most lines a document has. */
    int LINES_MAX = 200;

    /**
     * Checks a document's lines as sent: every problem goes into {@code errors} under {@code lineItems[i].field}, so
     * all are shown at once. A line with the id of one of {@code current} keeps it (and, if archived since, its tax
     * rate); a product fills in what the line leaves out. The tax of each line is the rate's name and percent now.
     */
    List<DocumentLine> lines(Actor actor, List<LineInput> given, List<DocumentLine> current,
                             org.fieldstone.shared.InvalidInput.Collector errors);

    Page<Product> products(Actor actor, String search, boolean archived, Page.PageRequest page);

    Product product(Actor actor, String id);

    Product createProduct(Actor actor, NewProduct product);

    Product updateProduct(Actor actor, String id, long expectedVersion, ProductChanges changes);

    void deleteProduct(Actor actor, String id, long expectedVersion);

    /**
     * The inventory's items: the company's products that have a SKU ({@link Product#isItem()}), by name; {@code search}
     * matches name, SKU and barcode ({@code quotes:read}).
     */
    Page<Product> items(Actor actor, String search, boolean archived, Page.PageRequest page);

    /** The products of these ids the company has (others are left out), by id ({@code quotes:read}). */
    Map<String, Product> productsById(Actor actor, Collection<String> ids);

    /** A new product or service; unitPrice and unitCost in minor units; sku makes it an inventory item. */
    record NewProduct(String kind, String name, String description, Long unitPrice, String taxRateId, String unit,
                      String sku, Long unitCost, String barcode) {

        public NewProduct(String kind, String name, String description, Long unitPrice, String taxRateId, String unit) {
            this(kind, name, description, unitPrice, taxRateId, unit, null, null, null);
        }
    }

    /** Changes of a product; {@link Change#keep()} leaves a field alone. */
    record ProductChanges(Change<String> kind, Change<String> name, Change<String> description, Change<Long> unitPrice,
                          Change<String> taxRateId, Change<String> unit, Change<Boolean> archived, Change<String> sku,
                          Change<Long> unitCost, Change<String> barcode) {

        public ProductChanges {
            sku = sku == null ? Change.keep() : sku;
            unitCost = unitCost == null ? Change.keep() : unitCost;
            barcode = barcode == null ? Change.keep() : barcode;
        }

        public ProductChanges(Change<String> kind, Change<String> name, Change<String> description, Change<Long> unitPrice,
                              Change<String> taxRateId, Change<String> unit, Change<Boolean> archived) {
            this(kind, name, description, unitPrice, taxRateId, unit, archived, null, null, null);
        }
    }
}
