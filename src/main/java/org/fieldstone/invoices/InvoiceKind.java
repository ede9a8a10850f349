package org.fieldstone.invoices;

/**
 * What an invoice is. A {@code DEPOSIT} invoice asks for a job's deposit with its own tax (where the law wants one, as
 * in France or Germany); the job's final {@code INVOICE} deducts what was paid on it. A {@code CREDIT_NOTE} credits a
 * sent invoice (all of it or some lines): a document of its own, numbered in its own sequence when issued, never paid.
 */
public enum InvoiceKind {
    INVOICE, DEPOSIT, CREDIT_NOTE
}
