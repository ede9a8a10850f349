-- Users are written through the one write path (RecordStore, decision 0027), which records who created and who
-- last changed a record. Users made before this migration keep 'system' as both.
ALTER TABLE users ADD COLUMN created_by TEXT NOT NULL DEFAULT 'system';
ALTER TABLE users ADD COLUMN updated_by TEXT NOT NULL DEFAULT 'system';
