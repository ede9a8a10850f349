-- Crews (teams): users of the company who are scheduled together. Written only through the one write path
-- (RecordStore). members is a JSON array of user ids; a crew has at most 100, so it is read whole.
CREATE TABLE crews (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    members     TEXT    NOT NULL DEFAULT '[]',
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
-- names are unique per company ignoring case; the service checks first (with full Unicode case folding) and
-- this index holds against two writers racing with the same name (lower() folds ASCII on SQLite)
CREATE UNIQUE INDEX crews_name ON crews (lower(name));
