package org.fieldstone.invoices;

/** Which invoices to list; every field null: all. {@code search}: a number or words of the title. */
public record InvoiceQuery(InvoiceStatus status, Boolean overdue, String clientId, String jobId, String search) {

    public static final InvoiceQuery ALL = new InvoiceQuery(null, null, null, null, null);
}
