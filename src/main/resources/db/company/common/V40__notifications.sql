-- Notifications (issue 16, decision 0058). One row per notification: an event (or a reminder, or free text) for one
-- recipient on one channel. idempotency_key = <event id>:<recipient key>:<channel>, so the same event delivered twice
-- inserts nothing the second time (INSERT ... ON CONFLICT DO NOTHING). The row is the delivery log: QUEUED (not_before:
-- quiet hours, the next retry), SENDING while one node holds the claim (claim_owner, claim_until), SENT with the
-- provider's id, DELIVERED, FAILED or SKIPPED with a reason. subject and text are personal data: sealed (ciphertext
-- bound to this table, column and row). inbound rows are what a client sent back (an SMS reply).
CREATE TABLE notifications (
    id              TEXT    NOT NULL PRIMARY KEY,
    idempotency_key TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    recipient_type  TEXT    NOT NULL,
    recipient_id    TEXT    NOT NULL,
    client_id       TEXT,
    job_id          TEXT,
    subject_ref     TEXT,
    status          TEXT    NOT NULL,
    reason          TEXT,
    subject         TEXT,
    text            TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      BIGINT  NOT NULL,
    claim_owner     TEXT,
    claim_until     BIGINT,
    provider_id     TEXT,
    inbound         BOOLEAN NOT NULL DEFAULT FALSE,
    read_at         BIGINT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX notifications_key ON notifications (idempotency_key);
CREATE INDEX notifications_due ON notifications (status, not_before);
CREATE INDEX notifications_provider ON notifications (channel, provider_id);
CREATE INDEX notifications_client ON notifications (client_id, created_at);
CREATE INDEX notifications_job ON notifications (job_id, created_at);
CREATE INDEX notifications_recipient ON notifications (recipient_type, recipient_id, channel, created_at);
CREATE INDEX notifications_subject ON notifications (subject_ref, status);

-- A client's opt-out of one channel, written through the one write path (audited). id = <client id>:<channel>.
CREATE TABLE notification_opt_outs (
    id          TEXT   NOT NULL PRIMARY KEY,
    client_id   TEXT   NOT NULL,
    channel     TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    created_by  TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT   NOT NULL
);
CREATE INDEX notification_opt_outs_client ON notification_opt_outs (client_id);

-- A team member's own choice of channels for a kind (My account), through the write path. id = <user id>:<kind>;
-- channels: comma-separated channel codes, empty for none.
CREATE TABLE notification_choices (
    id          TEXT   NOT NULL PRIMARY KEY,
    user_id     TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    channels    TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    created_by  TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT   NOT NULL
);
CREATE INDEX notification_choices_user ON notification_choices (user_id);

-- A company's own wording of a kind on a channel in a language (Settings -> Notifications), through the write path.
-- id = <kind>:<channel>:<language>. Without a row the default from messages.properties is used.
CREATE TABLE notification_templates (
    id          TEXT   NOT NULL PRIMARY KEY,
    kind        TEXT   NOT NULL,
    channel     TEXT   NOT NULL,
    language    TEXT   NOT NULL,
    subject     TEXT,
    body        TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    created_by  TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT   NOT NULL
);
