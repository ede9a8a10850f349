-- SMS through the company's own Twilio account (issue 16, docs/decisions/0059).

-- A visit its client confirmed by replying C or YES to an SMS: when (null: not confirmed). Written through the jobs
-- aggregate's confirmByClient, audited with channel sms.
ALTER TABLE visits ADD COLUMN confirmed_by_client_at BIGINT;

-- Segments (and messages) sent per calendar month of the company's time zone ("2026-12"), against the monthly cap:
-- an unversioned counter, reserved before each send with one conditional UPDATE so that two nodes cannot both pass
-- the cap.
CREATE TABLE sms_usage (
    id        TEXT   NOT NULL PRIMARY KEY,
    segments  BIGINT NOT NULL,
    messages  BIGINT NOT NULL
);

-- The Twilio webhook requests a company has handled: id is the MessageSid for an inbound message and
-- "<MessageSid>:<status>" for a status callback. Inserted in the transaction of the change it made, so a replayed
-- request (Twilio retries, or an attacker resends a captured one) finds its id and changes nothing.
CREATE TABLE twilio_messages (
    id          TEXT    NOT NULL PRIMARY KEY,
    kind        TEXT    NOT NULL,
    outcome     TEXT,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
