package org.fieldstone.inventory.internal;

import static org.fieldstone.inventory.internal.InventoryTables.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.inventory.Inventory;
import org.fieldstone.inventory.Location;
import org.fieldstone.inventory.MovementType;
import org.fieldstone.inventory.Quantities;
import org.fieldstone.inventory.Reorder;
import org.fieldstone.inventory.StockLevel;
import org.fieldstone.inventory.StockMovement;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobChanges;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.Visits;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
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

/** {@link Inventory} over pricing's products, the one write path and the ledger's sums. */
@Service
class InventoryService implements Inventory {

    /** Whether stock may go below zero; off by default, so the last unit is taken once. */
    static final CompanySetting<Boolean> ALLOW_NEGATIVE = CompanySetting.flag("inventory.allow-negative-stock",
            Permission.INVENTORY_MANAGE, false);

    static final int NAME_MAX = 80;
    static final int REASON_MAX = 500;
    static final int SUPPLIER_MAX = 120;
    static final long COST_MAX = 1_000_000_000_000L;

    private final CompanyDatabases databases;
    private final RecordStore store;
    private final CompanySettings settings;
    private final Pricing pricing;
    private final Jobs jobs;
    private final Visits visits;
    private final Crews crews;
    private final Team team;
    private final Companies companies;
    private final Clock clock;

    InventoryService(CompanyDatabases databases, RecordStore store, CompanySettings settings, Pricing pricing, Jobs jobs,
                     Visits visits, Crews crews, Team team, Companies companies, Clock clock) {
        this.databases = databases;
        this.store = store;
        this.settings = settings;
        this.pricing = pricing;
        this.jobs = jobs;
        this.visits = visits;
        this.crews = crews;
        this.team = team;
        this.companies = companies;
        this.clock = clock;
    }

    // ---- items ------------------------------------------------------------------------------------------------

    @Override
    public Page<Product> items(Actor actor, String search, boolean archived, Page.PageRequest page) {
        actor.require(Permission.JOBS_READ);
        return pricing.items(actor, search, archived, page);
    }

    @Override
    public Product item(Actor actor, String id) {
        actor.require(Permission.JOBS_READ);
        Product p = pricing.product(actor, id);
        if (!p.isItem()) {
            throw new NotFound(Message.of("inventory.thing.item"));
        }
        return p;
    }

    @Override
    public Product createItem(Actor actor, Pricing.NewProduct item) {
        actor.require(Permission.INVENTORY_MANAGE);
        if (item.sku() == null || item.sku().isBlank()) {
            throw new InvalidInput("sku", Message.of("inventory.refused.sku-required"));
        }
        return pricing.createProduct(actor, new Pricing.NewProduct(item.kind() == null ? "PRODUCT" : item.kind(),
                item.name(), item.description(), item.unitPrice(), item.taxRateId(), item.unit(), item.sku(),
                item.unitCost(), item.barcode()));
    }

    @Override
    public Product updateItem(Actor actor, String id, long expectedVersion, Pricing.ProductChanges changes) {
        actor.require(Permission.INVENTORY_MANAGE);
        if (changes.sku() instanceof Change.To<String>(String sku) && (sku == null || sku.isBlank())) {
            throw new InvalidInput("sku", Message.of("inventory.refused.sku-required"));
        }
        item(actor, id);
        return pricing.updateProduct(actor, id, expectedVersion, changes);
    }

