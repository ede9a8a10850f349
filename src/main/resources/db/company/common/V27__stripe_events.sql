-- The Stripe webhook events a company has handled, by Stripe's event id (the row's id): inserted in the transaction of
-- the change the event made, so a replayed event (Stripe retries, or an attacker resends a captured one) finds its id
-- and changes nothing.
CREATE TABLE stripe_events (
    id          TEXT    NOT NULL PRIMARY KEY,
    type        TEXT    NOT NULL,
    object_id   TEXT,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
