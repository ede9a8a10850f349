-- Append-only: the database itself refuses to change or remove an entry.
CREATE TABLE audit_events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    at           BIGINT  NOT NULL,
    actor_type   TEXT    NOT NULL,
    actor_id     TEXT,
    actor_name   TEXT,
    api_key_id   TEXT,
    channel      TEXT    NOT NULL,
    ip           TEXT,
    user_agent   TEXT,
    entity_type  TEXT    NOT NULL,
    entity_id    TEXT,
    action       TEXT    NOT NULL,
    changes      TEXT    NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
