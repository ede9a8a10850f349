-- The customer's signature collected at a visit's Finish (issue 14): the PNG is a file of the visit (stored, scanned
-- and encrypted like every upload, see V31); the visit keeps which file it is, the printed name (sealed, like other
-- personal data of the write path) and when it was signed.
ALTER TABLE visits ADD COLUMN signature_file_id TEXT;
ALTER TABLE visits ADD COLUMN signed_by TEXT;
ALTER TABLE visits ADD COLUMN signed_at BIGINT;
