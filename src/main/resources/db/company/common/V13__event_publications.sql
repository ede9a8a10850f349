-- The transactional outbox (decision 0022): one row per domain event and listener, written in the transaction of
-- the change that raised the event, delivered after commit and retried until the listener succeeds.
CREATE TABLE event_publications (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL,
    listener        TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    published_at    BIGINT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until     BIGINT,
    completed_at    BIGINT,
    last_error      TEXT
);

CREATE UNIQUE INDEX event_publications_once ON event_publications (event_id, listener);
CREATE INDEX event_publications_open ON event_publications (completed_at, next_attempt_at);
