package org.fieldstone.invoices;

/** Where an invoice stands; <em>overdue</em> is computed ({@link Invoice#overdue()}), not a status. */
public enum InvoiceStatus {
    DRAFT, SENT, PARTIALLY_PAID, PAID, VOID;

    /** Sent and not settled: the customer owes its balance. */
    public boolean isOpen() {
        return this == SENT || this == PARTIALLY_PAID;
    }
}
