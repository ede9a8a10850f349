-- The company's country: the default for phone numbers and addresses entered without one.
ALTER TABLE companies ADD COLUMN country TEXT NOT NULL DEFAULT 'US';
