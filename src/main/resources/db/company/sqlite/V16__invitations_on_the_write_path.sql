-- Invitations are records of the one write path (RecordStore, decision 0027): an id (the audit trail's entity id,
-- never the token's hash), a version (spending one is a versioned change, so a second use in a race fails) and who
-- created and last changed it. The token's hash stays unique: it is how a link finds its invitation.
-- SQLite cannot change a primary key in place, so the table is rebuilt. Invitations made before this migration
-- get a random id, version 1, and 'system' as creator.
CREATE TABLE invitations_new (
    id          TEXT    NOT NULL PRIMARY KEY,
    token_hash  TEXT    NOT NULL,
    user_id     TEXT    NOT NULL REFERENCES users (id),
    expires_at  BIGINT  NOT NULL,
    used_at     BIGINT,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
INSERT INTO invitations_new (id, token_hash, user_id, expires_at, used_at, version, created_at, created_by,
                             updated_at, updated_by)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       token_hash, user_id, expires_at, used_at, 1, created_at, 'system', COALESCE(used_at, created_at), 'system'
FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_new RENAME TO invitations;
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);
CREATE INDEX invitations_user ON invitations (user_id);
