-- A company's users, their sessions, invitations and API keys. Times are epoch milliseconds (UTC).
CREATE TABLE users (
    id                  TEXT    NOT NULL PRIMARY KEY,
    email               TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    role                TEXT    NOT NULL,
    password_hash       TEXT,
    active              BOOLEAN NOT NULL,
    password_changed_at BIGINT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    version             BIGINT  NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);

-- Only a hash of the session secret is stored: a copy of this table lets nobody in.
CREATE TABLE sessions (
    id_hash       TEXT    NOT NULL PRIMARY KEY,
    user_id       TEXT    NOT NULL REFERENCES users (id),
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL,
    ip            TEXT,
    user_agent    TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE invitations (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    user_id     TEXT    NOT NULL REFERENCES users (id),
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    used_at     BIGINT
);
CREATE INDEX invitations_user ON invitations (user_id);

CREATE TABLE api_keys (
    id            TEXT    NOT NULL PRIMARY KEY,
    user_id       TEXT    NOT NULL REFERENCES users (id),
    name          TEXT    NOT NULL,
    key_hash      TEXT    NOT NULL,
    hint          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT,
    revoked_at    BIGINT,
    last_used_at  BIGINT,
    last_used_ip  TEXT,
    version       BIGINT  NOT NULL
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (key_hash);
CREATE INDEX api_keys_user ON api_keys (user_id);
