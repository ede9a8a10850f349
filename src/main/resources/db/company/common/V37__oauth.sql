-- The OAuth 2.1 authorization server's records (decision 0053). Times are epoch milliseconds. No token, code, state or
-- client secret is stored: only SHA-256 (hex) of each (256 random bits or more), found by that hash.

-- Apps an admin registered in Settings → Connected apps. redirect_uris: exact URIs separated by spaces.
-- secret_hash NULL: a public client (PKCE only).
CREATE TABLE oauth_clients (
    id             TEXT    NOT NULL PRIMARY KEY,
    client_id      TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    redirect_uris  TEXT    NOT NULL,
    secret_hash    TEXT,
    created_at     BIGINT  NOT NULL,
    created_by     TEXT,
    updated_at     BIGINT  NOT NULL,
    updated_by     TEXT,
    version        BIGINT  NOT NULL
);
CREATE UNIQUE INDEX oauth_clients_client_id ON oauth_clients (client_id);

-- A grant "family": one authorization of one client by one user, from the authorization request through its code to
-- every access and refresh token issued from it. status: pending (waiting for consent or the code), granted,
-- revoked. Pending rows are bookkeeping; granting and revoking go through the write path (audited).
CREATE TABLE oauth_grants (
    id               TEXT    NOT NULL PRIMARY KEY,
    client_id        TEXT    NOT NULL,
    user_id          TEXT    NOT NULL REFERENCES users (id),
    status           TEXT    NOT NULL,
    scopes           TEXT    NOT NULL,
    resource         TEXT    NOT NULL,
    redirect_uri     TEXT    NOT NULL,
    requested_scopes TEXT    NOT NULL,
    client_state     TEXT,
    code_challenge   TEXT,
    challenge_method TEXT,
    consent_state_hash TEXT,
    code_hash        TEXT,
    code_issued_at   BIGINT,
    code_expires_at  BIGINT,
    code_used_at     BIGINT,
    revoked_at       BIGINT,
    revoked_reason   TEXT,
    last_used_at     BIGINT,
    created_at       BIGINT  NOT NULL,
    created_by       TEXT,
    updated_at       BIGINT  NOT NULL,
    updated_by       TEXT,
    version          BIGINT  NOT NULL
);
CREATE INDEX oauth_grants_user ON oauth_grants (user_id);
CREATE UNIQUE INDEX oauth_grants_code ON oauth_grants (code_hash);
CREATE UNIQUE INDEX oauth_grants_consent_state ON oauth_grants (consent_state_hash);

-- Access (fso_…) and refresh (fsr_…) tokens of a grant. invalidated_at: rotated (a newer refresh token replaced it)
-- or revoked; a rotated refresh token presented again revokes its whole grant.
CREATE TABLE oauth_tokens (
    token_hash     TEXT    NOT NULL PRIMARY KEY,
    grant_id       TEXT    NOT NULL REFERENCES oauth_grants (id),
    kind           TEXT    NOT NULL,
    issued_at      BIGINT  NOT NULL,
    expires_at     BIGINT  NOT NULL,
    invalidated_at BIGINT
);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id);
