-- A client's opt-out of reminders (issue 13): overdue-invoice and quote-expiry emails are never sent to a client who
-- opted out (recorded as skipped on the document's timeline). The documents themselves are still emailed when sent.
ALTER TABLE clients ADD COLUMN reminders_off BOOLEAN NOT NULL DEFAULT FALSE;
