-- A refund names the payment it refunds (null for a payment, and for refunds recorded before this migration). Amounts
-- are sealed, so the bound that the refunds of a payment come to at most its amount is kept by InvoiceAggregate under
-- the invoice's lock, not by SQL.
ALTER TABLE payments ADD COLUMN refunds_payment_id TEXT REFERENCES payments (id);
