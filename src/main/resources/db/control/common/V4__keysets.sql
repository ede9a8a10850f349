-- Every company's keys (and the platform's), each keyset encrypted under the master key, which is never
-- stored here. Deleting a row destroys the keys: what they protected can no longer be read.
CREATE TABLE keysets (
    owner          TEXT    NOT NULL PRIMARY KEY,
    aead           TEXT    NOT NULL,
    prf            TEXT    NOT NULL,
    master_key_id  TEXT    NOT NULL,
    retired        TEXT    NOT NULL,
    rotated_at     BIGINT  NOT NULL,
    version        BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);