    @Override
    public List<Product> importItems(Actor actor, String csv) {
        actor.require(Permission.INVENTORY_MANAGE);
        List<CsvRows.Row> rows;
        try {
            rows = CsvRows.parse(csv == null ? "" : csv);
        } catch (CsvRows.Unterminated e) {
            throw new InvalidInput("lines[" + e.line + "]", Message.of("inventory.refused.csv-quote"));
        }
        List<String> header = List.of(ITEMS_CSV_HEADER.split(","));
        if (rows.isEmpty() || !rows.getFirst().cells().stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList()
                .equals(header)) {
            throw new InvalidInput("lines[1]", Message.of("inventory.refused.csv-header", ITEMS_CSV_HEADER));
        }
        if (rows.size() == 1) {
            throw new InvalidInput("lines[2]", Message.of("inventory.refused.csv-empty"));
        }
        if (rows.size() - 1 > IMPORT_MAX_ROWS) {
            throw new InvalidInput("lines[" + rows.get(IMPORT_MAX_ROWS + 1).line() + "]",
                    Message.of("inventory.refused.csv-too-many", IMPORT_MAX_ROWS));
        }
        int digits = java.util.Currency.getInstance(pricing.settings(actor).currency()).getDefaultFractionDigits();
        Map<String, String> rates = new LinkedHashMap<>();
        pricing.taxRates(actor).stream().filter(r -> !r.archived())
                .forEach(r -> rates.put(r.name().strip().toLowerCase(Locale.ROOT), r.id()));
        Map<String, Message> errors = new LinkedHashMap<>();
        List<Pricing.NewProduct> items = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            String at = "lines[" + row.line() + "].";
            if (row.cells().size() != header.size()) {
                errors.put(at.substring(0, at.length() - 1), Message.of("inventory.refused.csv-columns", header.size(),
                        row.cells().size()));
                continue;
            }
            List<String> c = row.cells();
            Long cost = money(c.get(3), digits, at + "unit_cost", errors, false);
            Long price = money(c.get(4), digits, at + "unit_price", errors, true);
            String rate = blankToNull(c.get(5));
            String rateId = rate == null ? null : rates.get(rate.toLowerCase(Locale.ROOT));
            if (rate != null && rateId == null) {
                errors.put(at + "tax_rate", Message.of("inventory.refused.csv-tax-rate", rate));
            }
            if (blankToNull(c.get(0)) == null) {
                errors.put(at + "sku", Message.of("inventory.refused.sku-required"));
            }
            items.add(new Pricing.NewProduct("PRODUCT", c.get(1), blankToNull(c.get(7)), price, rateId,
                    blankToNull(c.get(2)), blankToNull(c.get(0)), cost, blankToNull(c.get(6))));
            lines.add(row.line());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            List<Product> created = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String at = "lines[" + lines.get(i) + "].";
                try {
                    created.add(pricing.createProduct(actor, items.get(i)));
                } catch (InvalidInput e) {
                    e.fieldMessages().forEach((field, message) -> errors.put(at + csvColumn(field), message));
                } catch (Conflict e) {
                    errors.put(at + "sku", e.message());
                }
            }
            if (!errors.isEmpty()) {
                // the whole file or nothing: the rows written so far roll back with this
                throw new InvalidInput(errors);
            }
            return created;
        });
    }

    /** The CSV column of a field of the products API. */
    private static String csvColumn(String field) {
        return switch (field) {
            case "unitCost" -> "unit_cost";
            case "unitPrice" -> "unit_price";
            case "taxRateId" -> "tax_rate";
            default -> field;
        };
    }

    /** An amount in the major unit ({@code 12.50}) as minor units; blank is null unless required. */
    private static Long money(String text, int digits, String field, Map<String, Message> errors, boolean required) {
        String t = blankToNull(text);
        if (t == null) {
            if (required) {
                errors.put(field, Message.of("inventory.refused.csv-money"));
            }
            return null;
        }
        try {
            if (t.length() > 20) {
                throw new NumberFormatException();
            }
            BigDecimal amount = new BigDecimal(t).movePointRight(Math.max(digits, 0));
            long minor = amount.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
            if (minor < 0) {
                throw new NumberFormatException();
            }
            return minor;
        } catch (NumberFormatException | ArithmeticException e) {
            errors.put(field, Message.of("inventory.refused.csv-money"));
            return null;
        }
    }

    // ---- locations --------------------------------------------------------------------------------------------

    @Override
    public List<Location> locations(Actor actor, boolean archived) {
        actor.require(Permission.JOBS_READ);
        return databases.of(actor.tenant()).jdbc().sql("SELECT * FROM stock_locations"
                        + (archived ? "" : " WHERE archived = FALSE") + " ORDER BY kind DESC, lower(name), id")
                .query((rs, i) -> location(rs)).list();
    }

    @Override
    public Location location(Actor actor, String id) {
        actor.require(Permission.JOBS_READ);
        return findLocation(databases.of(actor.tenant()), id, false)
                .orElseThrow(() -> new NotFound(Message.of("inventory.thing.location")));
    }

    private static Optional<Location> findLocation(CompanyDatabase db, String id, boolean lock) {
        if (id == null) {
            return Optional.empty();
        }
        String forUpdate = lock && "postgresql".equals(db.engine()) ? " FOR UPDATE" : "";
        return db.jdbc().sql("SELECT * FROM stock_locations WHERE id = :id" + forUpdate).param("id", id)
                .query((rs, i) -> location(rs)).optional();
    }

    private static Location location(java.sql.ResultSet rs) throws java.sql.SQLException {
        String user = rs.getString("user_id");
        return new Location(rs.getString("id"), Location.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                user == null ? null : new UserId(java.util.UUID.fromString(user)), rs.getString("crew_id"),
                rs.getBoolean("archived"), rs.getLong("version"));
    }

    private static Location location(Written w) {
        String user = w.get(USER_ID);
        return new Location(w.id(), Location.Kind.valueOf(w.get(LOCATION_KIND)), w.get(LOCATION_NAME),
                user == null ? null : new UserId(java.util.UUID.fromString(user)), w.get(CREW_ID),
                Boolean.TRUE.equals(w.get(ARCHIVED)), w.version());
    }

    @Override
    public Location createLocation(Actor actor, NewLocation location) {
        actor.require(Permission.INVENTORY_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String name = errors.check(() -> name(location.name()));
        Location.Kind kind = errors.check(() -> kind(location.kind()));
        String userId = blankToNull(location.userId());
        String crewId = blankToNull(location.crewId());
        if (kind == Location.Kind.WAREHOUSE && (userId != null || crewId != null)) {
            errors.add("userId", Message.of("inventory.refused.warehouse-owner"));
        }
        if (kind == Location.Kind.VAN && (userId == null) == (crewId == null)) {
            errors.add("userId", Message.of("inventory.refused.van-owner"));
        }
        if (userId != null) {
            try {
                userId = team.get(actor, UserId.parse(userId)).id().toString();
            } catch (NotFound e) {
                errors.add("userId", Message.of("inventory.refused.user-unknown"));
            }
        }
        if (crewId != null) {
            try {
                crewId = crews.get(actor, crewId).id();
            } catch (NotFound e) {
                errors.add("crewId", Message.of("inventory.refused.crew-unknown"));
            }
        }
        errors.throwIfAny();
        String user = userId;
        String crew = crewId;
        return db.inTransaction(() -> {
            requireFreeLocationName(db, name, null);
            return location(store.insert(actor, Changes.of(LOCATIONS).set(LOCATION_KIND, kind.name())
                    .set(LOCATION_NAME, name).set(USER_ID, user).set(CREW_ID, crew).set(ARCHIVED, false)));
        });
    }

    @Override
    public Location updateLocation(Actor actor, String id, long expectedVersion, Change<String> name,
                                   Change<Boolean> archived) {
        actor.require(Permission.INVENTORY_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        Changes set = Changes.of(LOCATIONS);
        if (name instanceof Change.To<String>(String n)) {
            set.set(LOCATION_NAME, name(n));
        }
        if (archived instanceof Change.To<Boolean>(Boolean a)) {
            set.set(ARCHIVED, Boolean.TRUE.equals(a));
        }
        return db.inTransaction(() -> {
            location(actor, id);
            if (set.values().get(LOCATION_NAME.name()) instanceof String newName) {
                requireFreeLocationName(db, newName, id);
            }
            boolean archiving = Boolean.TRUE.equals(set.values().get(ARCHIVED.name()));
            return location(store.change(actor, RecordKey.of(id), expectedVersion, set,
                    archiving ? "archived" : set.values().containsKey(ARCHIVED.name()) ? "restored" : "updated"));
        });
    }

    private static void requireFreeLocationName(CompanyDatabase db, String name, String exceptId) {
        boolean taken = db.jdbc().sql("SELECT id FROM stock_locations WHERE lower(name) = :name")
                .param("name", name.toLowerCase(Locale.ROOT)).query(String.class).list().stream()
                .anyMatch(id -> !id.equals(exceptId));
        if (taken) {
            throw new InvalidInput("name", Message.of("inventory.refused.location-name-taken", name));
        }
    }

    // ---- stock ------------------------------------------------------------------------------------------------

    @Override
    public List<StockLevel> stockBefore(Actor actor, java.time.Instant before) {
        actor.require(Permission.JOBS_READ);
        return levels(databases.of(actor.tenant()), null, null, before);
    }

    @Override
    public List<StockLevel> stock(Actor actor, String itemId, String locationId) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        if (itemId != null) {
            item(actor, itemId);
        }
        if (locationId != null) {
            location(actor, locationId);
        }
        if (itemId != null && locationId != null) {
            return List.of(new StockLevel(itemId, locationId, quantity(db, itemId, locationId)));
        }
        return levels(db, itemId, locationId, null);
    }

    /**
     * The sum of the movements of each item at each location, narrowed to an item and/or a location and to the
     * movements recorded before an instant where given (null: not narrowed).
     */
    private static List<StockLevel> levels(CompanyDatabase db, String itemId, String locationId,
                                           java.time.Instant before) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder in = new StringBuilder("to_location_id IS NOT NULL");
        StringBuilder out = new StringBuilder("from_location_id IS NOT NULL");
        if (itemId != null) {
            params.put("item", itemId);
            in.append(" AND item_id = :item");
            out.append(" AND item_id = :item");
        }
        if (locationId != null) {
            params.put("location", locationId);
            in.append(" AND to_location_id = :location");
            out.append(" AND from_location_id = :location");
        }
        if (before != null) {
            params.put("before", before.toEpochMilli());
            in.append(" AND created_at < :before");
            out.append(" AND created_at < :before");
        }
        return db.jdbc().sql("SELECT item_id, location_id, SUM(q) FROM ("
                        + "SELECT item_id, to_location_id AS location_id, quantity AS q FROM stock_movements WHERE " + in
                        + " UNION ALL SELECT item_id, from_location_id AS location_id, -quantity AS q FROM stock_movements"
                        + " WHERE " + out + ") m GROUP BY item_id, location_id ORDER BY location_id, item_id")
                .params(params).query((rs, i) -> new StockLevel(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** One item's stock at one location: two sums read from the covering indexes. */
    static long quantity(CompanyDatabase db, String itemId, String locationId) {
        Long in = db.jdbc().sql("SELECT COALESCE(SUM(quantity), 0) FROM stock_movements"
                        + " WHERE to_location_id = :location AND item_id = :item")
                .param("location", locationId).param("item", itemId).query(Long.class).single();
        Long out = db.jdbc().sql("SELECT COALESCE(SUM(quantity), 0) FROM stock_movements"
                        + " WHERE from_location_id = :location AND item_id = :item")
                .param("location", locationId).param("item", itemId).query(Long.class).single();
        return in - out;
    }

    /** How much of an item a job used and has not returned, by the ledger. */
    private static long usedOnJob(CompanyDatabase db, String jobId, String itemId) {
        return db.jdbc().sql("SELECT COALESCE(SUM(CASE WHEN type = 'USE' THEN quantity ELSE -quantity END), 0)"
                        + " FROM stock_movements WHERE job_id = :job AND item_id = :item AND type IN ('USE', 'RETURN')")
                .param("job", jobId).param("item", itemId).query(Long.class).single();
    }

    @Override
    public StockMovement record(Actor actor, NewMovement given) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        MovementType type = errors.check(() -> type(given.type()));
        Long quantity = given.quantity();
        if (quantity == null || quantity == 0 || Math.abs(quantity) > Quantities.MAX
                || (quantity < 0 && type != MovementType.ADJUST)) {
            errors.add("quantity", Message.of(type == MovementType.ADJUST ? "inventory.refused.adjust-quantity"
                    : "inventory.refused.quantity", Quantities.toDecimal(Quantities.MAX)));
        }
        String fromId = blankToNull(given.fromLocationId());
        String toId = blankToNull(given.toLocationId());
        String jobId = blankToNull(given.jobId());
        String reason = errors.check(() -> text("reason", given.reason(), REASON_MAX));
        String supplier = errors.check(() -> text("supplier", given.supplier(), SUPPLIER_MAX));
        Long unitCost = given.unitCost();
        if (unitCost != null && (unitCost < 0 || unitCost > COST_MAX)) {
            errors.add("unitCost", Message.of("inventory.refused.unit-cost"));
        }
        if (type != null) {
            boolean needsFrom = type == MovementType.TRANSFER || type == MovementType.USE;
            boolean needsTo = type != MovementType.USE;
            if (needsFrom && fromId == null) {
                errors.add("fromLocationId", Message.of("inventory.refused.location-required"));
            }
            if (!needsFrom && fromId != null) {
                errors.add("fromLocationId", Message.of("inventory.refused.location-not-expected", type.name()));
            }
            if (needsTo && toId == null) {
                errors.add("toLocationId", Message.of("inventory.refused.location-required"));
            }
            if (!needsTo && toId != null) {
                errors.add("toLocationId", Message.of("inventory.refused.location-not-expected", type.name()));
            }
            if (type == MovementType.TRANSFER && fromId != null && fromId.equals(toId)) {
                errors.add("toLocationId", Message.of("inventory.refused.same-location"));
            }
            if (type == MovementType.USE && jobId == null) {
                errors.add("jobId", Message.of("inventory.refused.job-required"));
            }
            if (jobId != null && type != MovementType.USE && type != MovementType.RETURN) {
                errors.add("jobId", Message.of("inventory.refused.job-not-expected", type.name()));
            }
            if (type == MovementType.ADJUST && reason == null) {
                errors.add("reason", Message.of("inventory.refused.reason-required"));
            }
            if (type != MovementType.RECEIVE && (supplier != null || unitCost != null)) {
                errors.add(supplier != null ? "supplier" : "unitCost", Message.of("inventory.refused.receive-only"));
            }
        }
        if (blankToNull(given.itemId()) == null) {
            errors.add("itemId", Message.of("inventory.refused.item-required"));
        }
        errors.throwIfAny();
        // who may: managers anything; a technician USE and RETURN from a job only, on their own job and van
        boolean manager = actor.can(Permission.INVENTORY_MANAGE);
        if (!manager && (type != MovementType.USE && !(type == MovementType.RETURN && jobId != null))) {
            throw new Forbidden(Message.of("inventory.refused.manage-only"));
        }
        Product item = item(actor, given.itemId().strip());
        Location from = fromId == null ? null : location(actor, fromId);
        Location to = toId == null ? null : location(actor, toId);
        for (Location l : new Location[] {from, to}) {
            if (l != null && l.archived()) {
                throw new Conflict(Message.of("inventory.refused.location-archived", l.name()));
            }
        }
        Job job = jobId == null ? null : jobs.get(actor, jobId);
        if (!manager) {
            Location van = type == MovementType.USE ? from : to;
            if (!isOwnVan(actor, van)) {
                throw new Forbidden(Message.of("inventory.refused.own-van-only"));
            }
            if (!isOwnJob(actor, job)) {
                throw new Forbidden(Message.of("inventory.refused.own-job-only"));
            }
        }
        long q = quantity;
        return db.inTransaction(() -> {
            // lock the locations named, in the order of their ids, so two movements never wait on each other crosswise
            TreeSet<String> ids = new TreeSet<>();
            if (from != null) {
                ids.add(from.id());
            }
            if (to != null) {
                ids.add(to.id());
            }
            Map<String, long[]> locked = new LinkedHashMap<>();
            for (String id : ids) {
                long[] versionAndCount = db.jdbc().sql("SELECT version, movements FROM stock_locations WHERE id = :id"
                                + ("postgresql".equals(db.engine()) ? " FOR UPDATE" : ""))
                        .param("id", id).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
                locked.put(id, versionAndCount);
            }
            String watched = type == MovementType.USE || type == MovementType.TRANSFER ? from.id() : to.id();
            if (given.expectedLocationVersion() != null && locked.get(watched)[0] != given.expectedLocationVersion()) {
                throw new VersionConflict(Message.of("tenancy.record.stock_location"), locked.get(watched)[0]);
            }
            if (type == MovementType.RETURN && jobId != null && usedOnJob(db, jobId, item.id()) < q) {
                throw new Conflict(Message.of("inventory.refused.return-more-than-used",
                        Quantities.toDecimal(usedOnJob(db, jobId, item.id())), item.name()));
            }
            Written w = store.insert(actor, MOVEMENTS_TYPE, java.util.UUID.randomUUID().toString(),
                    Changes.of(MOVEMENTS_TYPE).set(TYPE, type.name()).set(ITEM_ID, item.id()).set(QUANTITY, q)
                            .set(FROM_LOCATION_ID, from == null ? null : from.id())
                            .set(TO_LOCATION_ID, to == null ? null : to.id()).set(JOB_ID, jobId).set(REASON, reason)
                            .set(SUPPLIER, supplier).set(UNIT_COST, unitCost).values(),
                    type.name().toLowerCase(Locale.ROOT));
            for (var e : locked.entrySet()) {
                store.change(actor, RecordKey.of(e.getKey()), e.getValue()[0],
                        Changes.of(LOCATION_LEDGER).set(MOVEMENTS, e.getValue()[1] + 1), "stock-moved");
            }
            // stock leaves `from` (or, adjusted down, `to`): refused below zero unless the company allows it
            String leaving = from != null ? from.id() : q < 0 ? to.id() : null;
            if (leaving != null && !settings.get(db, ALLOW_NEGATIVE)) {
                long left = quantity(db, item.id(), leaving);
                if (left < 0) {
                    throw new Conflict(Message.of("inventory.refused.not-enough-stock", item.name(),
                            Quantities.toDecimal(left + (from != null ? q : -q)), Quantities.toDecimal(Math.abs(q))));
                }
            }
            if (job != null) {
                changeJobLines(actor, job, item, type == MovementType.USE ? q : -q);
            }
            return movement(w);
        });
    }

    /**
     * A USE adds the item to the job's lines — increasing the quantity of the job's line of this product (a PART line
     * with its name, price and tax rate) or adding one —, a RETURN takes it off again (the line goes at zero); the
     * line's price and tax are the product's now. In the movement's transaction, so both are written or neither.
     */
    private void changeJobLines(Actor actor, Job seen, Product item, long delta) {
        // read again under the locations' locks: a movement of the same van before this one may have changed it
        Job job = jobs.get(actor, seen.id());
        List<LineItem> lines = new ArrayList<>(job.lineItems());
        BigDecimal change = Quantities.toDecimal(delta);
        int found = -1;
        for (int i = lines.size() - 1; i >= 0; i--) {
            LineItem l = lines.get(i);
            if (l.kind() == LineItem.Kind.PART && l.description().equals(item.name()) && l.unitPrice() == item.unitPrice()
                    && java.util.Objects.equals(l.taxRateId(), item.taxRateId())) {
                found = i;
                break;
            }
        }
        if (found < 0 && delta < 0) {
            return; // the office changed the line meanwhile: the ledger keeps the return, the job its lines
        }
        if (found < 0) {
            lines.add(new LineItem(LineItem.Kind.PART, item.name(), change, item.unitPrice(), BigDecimal.ZERO,
                    item.taxRateId(), BigDecimal.ZERO));
        } else {
            LineItem l = lines.get(found);
            BigDecimal q = l.quantity().add(change);
            if (q.signum() <= 0) {
                lines.remove(found);
            } else {
                lines.set(found, new LineItem(l.kind(), l.description(), q.stripTrailingZeros(), l.unitPrice(),
                        l.taxRate(), l.taxRateId(), l.discountPercent()));
            }
        }
        jobs.update(actor, job.id(), job.version(), new JobChanges(null, null, null, null, Change.to(lines), null, null));
    }

    private boolean isOwnVan(Actor actor, Location van) {
        if (van == null || van.kind() != Location.Kind.VAN || actor.userId().isEmpty()) {
            return false;
        }
        UserId me = actor.userId().get();
        return me.equals(van.userId()) || (van.crewId() != null && crews.crewIdsOf(actor.tenant(), me).contains(van.crewId()));
    }

    /** Assigned to the actor, to one of their crews, or one of its visits to them. */
    private boolean isOwnJob(Actor actor, Job job) {
        if (job == null || actor.userId().isEmpty()) {
            return false;
        }
        UserId me = actor.userId().get();
        if (job.assignees().contains(me)) {
            return true;
        }
        if (job.crewId() != null && crews.crewIdsOf(actor.tenant(), me).contains(job.crewId())) {
            return true;
        }
        return visits.visits(actor, job.id()).stream().anyMatch(v -> v.assignees().contains(me));
    }

    private static StockMovement movement(Written w) {
        return new StockMovement(w.id(), MovementType.valueOf(w.get(TYPE)), w.get(ITEM_ID), w.get(QUANTITY),
                w.get(FROM_LOCATION_ID), w.get(TO_LOCATION_ID), w.get(JOB_ID), w.get(REASON), w.get(SUPPLIER),
                w.get(UNIT_COST), w.createdAt(), w.createdBy());
    }

    private static StockMovement movement(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StockMovement(rs.getString("id"), MovementType.valueOf(rs.getString("type")), rs.getString("item_id"),
                rs.getLong("quantity"), rs.getString("from_location_id"), rs.getString("to_location_id"),
                rs.getString("job_id"), rs.getString("reason"), rs.getString("supplier"),
                rs.getObject("unit_cost") == null ? null : rs.getLong("unit_cost"),
                java.time.Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"));
    }

    @Override
    public Page<StockMovement> movements(Actor actor, MovementQuery query, Page.PageRequest page) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (query.itemId() != null) {
            where.append(" AND item_id = :item");
            params.put("item", query.itemId());
        }
        if (query.locationId() != null) {
            where.append(" AND (from_location_id = :location OR to_location_id = :location)");
            params.put("location", query.locationId());
        }
        if (query.jobId() != null) {
            where.append(" AND job_id = :job");
            params.put("job", query.jobId());
        }
        if (query.type() != null) {
            where.append(" AND type = :type");
            params.put("type", query.type().name());
        }
        ZoneId zone = companies.find(actor.tenant()).map(org.fieldstone.tenancy.Company::timeZone).orElse(ZoneId.of("UTC"));
        if (query.from() != null) {
            where.append(" AND created_at >= :from");
            params.put("from", query.from().atStartOfDay(zone).toInstant().toEpochMilli());
        }
        if (query.to() != null) {
            where.append(" AND created_at < :to");
            params.put("to", query.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        }
        long total = db.jdbc().sql("SELECT COUNT(*) FROM stock_movements WHERE " + where).params(params)
                .query(Long.class).single();
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<StockMovement> items = total == 0 ? List.of() : db.jdbc().sql("SELECT * FROM stock_movements WHERE " + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset").params(params)
                .query((rs, i) -> movement(rs)).list();
        return new Page<>(items, page.page(), page.size(), total);
    }

    // ---- settings, thresholds, reordering ---------------------------------------------------------------------

    @Override
    public boolean allowsNegativeStock(Actor actor) {
        actor.require(Permission.JOBS_READ);
        return settings.get(databases.of(actor.tenant()), ALLOW_NEGATIVE);
    }

    @Override
    public void setAllowsNegativeStock(Actor actor, boolean allowed) {
        actor.require(Permission.INVENTORY_MANAGE);
        settings.set(actor, ALLOW_NEGATIVE, allowed);
    }

    @Override
    public void setThreshold(Actor actor, String itemId, String locationId, long minimum) {
        actor.require(Permission.INVENTORY_MANAGE);
        if (minimum < 0 || minimum > Quantities.MAX) {
            throw new InvalidInput("minimum", Message.of("inventory.refused.minimum", Quantities.toDecimal(Quantities.MAX)));
        }
        Product item = item(actor, itemId);
        Location location = location(actor, locationId);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            record Current(String id, long version) {
            }
            Optional<Current> current = db.jdbc().sql("SELECT id, version FROM stock_thresholds"
                            + " WHERE item_id = :item AND location_id = :location")
                    .param("item", item.id()).param("location", location.id())
                    .query((rs, i) -> new Current(rs.getString(1), rs.getLong(2))).optional();
            if (current.isEmpty()) {
                if (minimum > 0) {
                    store.insert(actor, Changes.of(THRESHOLDS).set(THRESHOLD_ITEM_ID, item.id())
                            .set(THRESHOLD_LOCATION_ID, location.id()).set(MINIMUM, minimum));
                }
            } else if (minimum == 0) {
                store.delete(actor, THRESHOLDS, RecordKey.of(current.get().id()), current.get().version());
            } else {
                store.update(actor, RecordKey.of(current.get().id()), current.get().version(),
                        Changes.of(THRESHOLDS).set(MINIMUM, minimum));
            }
            return null;
        });
    }

    @Override
    public List<Reorder> toReorder(Actor actor) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        record Threshold(String itemId, String locationId, long minimum) {
        }
        List<Threshold> thresholds = db.jdbc().sql("SELECT item_id, location_id, minimum FROM stock_thresholds")
                .query((rs, i) -> new Threshold(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
        if (thresholds.isEmpty()) {
            return List.of();
        }
        Map<String, Product> items = pricing.productsById(actor, thresholds.stream().map(Threshold::itemId).toList());
        Map<String, Location> locations = new LinkedHashMap<>();
        locations(actor, false).forEach(l -> locations.put(l.id(), l));
        List<Reorder> reorder = new ArrayList<>();
        for (Threshold t : thresholds) {
            Product p = items.get(t.itemId());
            Location l = locations.get(t.locationId());
            if (p == null || p.archived() || l == null) {
                continue;
            }
            long q = quantity(db, t.itemId(), t.locationId());
            if (q < t.minimum()) {
                reorder.add(new Reorder(p.id(), p.name(), p.sku(), l.id(), l.name(), q, t.minimum()));
            }
        }
        reorder.sort(Comparator.comparing((Reorder r) -> r.locationName().toLowerCase(Locale.ROOT))
                .thenComparing(r -> r.itemName().toLowerCase(Locale.ROOT)));
        return reorder;
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidInput("name", Message.of("inventory.refused.name-required"));
        }
        if (n.length() > NAME_MAX || n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", Message.of("inventory.refused.name-too-long", NAME_MAX));
        }
        return n;
    }

    private static Location.Kind kind(String kind) {
        try {
            return Location.Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", Message.of("inventory.refused.location-kind"));
        }
    }

    private static MovementType type(String type) {
        try {
            return MovementType.valueOf(type == null ? "" : type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("type", Message.of("inventory.refused.movement-type"));
        }
    }

    private static String text(String field, String text, int max) {
        String t = blankToNull(text);
        if (t != null && (t.length() > max || t.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'))) {
            throw new InvalidInput(field, Message.of("inventory.refused.text-too-long", max));
        }
        return t;
    }
}
