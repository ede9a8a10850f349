-- Card payments online through Stripe Checkout (issue 13). A payment Stripe confirmed keeps only Stripe's identifiers
-- (its Checkout Session, PaymentIntent and Charge), never card data; they are identifiers, not personal data, so they
-- stay plain and are looked up when a refund or a dispute names the charge. An invoice carries the dispute Stripe
-- opened on one of its card payments, and the time a card payment last failed (for its timeline).
ALTER TABLE payments ADD COLUMN stripe_session_id TEXT;
ALTER TABLE payments ADD COLUMN stripe_payment_intent_id TEXT;
ALTER TABLE payments ADD COLUMN stripe_charge_id TEXT;
CREATE UNIQUE INDEX payments_stripe_session ON payments (stripe_session_id);
CREATE INDEX payments_stripe_payment_intent ON payments (stripe_payment_intent_id);
CREATE INDEX payments_stripe_charge ON payments (stripe_charge_id);
ALTER TABLE invoices ADD COLUMN disputed_at BIGINT;
ALTER TABLE invoices ADD COLUMN dispute_id TEXT;
ALTER TABLE invoices ADD COLUMN card_failed_at BIGINT;
CREATE INDEX invoices_quote ON invoices (quote_id);
