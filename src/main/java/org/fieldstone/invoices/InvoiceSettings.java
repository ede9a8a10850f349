package org.fieldstone.invoices;

/**
 * How a company numbers and dates its invoices.
 *
 * @param prefix           before the number, e.g. {@code INV-} (deposit invoices and invoices share the sequence)
 * @param nextNumber       the number the next invoice sent gets
 * @param paymentTermsDays due this many days after sending (net 30 by default)
 */
public record InvoiceSettings(String prefix, long nextNumber, int paymentTermsDays) {
}
