-- What a user allowed a client (decision 0053): the scopes, so the consent page is not shown again for no more than
-- these. id: '<client row id>:<user id>'. Written through the write path (audited).
CREATE TABLE oauth_consents (
    id          TEXT    NOT NULL PRIMARY KEY,
    client_id   TEXT    NOT NULL,
    user_id     TEXT    NOT NULL REFERENCES users (id),
    scopes      TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT,
    version     BIGINT  NOT NULL
);
