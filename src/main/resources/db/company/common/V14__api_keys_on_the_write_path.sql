-- API keys are written through the one write path (RecordStore, decision 0027), which records who created and
-- who last changed a record and when. Keys made before this migration were made by their own user.
ALTER TABLE api_keys ADD COLUMN created_by TEXT NOT NULL DEFAULT 'system';
ALTER TABLE api_keys ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN updated_by TEXT NOT NULL DEFAULT 'system';
UPDATE api_keys SET created_by = user_id, updated_by = user_id,
                    updated_at = CASE WHEN revoked_at IS NULL THEN created_at ELSE revoked_at END;
