package org.fieldstone.pricing.internal;

import static org.fieldstone.pricing.internal.PricingTables.ARCHIVED;
import static org.fieldstone.pricing.internal.PricingTables.CONTENT_TYPE;
import static org.fieldstone.pricing.internal.PricingTables.HEIGHT;
import static org.fieldstone.pricing.internal.PricingTables.IMAGE;
import static org.fieldstone.pricing.internal.PricingTables.LOGO;
import static org.fieldstone.pricing.internal.PricingTables.LOGO_ID;
import static org.fieldstone.pricing.internal.PricingTables.SHA256;
import static org.fieldstone.pricing.internal.PricingTables.SIZE;
import static org.fieldstone.pricing.internal.PricingTables.WIDTH;
import static org.fieldstone.pricing.internal.PricingTables.DESCRIPTION;
import static org.fieldstone.pricing.internal.PricingTables.KIND;
import static org.fieldstone.pricing.internal.PricingTables.NAME;
import static org.fieldstone.pricing.internal.PricingTables.PERCENT;
import static org.fieldstone.pricing.internal.PricingTables.PRODUCTS;
import static org.fieldstone.pricing.internal.PricingTables.PRODUCT_ARCHIVED;
import static org.fieldstone.pricing.internal.PricingTables.PRODUCT_NAME;
import static org.fieldstone.pricing.internal.PricingTables.TAX_RATES;
import static org.fieldstone.pricing.internal.PricingTables.TAX_RATE_ID;
import static org.fieldstone.pricing.internal.PricingTables.UNIT;
import static org.fieldstone.pricing.internal.PricingTables.UNIT_PRICE;
import static org.fieldstone.pricing.internal.PricingTables.SKU;
import static org.fieldstone.pricing.internal.PricingTables.UNIT_COST;
import static org.fieldstone.pricing.internal.PricingTables.BARCODE;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.Letterhead;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Logo;
import org.fieldstone.pricing.LineTax;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.PricingSettings;
import org.fieldstone.pricing.Product;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.Written;
import org.springframework.stereotype.Service;

/** {@link Pricing} over the one write path and the company's settings. */
@Service
class PricingService implements Pricing {

    /** The company's currency; blank: the currency of the company's country (CHF where it has none). */
    static final CompanySetting<String> CURRENCY = new CompanySetting<>("pricing.currency", Permission.PRICING_MANAGE,
            "", s -> s, s -> s);
    static final CompanySetting<Boolean> TAX_INCLUSIVE = CompanySetting.flag("pricing.tax-inclusive",
            Permission.PRICING_MANAGE, false);
    /** The money permissions the company's users hold, as codes (e.g. {@code quotes:write}), comma-separated. */
    static final CompanySetting<Set<Permission>> USERS_MAY = new CompanySetting<>("pricing.users-may",
            Permission.PRICING_MANAGE, Set.of(Permission.QUOTES_WRITE), PricingService::permissions,
            p -> p.stream().map(Permission::code).sorted().collect(Collectors.joining(",")));
    /** The address printed at the head of the company's documents, lines separated by line breaks. */
    static final CompanySetting<String> ADDRESS = new CompanySetting<>("pricing.address", Permission.PRICING_MANAGE,
            "", s -> s, s -> s);
    /** The VAT or tax number printed on the company's documents. */
    static final CompanySetting<String> TAX_NUMBER = new CompanySetting<>("pricing.tax-number",
            Permission.PRICING_MANAGE, "", s -> s, s -> s);

    /** The id of the tax rate new lines start with; blank: none. */
    static final CompanySetting<String> DEFAULT_TAX_RATE = new CompanySetting<>("pricing.default-tax-rate",
            Permission.PRICING_MANAGE, "", s -> s, s -> s);

    static final int NAME_MAX = 80;
    static final int ADDRESS_MAX = 300;
    static final int ADDRESS_LINES_MAX = 6;
    static final int TAX_NUMBER_MAX = 40;
    static final int DESCRIPTION_MAX = 2_000;
    static final int UNIT_MAX = 16;
    static final long PRICE_MAX = 1_000_000_000_000L;

