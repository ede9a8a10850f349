package org.fieldstone.invoices;

import java.util.Locale;
import org.fieldstone.shared.Actor;

/** Invoices as PDFs (the same sheet the API's {@code /pdf} prints), for modules that send them, e.g. by email. */
public interface InvoicePdfs {

    /** The invoice as the actor may read it, printed in {@code locale} (null: the company country's format). */
    byte[] pdf(Actor actor, String invoiceId, Locale locale);
}
