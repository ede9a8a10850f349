-- Inventory (issue 14). One catalogue: an inventory item IS a product of the pricing module — one with a SKU — so
-- its stock-keeping unit, unit cost (minor units) and barcode are columns of products, and quotes, jobs and invoices
-- offer the same rows. SKUs are unique per company, case-insensitively (NULLs — products not kept in stock — repeat).
ALTER TABLE products ADD COLUMN sku TEXT;
ALTER TABLE products ADD COLUMN unit_cost BIGINT;
ALTER TABLE products ADD COLUMN barcode TEXT;
CREATE UNIQUE INDEX products_sku ON products (lower(sku));

-- Where stock is kept: a warehouse, or a van of one technician (user_id) or of one crew (crew_id). movements counts
-- the movements in and out of it: each movement raises it (and so the location's version) in the movement's own
-- transaction, which serializes movements of one location and gives the location a version clients can hold.
CREATE TABLE stock_locations (
    id          TEXT    NOT NULL PRIMARY KEY,
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    user_id     TEXT,
    crew_id     TEXT,
    archived    BOOLEAN NOT NULL DEFAULT FALSE,
    movements   BIGINT  NOT NULL DEFAULT 0,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE UNIQUE INDEX stock_locations_name ON stock_locations (lower(name));

-- The ledger: stock is never stored, only derived as the sum of movements (into a location minus out of it).
-- Rows are written once and never changed. quantity is in thousandths of the item's unit (2.5 m of pipe: 2500),
-- positive, except an ADJUST's, which is signed (into to_location_id). unit_cost (minor units) and supplier belong to
-- a RECEIVE; job_id to a USE or a RETURN from a job; reason to an ADJUST (required) or any other.
CREATE TABLE stock_movements (
    id                TEXT    NOT NULL PRIMARY KEY,
    type              TEXT    NOT NULL,
    item_id           TEXT    NOT NULL REFERENCES products (id),
    quantity          BIGINT  NOT NULL,
    from_location_id  TEXT    REFERENCES stock_locations (id),
    to_location_id    TEXT    REFERENCES stock_locations (id),
    job_id            TEXT,
    reason            TEXT,
    supplier          TEXT,
    unit_cost         BIGINT,
    version           BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL,
    created_by        TEXT    NOT NULL,
    updated_at        BIGINT  NOT NULL,
    updated_by        TEXT    NOT NULL
);
-- the stock query sums these: covering indexes, so a location's stock of an item is read from the index alone
CREATE INDEX stock_movements_in ON stock_movements (to_location_id, item_id, quantity);
CREATE INDEX stock_movements_out ON stock_movements (from_location_id, item_id, quantity);
CREATE INDEX stock_movements_item ON stock_movements (item_id, created_at);
CREATE INDEX stock_movements_job ON stock_movements (job_id);
CREATE INDEX stock_movements_time ON stock_movements (created_at, id);

-- Low-stock thresholds: below minimum (thousandths) of an item at a location, the item is to be reordered.
CREATE TABLE stock_thresholds (
    id           TEXT    NOT NULL PRIMARY KEY,
    item_id      TEXT    NOT NULL REFERENCES products (id),
    location_id  TEXT    NOT NULL REFERENCES stock_locations (id),
    minimum      BIGINT  NOT NULL,
    version      BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    created_by   TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    updated_by   TEXT    NOT NULL
);
CREATE UNIQUE INDEX stock_thresholds_item_location ON stock_thresholds (item_id, location_id);
