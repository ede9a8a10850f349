-- A job converted from an approved quote (issue 11) keeps the quote, its discount and the deposit it asked for,
-- so the job's invoice carries them. discount and deposit_due are sealed (ciphertext).
ALTER TABLE jobs ADD COLUMN quote_id TEXT;
ALTER TABLE jobs ADD COLUMN discount TEXT;
ALTER TABLE jobs ADD COLUMN deposit_due TEXT;
CREATE INDEX jobs_quote ON jobs (quote_id);
