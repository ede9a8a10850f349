-- Two-step verification (TOTP, RFC 6238) and its recovery codes; decision 0013. Times are epoch milliseconds.

-- One row per user who has started or finished enrolment. secret: the Base32 TOTP secret sealed through the field
-- protection seam (bound to company, table, column and user). enabled_at NULL: enrolment started by started_by
-- (the hash of the session or sign-in challenge that showed the secret) and not confirmed yet. last_step: the
-- newest time step whose code was accepted; a code of that step or an earlier one is refused (each code once).
CREATE TABLE user_mfa (
    user_id     TEXT    NOT NULL PRIMARY KEY REFERENCES users (id),
    secret      TEXT    NOT NULL,
    started_by  TEXT,
    enabled_at  BIGINT,
    last_step   BIGINT,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    version     BIGINT  NOT NULL
);

-- One-time recovery codes: SHA-256 of the user id and the 80-bit code, never the code itself.
CREATE TABLE recovery_codes (
    user_id     TEXT    NOT NULL REFERENCES users (id),
    code_hash   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- The half-signed-in state between the password and the second step: not a session (nothing but the second-step
-- pages reads it), short-lived, stored as SHA-256 of its 256-bit secret. purpose: 'code' (enter a code) or
-- 'enrol' (the company requires two-step verification and the user has to set it up first).
CREATE TABLE sign_in_challenges (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    user_id     TEXT    NOT NULL REFERENCES users (id),
    purpose     TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX sign_in_challenges_user ON sign_in_challenges (user_id);

-- When a session proved the second factor (at sign-in or by enrolling in it); NULL: password only.
ALTER TABLE sessions ADD COLUMN mfa_at BIGINT;