    private final CompanyDatabases databases;
    private final Companies companies;
    private final CompanySettings settings;
    private final RecordStore store;

    PricingService(CompanyDatabases databases, Companies companies, CompanySettings settings, RecordStore store) {
        this.databases = databases;
        this.companies = companies;
        this.settings = settings;
        this.store = store;
        LogoImages.warmUp();
    }

    // ---- settings and the money policy

    @Override
    public PricingSettings settings(Actor actor) {
        CompanyDatabase db = databases.of(actor.tenant());
        String currency = settings.get(db, CURRENCY);
        if (currency.isBlank()) {
            currency = companies.find(actor.tenant()).map(c -> countryCurrency(c.country())).orElse("CHF");
        }
        return new PricingSettings(currency, settings.get(db, TAX_INCLUSIVE));
    }

    @Override
    public Locale documentLocale(Actor actor) {
        return companies.find(actor.tenant()).map(c -> c.country() == null ? Locale.ENGLISH : Locale.of("en", c.country()))
                .orElse(Locale.ENGLISH);
    }

    static String countryCurrency(String country) {
        try {
            Currency c = country == null ? null : Currency.getInstance(Locale.of("", country));
            return c == null || c.getDefaultFractionDigits() < 0 ? "CHF" : c.getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return "CHF";
        }
    }

