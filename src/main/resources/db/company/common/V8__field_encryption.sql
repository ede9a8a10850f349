-- Field encryption (issue 4): sensitive columns hold ciphertext; what was searched in plaintext is found
-- through blind indexes (keyed PRF values) instead.

-- Data keys that seal sensitive before/after values of the audit trail, wrapped under the company key.
CREATE TABLE audit_keys (
    id          TEXT    NOT NULL PRIMARY KEY,
    wrapped     TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

-- Blind-indexed word prefixes of searchable text columns (e.g. client names, property cities).
CREATE TABLE search_tokens (
    tbl     TEXT  NOT NULL,
    col     TEXT  NOT NULL,
    token   TEXT  NOT NULL,
    row_id  TEXT  NOT NULL,
    PRIMARY KEY (tbl, col, token, row_id)
);
CREATE INDEX search_tokens_row ON search_tokens (tbl, row_id);

-- Exact lookups: a client by email or phone, a user by email (login).
ALTER TABLE clients ADD COLUMN email_index TEXT;
ALTER TABLE clients ADD COLUMN phone_index TEXT;
CREATE INDEX clients_email_index ON clients (email_index);
CREATE INDEX clients_phone_index ON clients (phone_index);
-- names are ciphertext now: an index over them orders nothing
DROP INDEX clients_by_name;

ALTER TABLE users ADD COLUMN email_index TEXT;
DROP INDEX users_email;
CREATE UNIQUE INDEX users_email_index ON users (email_index);
