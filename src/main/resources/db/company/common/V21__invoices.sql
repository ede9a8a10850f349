-- Invoices and the payments recorded against them (issue 11). Written only through the one write path. Money
-- (line items, discount, deposit, deductions, payment amounts), the texts for the customer and payment references are
-- sealed (ciphertext); issued_on and due_on are ISO dates in the company's time zone. A draft has no number: numbers
-- are given when an invoice is sent, so a deleted draft leaves no gap.
CREATE TABLE invoices (
    id                  TEXT    NOT NULL PRIMARY KEY,
    number              TEXT,
    kind                TEXT    NOT NULL,
    client_id           TEXT    NOT NULL REFERENCES clients (id),
    property_id         TEXT    REFERENCES properties (id),
    job_id              TEXT,
    quote_id            TEXT,
    title               TEXT    NOT NULL,
    status              TEXT    NOT NULL,
    currency            TEXT    NOT NULL,
    tax_inclusive       BOOLEAN NOT NULL DEFAULT FALSE,
    line_items          TEXT,
    discount            TEXT,
    deposit             TEXT,
    deductions          TEXT,
    terms               TEXT,
    notes               TEXT,
    payment_terms_days  INTEGER NOT NULL,
    issued_on           TEXT,
    due_on              TEXT,
    sent_at             BIGINT,
    voided_at           BIGINT,
    void_reason         TEXT,
    version             BIGINT  NOT NULL,
    created_at          BIGINT  NOT NULL,
    created_by          TEXT    NOT NULL,
    updated_at          BIGINT  NOT NULL,
    updated_by          TEXT    NOT NULL
);
CREATE UNIQUE INDEX invoices_number ON invoices (number);
CREATE INDEX invoices_status ON invoices (status, due_on);
CREATE INDEX invoices_client ON invoices (client_id);
CREATE INDEX invoices_job ON invoices (job_id);

CREATE TABLE payments (
    id          TEXT    NOT NULL PRIMARY KEY,
    invoice_id  TEXT    NOT NULL REFERENCES invoices (id),
    amount      TEXT    NOT NULL,
    currency    TEXT    NOT NULL,
    method      TEXT    NOT NULL,
    paid_on     TEXT    NOT NULL,
    reference   TEXT,
    reason      TEXT,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
CREATE INDEX payments_invoice ON payments (invoice_id, paid_on);
