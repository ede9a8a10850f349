-- The company's secrets are written through the one write path (RecordStore, decision 0027), which keys every
-- record by its id: the secret's name becomes the id, as a setting's key is company_settings' id. The values stay
-- as they are: each was sealed with the name as row id, and the id is that same name, so every value still opens
-- and key rotation finds the table under its id.
ALTER TABLE secrets RENAME COLUMN name TO id;
