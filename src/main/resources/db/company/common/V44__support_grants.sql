-- Support access granted by the company's owner to a named operator account (identity): for a limited time (1 hour to
-- 7 days), read-only or read-write, revocable. Checked at every request the operator makes; grants and revocations are
-- in the audit trail.
CREATE TABLE support_grants (
    id              TEXT    NOT NULL PRIMARY KEY,
    operator_id     TEXT    NOT NULL,
    operator_email  TEXT    NOT NULL,
    access          TEXT    NOT NULL,
    valid_from      BIGINT  NOT NULL,
    valid_until     BIGINT  NOT NULL,
    granted_by      TEXT    NOT NULL,
    revoked_at      BIGINT,
    revoked_by      TEXT
);
CREATE INDEX support_grants_operator ON support_grants (operator_id, valid_until);
