-- Integration credentials of the company (Stripe, Twilio, Telegram, AI provider, SMTP), one row per known
-- name. The value is ciphertext only, sealed with the company's key and bound to company, table, column and
-- name (tenancy.SecretStore); what pages and the audit trail show is the hint, e.g. "sk_…4f2a".
CREATE TABLE secrets (
    name        TEXT    NOT NULL PRIMARY KEY,
    value       TEXT    NOT NULL,
    hint        TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
