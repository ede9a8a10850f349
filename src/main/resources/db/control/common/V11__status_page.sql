-- ops.status: the public status page, incidents and breach notification. Platform-level facts only: no company's
-- business data. A breach's affected companies are named (the operator knows its companies) with counts, and the
-- owners notified with when; nothing read from a company's records is kept here.
CREATE TABLE status_incidents (
    id                  BIGINT  NOT NULL PRIMARY KEY,
    title               TEXT    NOT NULL,
    components          TEXT    NOT NULL,  -- comma-separated component names (api,portal)
    state               TEXT    NOT NULL,  -- the components' state while open (degraded, partial_outage, ...)
    opened_at           BIGINT  NOT NULL,
    resolved_at         BIGINT,
    breach_from         BIGINT,            -- set once the incident is a data breach: the window searched
    breach_to           BIGINT,
    breach_actor        TEXT,
    breach_ip           TEXT,
    breach_recorded_at  BIGINT             -- the 72-hour notification deadline runs from here
);
CREATE INDEX status_incidents_opened ON status_incidents (opened_at);

CREATE TABLE status_incident_updates (
    incident_id  BIGINT  NOT NULL REFERENCES status_incidents (id),
    seq          INTEGER NOT NULL,
    at           BIGINT  NOT NULL,
    kind         TEXT    NOT NULL,  -- opened, updated, resolved
    state        TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    PRIMARY KEY (incident_id, seq)
);

-- A component's worst state per UTC day (the 90-day history bars); days without a row were operational.
CREATE TABLE status_component_days (
    component  TEXT NOT NULL,
    day        TEXT NOT NULL,  -- YYYY-MM-DD (UTC)
    worst      TEXT NOT NULL,
    PRIMARY KEY (component, day)
);

-- Email subscribers of the status page: double opt-in. The confirmation token is kept only as its SHA-256 and expires;
-- the unsubscribe token is never stored (a keyed PRF of the subscriber's id under the platform's keys).
CREATE TABLE status_subscribers (
    id                  TEXT    NOT NULL PRIMARY KEY,
    email               TEXT    NOT NULL UNIQUE,
    confirm_hash        TEXT,
    confirm_expires_at  BIGINT,
    confirmed_at        BIGINT,
    created_at          BIGINT  NOT NULL
);
CREATE INDEX status_subscribers_confirm ON status_subscribers (confirm_hash);

-- The companies a breach affected, computed from their audit trails: how many entries and distinct records in the
-- window, and which kinds of record (entity types, never values).
CREATE TABLE breach_companies (
    incident_id   BIGINT  NOT NULL REFERENCES status_incidents (id),
    company_id    TEXT    NOT NULL,
    slug          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    entries       BIGINT  NOT NULL,
    records       BIGINT  NOT NULL,
    entity_types  TEXT    NOT NULL,
    PRIMARY KEY (incident_id, company_id)
);

-- Who was notified of a breach, when: one row per owner emailed.
CREATE TABLE breach_notices (
    incident_id  BIGINT  NOT NULL REFERENCES status_incidents (id),
    company_id   TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    sent_at      BIGINT  NOT NULL,
    message_id   TEXT,
    PRIMARY KEY (incident_id, company_id, email)
);
