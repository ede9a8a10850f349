-- Jobs (work orders), their visits, checklists, notes and recurring series (issue 5). Written only through the
-- one write path. Sensitive columns hold ciphertext; times are UTC epoch milliseconds.

-- Gap-free human numbers per record type (J-0001 …), taken in the insert's transaction, never reused.
CREATE TABLE record_numbers (
    entity      TEXT    NOT NULL PRIMARY KEY,
    last_value  BIGINT  NOT NULL
);

CREATE TABLE jobs (
    id           TEXT    NOT NULL PRIMARY KEY,
    number       TEXT    NOT NULL,
    client_id    TEXT    NOT NULL REFERENCES clients (id),
    property_id  TEXT    NOT NULL REFERENCES properties (id),
    title        TEXT    NOT NULL,
    description  TEXT,
    priority     TEXT    NOT NULL,
    tags         TEXT    NOT NULL DEFAULT '[]',
    status       TEXT    NOT NULL,
    line_items   TEXT,
    crew_id      TEXT,
    assignees    TEXT    NOT NULL DEFAULT '[]',
    completed_at BIGINT,
    version      BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    created_by   TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    updated_by   TEXT    NOT NULL
);
CREATE UNIQUE INDEX jobs_number ON jobs (number);
CREATE INDEX jobs_status ON jobs (status, created_at);
CREATE INDEX jobs_client ON jobs (client_id);
CREATE INDEX jobs_property ON jobs (property_id);

-- A recurring part of a job: visits are generated from the rule over a rolling horizon. "This and following"
-- edits end a series (its rule gets an end) and start another on the same job.
CREATE TABLE visit_series (
    id             TEXT    NOT NULL PRIMARY KEY,
    job_id         TEXT    NOT NULL REFERENCES jobs (id),
    rrule          TEXT    NOT NULL,
    first_start    TEXT    NOT NULL,
    duration_min   BIGINT  NOT NULL,
    assignees      TEXT    NOT NULL DEFAULT '[]',
    exceptions     TEXT    NOT NULL DEFAULT '[]',
    ended          BOOLEAN NOT NULL DEFAULT FALSE,
    version        BIGINT  NOT NULL,
    created_at     BIGINT  NOT NULL,
    created_by     TEXT    NOT NULL,
    updated_at     BIGINT  NOT NULL,
    updated_by     TEXT    NOT NULL
);
CREATE INDEX visit_series_job ON visit_series (job_id);

CREATE TABLE visits (
    id           TEXT    NOT NULL PRIMARY KEY,
    job_id       TEXT    NOT NULL REFERENCES jobs (id),
    starts_at    BIGINT  NOT NULL,
    ends_at      BIGINT  NOT NULL,
    assignees    TEXT    NOT NULL DEFAULT '[]',
    status       TEXT    NOT NULL,
    en_route_at  BIGINT,
    started_at   BIGINT,
    finished_at  BIGINT,
    series_id    TEXT    REFERENCES visit_series (id),
    occurrence   TEXT,
    detached     BOOLEAN NOT NULL DEFAULT FALSE,
    version      BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    created_by   TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    updated_by   TEXT    NOT NULL
);
CREATE INDEX visits_starts ON visits (starts_at);
CREATE INDEX visits_job ON visits (job_id);
-- one visit per occurrence of a series: generating twice creates nothing twice
CREATE UNIQUE INDEX visits_occurrence ON visits (series_id, occurrence);

CREATE TABLE job_checklist_items (
    id          TEXT    NOT NULL PRIMARY KEY,
    job_id      TEXT    NOT NULL REFERENCES jobs (id),
    position    INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    required    BOOLEAN NOT NULL DEFAULT FALSE,
    done        BOOLEAN NOT NULL DEFAULT FALSE,
    done_by     TEXT,
    done_at     BIGINT,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE INDEX job_checklist_items_job ON job_checklist_items (job_id, position);

-- Internal notes: a timeline of dated entries by users.
CREATE TABLE job_notes (
    id          TEXT    NOT NULL PRIMARY KEY,
    job_id      TEXT    NOT NULL REFERENCES jobs (id),
    body        TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE INDEX job_notes_job ON job_notes (job_id, created_at);

-- Company checklist templates (e.g. "Boiler service"), copied into jobs.
CREATE TABLE checklist_templates (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    items       TEXT    NOT NULL DEFAULT '[]',
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);

-- Private calendar feeds (opt-in per user): only the hash of the secret link is stored.
CREATE TABLE calendar_feeds (
    id          TEXT    NOT NULL PRIMARY KEY,
    token_hash  TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE UNIQUE INDEX calendar_feeds_token ON calendar_feeds (token_hash);
