-- Emails of quotes and invoices (decision 0031), one row per document event, written only through the one write path.
-- The recipient is personal data and sealed (ciphertext); event_id makes a second delivery of the same event find
-- the row instead of sending again. attempts counts failed sends (the outbox calls the listener again until a limit).
CREATE TABLE sent_emails (
    id              TEXT    NOT NULL PRIMARY KEY,
    event_id        TEXT    NOT NULL,
    document_type   TEXT    NOT NULL,
    document_id     TEXT    NOT NULL,
    revision        INTEGER,
    to_address      TEXT,
    subject         TEXT,
    status          TEXT    NOT NULL,
    reason          TEXT,
    message_id      TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    version         BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    created_by      TEXT    NOT NULL,
    updated_at      BIGINT  NOT NULL,
    updated_by      TEXT    NOT NULL
);
CREATE UNIQUE INDEX sent_emails_event ON sent_emails (event_id);
CREATE INDEX sent_emails_document ON sent_emails (document_type, document_id, created_at);
