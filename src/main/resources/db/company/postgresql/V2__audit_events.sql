-- Append-only: the database itself refuses to change or remove an entry.
CREATE TABLE audit_events (
    seq          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
