-- Company settings as versioned, audited records (written through the one write path): id is the key.
CREATE TABLE company_settings (
    id          TEXT    NOT NULL PRIMARY KEY,
    value       TEXT,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT
);
