-- Tokens whose text names no company (share links of the customer portal, 24 random characters): the SHA-256 of the
-- token points at the company whose database holds the rest. Never a token itself; a row outlives nothing it points
-- at for long: expired rows are pruned.
CREATE TABLE token_directory (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    purpose     TEXT    NOT NULL,
    company_id  TEXT    NOT NULL,
    expires_at  BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX token_directory_expiry ON token_directory (expires_at);
