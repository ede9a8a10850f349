-- Credit notes (issue 11): a document of its own that credits a sent invoice, numbered CN-0001 … when issued.
ALTER TABLE invoices ADD COLUMN credits_invoice_id TEXT REFERENCES invoices (id);
CREATE INDEX invoices_credits ON invoices (credits_invoice_id);
