-- Clients and their properties (service sites). Written only through the one write path (RecordStore).
-- Sensitive columns are TEXT: they will hold ciphertext once field encryption is in place.
CREATE TABLE clients (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    email       TEXT,
    phone       TEXT,
    notes       TEXT,
    tags        TEXT    NOT NULL DEFAULT '[]',
    archived    BOOLEAN NOT NULL DEFAULT FALSE,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE INDEX clients_archived ON clients (archived);

CREATE TABLE properties (
    id           TEXT    NOT NULL PRIMARY KEY,
    client_id    TEXT    NOT NULL REFERENCES clients (id),
    label        TEXT,
    street       TEXT,
    city         TEXT,
    region       TEXT,
    postal_code  TEXT,
    country      TEXT    NOT NULL,
    latitude     TEXT,
    longitude    TEXT,
    version      BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    created_by   TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    updated_by   TEXT    NOT NULL
);
CREATE INDEX properties_client ON properties (client_id);
