-- Invitations are records of the one write path (RecordStore, decision 0027): an id (the audit trail's entity id,
-- never the token's hash), a version (spending one is a versioned change, so a second use in a race fails) and who
-- created and last changed it. The token's hash stays unique: it is how a link finds its invitation.
-- Invitations made before this migration get a random id, version 1, and 'system' as creator.
ALTER TABLE invitations ADD COLUMN id TEXT;
UPDATE invitations SET id = gen_random_uuid()::text;
ALTER TABLE invitations ALTER COLUMN id SET NOT NULL;
ALTER TABLE invitations DROP CONSTRAINT invitations_pkey;
ALTER TABLE invitations ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);
ALTER TABLE invitations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE invitations ALTER COLUMN version DROP DEFAULT;
ALTER TABLE invitations ADD COLUMN created_by TEXT NOT NULL DEFAULT 'system';
ALTER TABLE invitations ALTER COLUMN created_by DROP DEFAULT;
ALTER TABLE invitations ADD COLUMN updated_at BIGINT;
UPDATE invitations SET updated_at = COALESCE(used_at, created_at);
ALTER TABLE invitations ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE invitations ADD COLUMN updated_by TEXT NOT NULL DEFAULT 'system';
ALTER TABLE invitations ALTER COLUMN updated_by DROP DEFAULT;
