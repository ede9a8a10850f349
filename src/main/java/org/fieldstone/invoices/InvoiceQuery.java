package org.fieldstone.invoices;

/**
 * Which invoices to list; every field null: all. {@code search}: a number or words of the title; {@code kind}: only
 * invoices, deposit invoices or credit notes.
 */
public record InvoiceQuery(InvoiceStatus status, Boolean overdue, String clientId, String jobId, String search,
                           InvoiceKind kind) {

    public static final InvoiceQuery ALL = new InvoiceQuery(null, null, null, null, null, null);

    public InvoiceQuery(InvoiceStatus status, Boolean overdue, String clientId, String jobId, String search) {
        this(status, overdue, clientId, jobId, search, null);
    }
}
