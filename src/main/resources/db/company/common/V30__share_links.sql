-- The customer portal (issue 13). A share link opens one sent document; its token is never stored, only its
-- SHA-256 (token_hash, a secret column the audit trail never sees). recipient is the client's address on file when
-- the link was made (personal data, sealed). A link is spent by its first exchange (spent_at), revoked by the office
-- (revoked_at), and a quote's link opens only the revision it was made for.
CREATE TABLE share_links (
    id                     TEXT    NOT NULL PRIMARY KEY,
    token_hash             TEXT    NOT NULL,
    document_type          TEXT    NOT NULL,
    document_id            TEXT    NOT NULL,
    revision               INTEGER,
    recipient              TEXT,
    expires_at             BIGINT  NOT NULL,
    opened_at              BIGINT,
    spent_at               BIGINT,
    revoked_at             BIGINT,
    new_link_requested_at  BIGINT,
    version                BIGINT  NOT NULL,
    created_at             BIGINT  NOT NULL,
    created_by             TEXT    NOT NULL,
    updated_at             BIGINT  NOT NULL,
    updated_by             TEXT    NOT NULL
);
CREATE UNIQUE INDEX share_links_token ON share_links (token_hash);
CREATE INDEX share_links_document ON share_links (document_type, document_id, created_at);

-- A customer's portal session, made by a link's exchange and scoped to that link's document. The cookie holds the
-- company's id and a secret; the table keeps the secret's SHA-256. Idle and absolute limits are checked on every
-- request; ended_at is set when the link is revoked or the session is given up.
CREATE TABLE portal_sessions (
    id_hash        TEXT    NOT NULL PRIMARY KEY,
    link_id        TEXT    NOT NULL,
    document_type  TEXT    NOT NULL,
    document_id    TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    last_seen_at   BIGINT  NOT NULL,
    expires_at     BIGINT  NOT NULL,
    ended_at       BIGINT,
    ip             TEXT,
    user_agent     TEXT
);
CREATE INDEX portal_sessions_link ON portal_sessions (link_id);
