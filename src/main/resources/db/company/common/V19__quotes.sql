-- Quotes (issue 11). Written only through the one write path. line_items, discount, deposit, terms, notes,
-- decision_note and approval are sealed (ciphertext); expires_on is an ISO date in the company's time zone.
CREATE TABLE quotes (
    id             TEXT    NOT NULL PRIMARY KEY,
    number         TEXT    NOT NULL,
    client_id      TEXT    NOT NULL REFERENCES clients (id),
    property_id    TEXT    NOT NULL REFERENCES properties (id),
    title          TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    revision       INTEGER NOT NULL DEFAULT 1,
    currency       TEXT    NOT NULL,
    tax_inclusive  BOOLEAN NOT NULL DEFAULT FALSE,
    line_items     TEXT,
    discount       TEXT,
    deposit        TEXT,
    terms          TEXT,
    notes          TEXT,
    expires_on     TEXT,
    sent_at        BIGINT,
    decided_at     BIGINT,
    decision_note  TEXT,
    approval       TEXT,
    job_id         TEXT,
    version        BIGINT  NOT NULL,
    created_at     BIGINT  NOT NULL,
    created_by     TEXT    NOT NULL,
    updated_at     BIGINT  NOT NULL,
    updated_by     TEXT    NOT NULL
);
CREATE UNIQUE INDEX quotes_number ON quotes (number);
CREATE INDEX quotes_status ON quotes (status, created_at);
CREATE INDEX quotes_client ON quotes (client_id);

-- Every revision as it was sent (its content sealed), so a changed quote's earlier revisions stay readable.
CREATE TABLE quote_revisions (
    id          TEXT    NOT NULL PRIMARY KEY,
    quote_id    TEXT    NOT NULL REFERENCES quotes (id),
    revision    INTEGER NOT NULL,
    hash        TEXT    NOT NULL,
    content     TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE UNIQUE INDEX quote_revisions_revision ON quote_revisions (quote_id, revision);
