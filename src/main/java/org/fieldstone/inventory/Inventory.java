package org.fieldstone.inventory;

import java.time.LocalDate;
import java.util.List;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Page;

/**
 * A company's inventory. Reading (items, locations, stock, movements) needs {@code jobs:read}; items, locations,
 * thresholds, receiving, transfers and adjustments need {@code inventory:manage} (owners and admins). A {@code USER}
 * records USE — and RETURN from a job — only on a job assigned to them (or their crew, or one of its visits to them),
 * and only from (into) their own van: another job is not found or refused, another location refused.
 * <p>
 * Stock is never stored: it is the sum of the ledger's movements. A movement takes the lock of each location it
 * names (its row, in the order of their ids) and raises their versions in its own transaction, so when the company
 * does not allow negative stock (the default) two technicians taking the last unit from one van cannot both succeed.
 */
public interface Inventory {

    // ---- items: the company's products with a SKU (one catalogue)

    Page<Product> items(Actor actor, String search, boolean archived, Page.PageRequest page);

    /** An item; a product or service without a SKU is not an item (not found). */
    Product item(Actor actor, String id);

    /** A new item (inventory:manage): a product with a SKU, which is required and unique per company. */
    Product createItem(Actor actor, Pricing.NewProduct item);

    Product updateItem(Actor actor, String id, long expectedVersion, Pricing.ProductChanges changes);

    /** The columns of an items CSV, in this order, as its first line: {@value}. */
    String ITEMS_CSV_HEADER = "sku,name,unit,unit_cost,unit_price,tax_rate,barcode,description";

    /** The most rows one import takes. */
    int IMPORT_MAX_ROWS = 5_000;

    /**
     * Creates the items of a CSV ({@link #ITEMS_CSV_HEADER}; costs and prices in the currency's major unit, e.g.
     * {@code 12.50}; the tax rate by its name) all or nothing (inventory:manage): any bad row — a SKU or name taken, a
     * price that is no number, an unknown tax rate — refuses the whole file, each problem under
     * {@code lines[<line of the file>].<column>}, and nothing is created.
     */
    List<Product> importItems(Actor actor, String csv);

    // ---- locations

    List<Location> locations(Actor actor, boolean archived);

    Location location(Actor actor, String id);

    /**
     * A new location (inventory:manage): a WAREHOUSE has no owner; a VAN has exactly one, a user of the company
     * ({@code userId}) or one of its crews ({@code crewId}).
     */
    Location createLocation(Actor actor, NewLocation location);

    /** Renames, archives or restores a location (inventory:manage); its owner and kind stay. */
    Location updateLocation(Actor actor, String id, long expectedVersion, Change<String> name, Change<Boolean> archived);

    record NewLocation(String kind, String name, String userId, String crewId) {
    }

    // ---- stock and its ledger

    /**
     * The stock of each item at each location that ever had a movement of it, narrowed to an item and/or location
     * when given (an unknown id: not found).
     */
    List<StockLevel> stock(Actor actor, String itemId, String locationId);

    /**
     * The stock of each item at each location as it was just before {@code before}: the sum of the movements recorded
     * earlier (the ledger is never changed, so this is what {@link #stock} answered then) (jobs:read).
     */
    List<StockLevel> stockBefore(Actor actor, java.time.Instant before);

    /** Records one movement through the write path, or refuses it and writes nothing. */
    StockMovement record(Actor actor, NewMovement movement);

    /**
     * A movement as given. {@code quantity} in thousandths ({@link Quantities}); {@code expectedLocationVersion}, when
     * given, is the version the client saw of the location the stock leaves (or, for RECEIVE, RETURN and ADJUST,
     * enters): another version is a conflict and nothing is written.
     */
    record NewMovement(String type, String itemId, Long quantity, String fromLocationId, String toLocationId,
                       String jobId, String reason, String supplier, Long unitCost, Long expectedLocationVersion) {
    }

    /** The ledger, newest first, filtered by any of item, location (in or out), job, type and dates (inclusive). */
    Page<StockMovement> movements(Actor actor, MovementQuery query, Page.PageRequest page);

    record MovementQuery(String itemId, String locationId, String jobId, MovementType type, LocalDate from, LocalDate to) {

        public static final MovementQuery ALL = new MovementQuery(null, null, null, null, null, null);
    }

    // ---- settings, thresholds, reordering

    /** Whether stock may go below zero (company setting, default no). */
    boolean allowsNegativeStock(Actor actor);

    void setAllowsNegativeStock(Actor actor, boolean allowed);

    /** Sets the low-stock threshold of an item at a location (thousandths; 0 removes it) (inventory:manage). */
    void setThreshold(Actor actor, String itemId, String locationId, long minimum);

    /** What is below its threshold now, by location and item name (jobs:read): the dashboard card's list. */
    List<Reorder> toReorder(Actor actor);
}
