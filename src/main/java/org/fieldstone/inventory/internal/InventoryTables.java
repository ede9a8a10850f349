package org.fieldstone.inventory.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.RecordType;

/** The inventory module's tables as the one write path sees them (the items are pricing's products). */
final class InventoryTables {

    /** A {@link org.fieldstone.inventory.Location.Kind}'s name. */
    static final Column<String> LOCATION_KIND = Column.of("kind", String.class);
    static final Column<String> LOCATION_NAME = Column.of("name", String.class);
    static final Column<String> USER_ID = Column.of("user_id", String.class);
    static final Column<String> CREW_ID = Column.of("crew_id", String.class);
    static final Column<Boolean> ARCHIVED = Column.of("archived", Boolean.class);
    /** How many movements went into or out of the location: raised by each, in the movement's transaction. */
    static final Column<Long> MOVEMENTS = Column.of("movements", Long.class);

    /** Locations as their managers change them (inventory:manage). */
    static final RecordType LOCATIONS = RecordType.of("stock_locations", "stock_location", Permission.INVENTORY_MANAGE,
            null, LOCATION_KIND, LOCATION_NAME, USER_ID, CREW_ID, ARCHIVED);

    /**
     * The same rows as a movement touches them: only their count of movements (and so their version). Written with
     * jobs:write, since a technician's USE moves stock out of their van; who may record which movement is decided
     * before (InventoryService), as the movement's own type is written with jobs:write too.
     */
    static final RecordType LOCATION_LEDGER = RecordType.of("stock_locations", "stock_location", Permission.JOBS_WRITE,
            null, MOVEMENTS);

    /** A {@link org.fieldstone.inventory.MovementType}'s name. */
    static final Column<String> TYPE = Column.of("type", String.class);
    static final Column<String> ITEM_ID = Column.of("item_id", String.class);
    /** Thousandths of the item's unit. */
    static final Column<Long> QUANTITY = Column.of("quantity", Long.class);
    static final Column<String> FROM_LOCATION_ID = Column.of("from_location_id", String.class);
    static final Column<String> TO_LOCATION_ID = Column.of("to_location_id", String.class);
    static final Column<String> JOB_ID = Column.of("job_id", String.class);
    static final Column<String> REASON = Column.of("reason", String.class);
    static final Column<String> SUPPLIER = Column.of("supplier", String.class);
    /** Minor units. */
    static final Column<Long> UNIT_COST = Column.of("unit_cost", Long.class);

    /** The ledger: rows inserted once, never changed or deleted. */
    static final RecordType MOVEMENTS_TYPE = RecordType.of("stock_movements", "stock_movement", Permission.JOBS_WRITE,
            null, TYPE, ITEM_ID, QUANTITY, FROM_LOCATION_ID, TO_LOCATION_ID, JOB_ID, REASON, SUPPLIER, UNIT_COST);

    static final Column<String> THRESHOLD_ITEM_ID = Column.of("item_id", String.class);
    static final Column<String> THRESHOLD_LOCATION_ID = Column.of("location_id", String.class);
    /** Thousandths. */
    static final Column<Long> MINIMUM = Column.of("minimum", Long.class);

    static final RecordType THRESHOLDS = RecordType.of("stock_thresholds", "stock_threshold", Permission.INVENTORY_MANAGE,
            null, THRESHOLD_ITEM_ID, THRESHOLD_LOCATION_ID, MINIMUM);

    private InventoryTables() {
    }
}
