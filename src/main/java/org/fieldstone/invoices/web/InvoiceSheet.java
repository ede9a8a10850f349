package org.fieldstone.invoices.web;

import java.util.List;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.pricing.Letterhead;
import org.fieldstone.pricing.PrintedLine;

/**
 * An invoice, deposit invoice or credit note as printed (the PDF, and a page that shows it): who it comes from and goes
 * to, and every figure of the invoice (the calculator's, its payments', deductions' and credits') — the template formats
 * them, it never adds anything up. Dates are in the company's time zone.
 *
 * @param kind    {@code invoice}, {@code deposit} or {@code credit-note}: which words head it
 * @param date    when it was issued, or made (a draft), {@code yyyy-MM-dd}
 * @param credits the number of the invoice a credit note credits, or null
 * @param signatures the customer signatures of the invoice's job (none for an invoice without one)
 */
record InvoiceSheet(Letterhead from, Invoice invoice, String kind, String clientName, List<String> propertyAddress,
                    String date, String dueOn, String credits, List<PrintedLine> lines, List<Signature> signatures) {

    /**
     * A customer's signature collected on a visit of the job the invoice was made from: the printed name, when
     * (the company's time zone) and the PNG as a {@code data:} URI (read server-side through the files facade).
     */
    record Signature(String signedBy, String signedAt, String image) {
    }
}
