-- Files (issue 14): photos and documents attached to a client, property, job, visit, quote or invoice. The bytes are
-- never here: storage_key names the ciphertext in the file store (a local directory or an S3 bucket), encrypted with
-- Tink streaming AEAD under the file's own key (data_key: a Tink keyset, sealed under the company's key and a secret
-- column the audit trail never sees). name is what the uploader called it (sealed: a file name can be personal).
-- status: SCANNING (quarantine, until clamd answers) → CLEAN (downloadable) | INFECTED (never downloadable).
-- scan_attempts / next_scan_at: the retry job's backoff while the scanner is unreachable.
CREATE TABLE files (
    id              TEXT    NOT NULL PRIMARY KEY,
    target_kind     TEXT    NOT NULL,
    target_id       TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size            BIGINT  NOT NULL,
    status          TEXT    NOT NULL,
    verdict         TEXT,
    scanned_at      BIGINT,
    scan_attempts   INTEGER NOT NULL DEFAULT 0,
    next_scan_at    BIGINT,
    uploaded_by     TEXT,
    storage_key     TEXT    NOT NULL,
    data_key        TEXT    NOT NULL,
    thumbnail_key   TEXT,
    version         BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    created_by      TEXT    NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      TEXT    NOT NULL
);
CREATE INDEX files_target ON files (target_kind, target_id, created_at);
CREATE INDEX files_scanning ON files (status, next_scan_at);