    @Override
    public PricingSettings updateSettings(Actor actor, PricingSettings changed) {
        actor.require(Permission.PRICING_MANAGE);
        String currency = Money.code(changed.currency());
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            settings.set(actor, CURRENCY, currency);
            settings.set(actor, TAX_INCLUSIVE, changed.taxInclusive());
            return null;
        });
        return settings(actor);
    }

    @Override
    public Letterhead letterhead(Actor actor) {
        actor.require(Permission.QUOTES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        String name = companies.find(actor.tenant()).map(c -> c.name()).orElse("");
        return new Letterhead(name, settings.get(db, ADDRESS), settings.get(db, TAX_NUMBER), storedLogo(db).orElse(null));
    }

    @Override
    public Letterhead updateLetterhead(Actor actor, String address, String taxNumber) {
        actor.require(Permission.PRICING_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String a = errors.check(() -> address(address));
        String t = errors.check(() -> taxNumber(taxNumber));
        errors.throwIfAny();
        databases.of(actor.tenant()).inTransaction(() -> {
            settings.set(actor, ADDRESS, a);
            settings.set(actor, TAX_NUMBER, t);
            return null;
        });
        return letterhead(actor);
    }

    // ---- the logo

    private record StoredLogo(Logo logo, long version) {
    }

    @Override
    public Optional<Logo> logo(Actor actor) {
        actor.require(Permission.QUOTES_READ);
        return storedLogo(databases.of(actor.tenant()));
    }

    private static Optional<Logo> storedLogo(CompanyDatabase db) {
        return stored(db).map(StoredLogo::logo);
    }

    private static Optional<StoredLogo> stored(CompanyDatabase db) {
        return db.jdbc().sql("SELECT content_type, image, sha256, width, height, version FROM company_logo WHERE id = :id")
                .param("id", LOGO_ID)
                .query((rs, i) -> new StoredLogo(new Logo(rs.getString(1), Base64.getDecoder().decode(rs.getString(2)),
                        rs.getString(3), rs.getInt(4), rs.getInt(5)), rs.getLong(6)))
                .optional();
    }

    @Override
    public Logo updateLogo(Actor actor, byte[] image) {
        actor.require(Permission.PRICING_MANAGE);
        Logo logo = LogoImages.check(image);
        Changes values = Changes.of(LOGO).set(CONTENT_TYPE, logo.contentType())
                .set(IMAGE, Base64.getEncoder().encodeToString(logo.image())).set(SHA256, logo.sha256())
                .set(WIDTH, (long) logo.width()).set(HEIGHT, (long) logo.height()).set(SIZE, (long) logo.size());
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            Optional<StoredLogo> current = stored(db);
            if (current.isEmpty()) {
                store.insert(actor, LOGO_ID, values, "uploaded");
            } else if (!current.get().logo().equals(logo)) {
                store.update(actor, RecordKey.of(LOGO_ID), current.get().version(), values);
            }
            return null;
        });
        return logo;
    }

    @Override
    public void removeLogo(Actor actor) {
        actor.require(Permission.PRICING_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            stored(db).ifPresent(current -> store.delete(actor, LOGO, RecordKey.of(LOGO_ID), current.version(), "removed"));
            return null;
        });
    }

    @Override
    public Set<Permission> usersMay(Actor actor) {
        return settings.get(databases.of(actor.tenant()), USERS_MAY);
    }

    @Override
    public Set<Permission> setUsersMay(Actor actor, Set<Permission> permissions) {
        actor.require(Permission.PRICING_MANAGE);
        if (!MONEY.containsAll(permissions)) {
            throw new InvalidInput("usersMay", Message.of("pricing.refused.users-may"));
        }
        settings.set(actor, USERS_MAY, Set.copyOf(permissions));
        return usersMay(actor);
    }

    @Override
    public Actor withMoneyPolicy(Actor actor) {
        if (actor.role() != Role.USER) {
            return actor;
        }
        EnumSet<Permission> adjusted = EnumSet.noneOf(Permission.class);
        adjusted.addAll(actor.permissions());
        adjusted.removeAll(MONEY);
        adjusted.addAll(usersMay(actor));
        return actor.withPermissions(adjusted);
    }

    private static Set<Permission> permissions(String codes) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (String code : codes.split(",")) {
            for (Permission p : MONEY) {
                if (p.code().equals(code.strip())) {
                    set.add(p);
                }
            }
        }
        return set;
    }

    // ---- tax rates

    @Override
    public List<TaxRate> taxRates(Actor actor) {
        actor.require(Permission.QUOTES_READ);
        return databases.of(actor.tenant()).jdbc()
                .sql("SELECT id, name, percent, archived, version FROM tax_rates ORDER BY archived, lower(name), id")
                .query((rs, i) -> new TaxRate(rs.getString(1), rs.getString(2), new BigDecimal(rs.getString(3)),
                        rs.getBoolean(4), rs.getLong(5))).list();
    }

    @Override
    public TaxRate taxRate(Actor actor, String id) {
        actor.require(Permission.QUOTES_READ);
        return findTaxRate(databases.of(actor.tenant()), id)
                .orElseThrow(() -> new NotFound(Message.of("pricing.thing.tax-rate")));
    }

    @Override
    public Optional<TaxRate> defaultTaxRate(Actor actor) {
        actor.require(Permission.QUOTES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        String id = settings.get(db, DEFAULT_TAX_RATE);
        return id.isBlank() ? Optional.empty() : findTaxRate(db, id).filter(r -> !r.archived());
    }

    @Override
    public void setDefaultTaxRate(Actor actor, String taxRateIdOrBlank) {
        actor.require(Permission.PRICING_MANAGE);
        String id = taxRateIdOrBlank == null ? "" : taxRateIdOrBlank.strip();
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            if (!id.isEmpty()) {
                TaxRate rate = findTaxRate(db, id).orElseThrow(() -> new InvalidInput("defaultTaxRateId",
                        Message.of("pricing.refused.tax-rate-unknown", abbreviate(id))));
                if (rate.archived()) {
                    throw new InvalidInput("defaultTaxRateId", Message.of("pricing.refused.tax-rate-archived", rate.name()));
                }
            }
            if (!settings.get(db, DEFAULT_TAX_RATE).equals(id)) {
                settings.set(actor, DEFAULT_TAX_RATE, id);
            }
            return null;
        });
    }

    private static Optional<TaxRate> findTaxRate(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT id, name, percent, archived, version FROM tax_rates WHERE id = :id").param("id", id)
                .query((rs, i) -> new TaxRate(rs.getString(1), rs.getString(2), new BigDecimal(rs.getString(3)),
                        rs.getBoolean(4), rs.getLong(5))).optional();
    }

    @Override
    public TaxRate createTaxRate(Actor actor, String name, BigDecimal percent) {
        actor.require(Permission.PRICING_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String checkedName = errors.check(() -> name("name", name));
        BigDecimal checkedPercent = errors.check(() -> percent(percent));
        errors.throwIfAny();
        return db.inTransaction(() -> {
            requireFreeName(db, "tax_rates", checkedName, null, "pricing.refused.tax-rate-name-taken");
            return taxRate(store.insert(actor, Changes.of(TAX_RATES).set(NAME, checkedName)
                    .set(PERCENT, checkedPercent.toPlainString()).set(ARCHIVED, false)));
        });
    }

    @Override
    public TaxRate updateTaxRate(Actor actor, String id, long expectedVersion, Change<String> name,
                                 Change<BigDecimal> percent, Change<Boolean> archived) {
        actor.require(Permission.PRICING_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Changes set = Changes.of(TAX_RATES);
        if (name instanceof Change.To<String>(String given)) {
            set.set(NAME, errors.check(() -> name("name", given)));
        }
        if (percent instanceof Change.To<BigDecimal>(BigDecimal given)) {
            set.set(PERCENT, errors.check(() -> percent(given).toPlainString()));
        }
        if (archived instanceof Change.To<Boolean>(Boolean given)) {
            set.set(ARCHIVED, Boolean.TRUE.equals(given));
        }
        errors.throwIfAny();
        return db.inTransaction(() -> {
            taxRate(actor, id);
            if (set.values().get(NAME.name()) instanceof String newName) {
                requireFreeName(db, "tax_rates", newName, id, "pricing.refused.tax-rate-name-taken");
            }
            return taxRate(store.update(actor, RecordKey.of(id), expectedVersion, set));
        });
    }

    @Override
    public Map<String, LineTax> lineTaxes(Actor actor, Collection<String> taxRateIds, Collection<String> keep) {
        Map<String, LineTax> taxes = new LinkedHashMap<>();
        if (taxRateIds.isEmpty()) {
            return taxes;
        }
        CompanyDatabase db = databases.of(actor.tenant());
        for (String id : Set.copyOf(taxRateIds)) {
            TaxRate rate = findTaxRate(db, id).orElseThrow(() -> new InvalidInput("taxRateId",
                    Message.of("pricing.refused.tax-rate-unknown", abbreviate(id))));
            if (rate.archived() && !keep.contains(id)) {
                throw new InvalidInput("taxRateId", Message.of("pricing.refused.tax-rate-archived", rate.name()));
            }
            taxes.put(id, rate.asLineTax());
        }
        return taxes;
    }

    static final BigDecimal QUANTITY_MAX = new BigDecimal("1000000");
    static final int LINE_TEXT_MAX = 2_000;
    static final int GROUP_MAX = 40;

    @Override
    public List<DocumentLine> lines(Actor actor, List<LineInput> given, List<DocumentLine> current,
                                    InvalidInput.Collector errors) {
        if (given.size() > LINES_MAX) {
            errors.add("lineItems", Message.of("pricing.refused.too-many-lines", LINES_MAX));
            return List.of();
        }
        CompanyDatabase db = databases.of(actor.tenant());
        Map<String, DocumentLine> existing = new LinkedHashMap<>();
        current.forEach(l -> existing.put(l.id(), l));
        Map<String, Optional<TaxRate>> rates = new java.util.HashMap<>();
        Map<String, Optional<Product>> products = new java.util.HashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        List<DocumentLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            LineInput in = given.get(i);
            String field = "lineItems[" + i + "]";
            DocumentLine before = in.id() == null ? null : existing.get(in.id().strip());
            String id = before != null && ids.add(before.id()) ? before.id() : newLineId(ids);
            Product product = null;
            String productId = in.productId() == null || in.productId().isBlank() ? null : in.productId().strip();
            if (productId != null) {
                product = products.computeIfAbsent(productId, pid -> findProduct(db, pid)).orElse(null);
                if (product == null) {
                    errors.add(field + ".productId", Message.of("pricing.refused.product-unknown", abbreviate(productId)));
                }
            }
            String description = in.description() != null && !in.description().isBlank() ? in.description().strip()
                    : product == null ? "" : product.description() == null ? product.name()
                    : product.name() + "\n" + product.description();
            if (description.isEmpty()) {
                errors.add(field + ".description", Message.of("pricing.refused.line-description"));
            } else if (description.length() > LINE_TEXT_MAX) {
                errors.add(field + ".description", Message.of("pricing.refused.line-description-too-long", LINE_TEXT_MAX));
            }
            BigDecimal quantity = in.quantity() == null ? BigDecimal.ONE : in.quantity();
            if (quantity.signum() <= 0 || quantity.compareTo(QUANTITY_MAX) > 0 || quantity.stripTrailingZeros().scale() > 3) {
                errors.add(field + ".quantity", Message.of("pricing.refused.line-quantity"));
            }
            Long price = in.unitPrice() != null ? in.unitPrice() : product == null ? null : product.unitPrice();
            if (price == null) {
                errors.add(field + ".unitPrice", Message.of("pricing.refused.line-price-required"));
            } else if (price < 0 || price > PRICE_MAX) {
                errors.add(field + ".unitPrice", Message.of("pricing.refused.unit-price"));
            }
            BigDecimal discount = in.discountPercent() == null ? BigDecimal.ZERO : in.discountPercent();
            if (discount.signum() < 0 || discount.compareTo(BigDecimal.valueOf(100)) > 0
                    || discount.stripTrailingZeros().scale() > 2) {
                errors.add(field + ".discountPercent", Message.of("pricing.refused.percent"));
            }
            String rateId = in.taxRateId() instanceof Change.To<String>(String r) ? (r == null || r.isBlank() ? null : r.strip())
                    : product == null ? null : product.taxRateId();
            LineTax tax = null;
            if (rateId != null) {
                TaxRate rate = rates.computeIfAbsent(rateId, rid -> findTaxRate(db, rid)).orElse(null);
                if (rate == null) {
                    errors.add(field + ".taxRateId", Message.of("pricing.refused.tax-rate-unknown", abbreviate(rateId)));
                } else if (rate.archived() && (before == null || before.tax() == null
                        || !before.tax().taxRateId().equals(rate.id()))) {
                    errors.add(field + ".taxRateId", Message.of("pricing.refused.tax-rate-archived", rate.name()));
                } else {
                    tax = rate.asLineTax();
                }
            }
            String group = in.group() == null || in.group().isBlank() ? null : in.group().strip();
            if (group != null && (group.length() > GROUP_MAX || group.chars().anyMatch(Character::isISOControl))) {
                errors.add(field + ".group", Message.of("pricing.refused.group", GROUP_MAX));
            }
            if (group != null && in.optional()) {
                errors.add(field + ".optional", Message.of("pricing.refused.optional-in-group"));
            }
            lines.add(new DocumentLine(id, product == null ? productId : product.id(), description, quantity,
                    price == null ? 0 : price, discount, tax, in.optional(), group));
        }
        return lines;
    }

    private static String newLineId(Set<String> taken) {
        String id;
        do {
            id = "li_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        } while (!taken.add(id));
        return id;
    }

    private static TaxRate taxRate(Written w) {
        return new TaxRate(w.id(), w.get(NAME), new BigDecimal(w.get(PERCENT)), Boolean.TRUE.equals(w.get(ARCHIVED)),
                w.version());
    }

    static BigDecimal percent(BigDecimal percent) {
        if (percent == null) {
            throw new InvalidInput("percent", Message.of("pricing.refused.tax-percent"));
        }
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0
                || percent.stripTrailingZeros().scale() > 3) {
            throw new InvalidInput("percent", Message.of("pricing.refused.tax-percent"));
        }
        BigDecimal plain = percent.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    // ---- products and services

    @Override
    public Page<Product> products(Actor actor, String search, boolean archived, Page.PageRequest page) {
        actor.require(Permission.QUOTES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(archived ? "1 = 1" : "archived = FALSE");
        if (search != null && !search.isBlank()) {
            where.append(" AND (lower(name) LIKE :q ESCAPE '\\' OR lower(COALESCE(description, '')) LIKE :q ESCAPE '\\')");
            params.put("q", "%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        long total = db.jdbc().sql("SELECT COUNT(*) FROM products WHERE " + where).params(params).query(Long.class).single();
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<Product> items = total == 0 ? List.of() : db.jdbc().sql("SELECT * FROM products WHERE " + where
                        + " ORDER BY lower(name), id LIMIT :limit OFFSET :offset").params(params)
                .query((rs, i) -> product(rs)).list();
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public Page<Product> items(Actor actor, String search, boolean archived, Page.PageRequest page) {
        actor.require(Permission.QUOTES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(archived ? "sku IS NOT NULL" : "sku IS NOT NULL AND archived = FALSE");
        if (search != null && !search.isBlank()) {
            where.append(" AND (lower(name) LIKE :q ESCAPE '\\' OR lower(sku) LIKE :q ESCAPE '\\'"
                    + " OR lower(COALESCE(barcode, '')) LIKE :q ESCAPE '\\')");
            params.put("q", "%" + search.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        long total = db.jdbc().sql("SELECT COUNT(*) FROM products WHERE " + where).params(params).query(Long.class).single();
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<Product> items = total == 0 ? List.of() : db.jdbc().sql("SELECT * FROM products WHERE " + where
                        + " ORDER BY lower(name), id LIMIT :limit OFFSET :offset").params(params)
                .query((rs, i) -> product(rs)).list();
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public Map<String, Product> productsById(Actor actor, Collection<String> ids) {
        actor.require(Permission.QUOTES_READ);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Product> found = new LinkedHashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        CompanyDatabase db = databases.of(actor.tenant());
        for (int from = 0; from < all.size(); from += 500) {
            db.jdbc().sql("SELECT * FROM products WHERE id IN (:ids)")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 500)))
                    .query((rs, i) -> product(rs)).list().forEach(p -> found.put(p.id(), p));
        }
        return found;
    }

    @Override
    public Product product(Actor actor, String id) {
        actor.require(Permission.QUOTES_READ);
        return findProduct(databases.of(actor.tenant()), id)
                .orElseThrow(() -> new NotFound(Message.of("pricing.thing.product")));
    }

    private static Optional<Product> findProduct(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT * FROM products WHERE id = :id").param("id", id).query((rs, i) -> product(rs)).optional();
    }

    private static Product product(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Product(rs.getString("id"), Product.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getString("description"), rs.getLong("unit_price"), rs.getString("tax_rate_id"), rs.getString("unit"),
                rs.getBoolean("archived"), rs.getLong("version"), rs.getString("sku"),
                rs.getObject("unit_cost") == null ? null : rs.getLong("unit_cost"), rs.getString("barcode"));
    }

    @Override
    public Product createProduct(Actor actor, NewProduct product) {
        actor.require(Permission.PRICING_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String name = errors.check(() -> name("name", product.name()));
        String kind = errors.check(() -> kind(product.kind() == null ? "SERVICE" : product.kind()));
        String description = errors.check(() -> description(product.description()));
        Long price = errors.check(() -> price(product.unitPrice()));
        String unit = errors.check(() -> unit(product.unit()));
        String taxRateId = errors.check(() -> taxRateId(db, product.taxRateId()));
        String sku = errors.check(() -> sku(product.sku()));
        Long unitCost = product.unitCost() == null ? null : errors.check(() -> unitCost(product.unitCost()));
        String barcode = errors.check(() -> barcode(product.barcode()));
        errors.throwIfAny();
        return db.inTransaction(() -> {
            requireFreeName(db, "products", name, null, "pricing.refused.product-name-taken");
            requireFreeSku(db, sku, null);
            return product(store.insert(actor, Changes.of(PRODUCTS).set(KIND, kind).set(PRODUCT_NAME, name)
                    .set(DESCRIPTION, description).set(UNIT_PRICE, price).set(TAX_RATE_ID, taxRateId).set(UNIT, unit)
                    .set(PRODUCT_ARCHIVED, false).set(SKU, sku).set(UNIT_COST, unitCost).set(BARCODE, barcode)));
        });
    }

    @Override
    public Product updateProduct(Actor actor, String id, long expectedVersion, ProductChanges changes) {
        actor.require(Permission.PRICING_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Changes set = Changes.of(PRODUCTS);
        if (changes.kind() instanceof Change.To<String>(String v)) {
            set.set(KIND, errors.check(() -> kind(v)));
        }
        if (changes.name() instanceof Change.To<String>(String v)) {
            set.set(PRODUCT_NAME, errors.check(() -> name("name", v)));
        }
        if (changes.description() instanceof Change.To<String>(String v)) {
            set.set(DESCRIPTION, errors.check(() -> description(v)));
        }
        if (changes.unitPrice() instanceof Change.To<Long>(Long v)) {
            set.set(UNIT_PRICE, errors.check(() -> price(v)));
        }
        if (changes.taxRateId() instanceof Change.To<String>(String v)) {
            set.set(TAX_RATE_ID, errors.check(() -> taxRateId(db, v)));
        }
        if (changes.unit() instanceof Change.To<String>(String v)) {
            set.set(UNIT, errors.check(() -> unit(v)));
        }
        if (changes.archived() instanceof Change.To<Boolean>(Boolean v)) {
            set.set(PRODUCT_ARCHIVED, Boolean.TRUE.equals(v));
        }
        if (changes.sku() instanceof Change.To<String>(String v)) {
            set.set(SKU, errors.check(() -> sku(v)));
        }
        if (changes.unitCost() instanceof Change.To<Long>(Long v)) {
            set.set(UNIT_COST, v == null ? null : errors.check(() -> unitCost(v)));
        }
        if (changes.barcode() instanceof Change.To<String>(String v)) {
            set.set(BARCODE, errors.check(() -> barcode(v)));
        }
        errors.throwIfAny();
        return db.inTransaction(() -> {
            product(actor, id);
            if (set.values().get(PRODUCT_NAME.name()) instanceof String newName) {
                requireFreeName(db, "products", newName, id, "pricing.refused.product-name-taken");
            }
            if (set.values().get(SKU.name()) instanceof String newSku) {
                requireFreeSku(db, newSku, id);
            }
            return product(store.update(actor, RecordKey.of(id), expectedVersion, set));
        });
    }

    @Override
    public void deleteProduct(Actor actor, String id, long expectedVersion) {
        actor.require(Permission.PRICING_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            product(actor, id);
            store.delete(actor, PRODUCTS, RecordKey.of(id), expectedVersion);
            return null;
        });
    }

    private static Product product(Written w) {
        return new Product(w.id(), Product.Kind.valueOf(w.get(KIND)), w.get(PRODUCT_NAME), w.get(DESCRIPTION),
                w.get(UNIT_PRICE), w.get(TAX_RATE_ID), w.get(UNIT), Boolean.TRUE.equals(w.get(PRODUCT_ARCHIVED)), w.version(),
                w.get(SKU), w.get(UNIT_COST), w.get(BARCODE));
    }

    // ---- checks

    private static String name(String field, String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidInput(field, Message.of("pricing.refused.name-required"));
        }
        if (n.length() > NAME_MAX || n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(field, Message.of("pricing.refused.name-too-long", NAME_MAX));
        }
        return n;
    }

    /** Up to six lines, each stripped, no other control characters; blank lines dropped. */
    private static String address(String address) {
        List<String> lines = address == null ? List.of()
                : address.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String joined = String.join("\n", lines);
        if (joined.length() > ADDRESS_MAX || lines.size() > ADDRESS_LINES_MAX
                || lines.stream().anyMatch(l -> l.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidInput("address", Message.of("pricing.refused.address", ADDRESS_MAX, ADDRESS_LINES_MAX));
        }
        return joined;
    }

    private static String taxNumber(String taxNumber) {
        String t = taxNumber == null ? "" : taxNumber.strip();
        if (t.length() > TAX_NUMBER_MAX || t.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("taxNumber", Message.of("pricing.refused.tax-number", TAX_NUMBER_MAX));
        }
        return t;
    }

    private static String kind(String kind) {
        try {
            return Product.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", Message.of("pricing.refused.product-kind"));
        }
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.strip().length() > DESCRIPTION_MAX) {
            throw new InvalidInput("description", Message.of("pricing.refused.description-too-long", DESCRIPTION_MAX));
        }
        return description.strip();
    }

    private static Long price(Long price) {
        if (price == null || price < 0 || price > PRICE_MAX) {
            throw new InvalidInput("unitPrice", Message.of("pricing.refused.unit-price"));
        }
        return price;
    }

    static final int SKU_MAX = 40;
    static final int BARCODE_MAX = 64;

    /** Letters, digits and {@code - _ . /}, at most {@link #SKU_MAX}; blank: none (not an inventory item). */
    private static String sku(String sku) {
        if (sku == null || sku.isBlank()) {
            return null;
        }
        String s = sku.strip();
        if (s.length() > SKU_MAX || !s.matches("[\\p{L}\\p{N}._/-]+")) {
            throw new InvalidInput("sku", Message.of("pricing.refused.sku", SKU_MAX));
        }
        return s;
    }

    private static Long unitCost(Long cost) {
        if (cost < 0 || cost > PRICE_MAX) {
            throw new InvalidInput("unitCost", Message.of("pricing.refused.unit-cost"));
        }
        return cost;
    }

    /** Digits, letters and {@code -}, at most {@link #BARCODE_MAX}; blank: none. */
    private static String barcode(String barcode) {
        if (barcode == null || barcode.isBlank()) {
            return null;
        }
        String b = barcode.strip();
        if (b.length() > BARCODE_MAX || !b.matches("[A-Za-z0-9 -]+")) {
            throw new InvalidInput("barcode", Message.of("pricing.refused.barcode", BARCODE_MAX));
        }
        return b;
    }

    /** Another product with this SKU (case-insensitively) is a conflict: 409 naming the other product. */
    private static void requireFreeSku(CompanyDatabase db, String sku, String exceptId) {
        if (sku == null) {
            return;
        }
        db.jdbc().sql("SELECT id, name, sku FROM products WHERE lower(sku) = :sku")
                .param("sku", sku.toLowerCase(Locale.ROOT))
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list().stream()
                .filter(r -> !r[0].equals(exceptId)).findFirst().ifPresent(r -> {
                    throw new org.fieldstone.shared.Conflict(Message.of("pricing.refused.sku-taken", r[2], abbreviate(r[1])));
                });
    }

    private static String unit(String unit) {
        if (unit == null || unit.isBlank()) {
            return null;
        }
        if (unit.strip().length() > UNIT_MAX || unit.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("unit", Message.of("pricing.refused.unit", UNIT_MAX));
        }
        return unit.strip();
    }

    private static String taxRateId(CompanyDatabase db, String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        TaxRate rate = findTaxRate(db, id.strip()).orElseThrow(() -> new InvalidInput("taxRateId",
                Message.of("pricing.refused.tax-rate-unknown", abbreviate(id))));
        if (rate.archived()) {
            throw new InvalidInput("taxRateId", Message.of("pricing.refused.tax-rate-archived", rate.name()));
        }
        return rate.id();
    }

    private static void requireFreeName(CompanyDatabase db, String table, String name, String exceptId, String refusal) {
        List<String> taken = db.jdbc().sql("SELECT id, name FROM " + table).query((rs, i) ->
                rs.getString(2).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                        && !rs.getString(1).equals(exceptId) ? rs.getString(1) : null).list();
        if (taken.stream().anyMatch(java.util.Objects::nonNull)) {
            throw new InvalidInput("name", Message.of(refusal, name));
        }
    }

    static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
