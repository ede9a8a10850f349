-- Operator accounts (owned by identity): the platform's support staff. They manage the platform, and read no company's
-- data unless its owner grants them support access (decision 0065). Password as users' (bcrypt); the TOTP secret is
-- mandatory and sealed under the platform key, bound to the operator's id.
CREATE TABLE operators (
    id              TEXT    NOT NULL PRIMARY KEY,
    email           TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    password_hash   TEXT    NOT NULL,
    totp_secret     TEXT    NOT NULL,
    totp_last_step  BIGINT,
    created_at      BIGINT  NOT NULL
);

-- An operator's sign-in at /operator: SHA-256 of the cookie's secret, never the secret. entered_company: the company the
-- operator entered under a support grant (the grant itself is checked in that company's database at every request).
CREATE TABLE operator_sessions (
    id_hash          TEXT    NOT NULL PRIMARY KEY,
    operator_id      TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    last_seen_at     BIGINT  NOT NULL,
    entered_company  TEXT,
    ip               TEXT,
    user_agent       TEXT
);
CREATE INDEX operator_sessions_operator ON operator_sessions (operator_id);

-- Which companies granted which operator support access, so that the operator's home can list them without opening
-- every company's database. Only a directory: what lets an operator in is the grant in the company's own database.
CREATE TABLE support_grant_directory (
    grant_id     TEXT    NOT NULL PRIMARY KEY,
    company_id   TEXT    NOT NULL,
    operator_id  TEXT    NOT NULL,
    access       TEXT    NOT NULL,
    valid_until  BIGINT  NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX support_grant_directory_operator ON support_grant_directory (operator_id, valid_until);
