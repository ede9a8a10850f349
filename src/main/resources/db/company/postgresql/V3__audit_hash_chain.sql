-- The tamper-evident audit trail: every entry carries SHA-256 over its canonical content and the previous
-- entry's hash. The database refuses UPDATE, TRUNCATE, and DELETE except of a prefix a prune has permitted.
CREATE TABLE audit_log (
    seq          BIGINT  NOT NULL PRIMARY KEY,
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
    changes      TEXT    NOT NULL,
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

-- The chain's head (newest entry) and base (where a prune cut it): one row, whose lock serializes appends.
CREATE TABLE audit_chain (
    id         INTEGER NOT NULL PRIMARY KEY,
    last_seq   BIGINT  NOT NULL,
    last_hash  TEXT    NOT NULL,
    base_seq   BIGINT  NOT NULL,
    base_hash  TEXT    NOT NULL
);
INSERT INTO audit_chain (id, last_seq, last_hash, base_seq, base_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Present only inside a prune's transaction: lets exactly the permitted prefix be deleted.
CREATE TABLE audit_prune_permit (
    through_seq  BIGINT  NOT NULL
);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_prune_permit WHERE OLD.seq <= through_seq) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
