-- Platform-wide integration credentials (set by the operator's CLI), sealed under the platform's key and
-- bound to their name. Never a company's data, never a value in plain text.
CREATE TABLE platform_secrets (
    name        TEXT    NOT NULL PRIMARY KEY,
    value       TEXT    NOT NULL,
    hint        TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
