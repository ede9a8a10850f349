package org.fieldstone.messaging;

import org.fieldstone.shared.Actor;

/**
 * The PDFs of quotes and invoices that emails attach. Messaging does not render documents: the application provides
 * one bean of this type (an adapter over the PDF renderer); while there is none, emails are sent without an
 * attachment and recorded as such.
 */
public interface DocumentPdfs {

    /** The quote's current revision as a PDF, read as {@code actor}. */
    byte[] quote(Actor actor, String quoteId);

    /** The invoice as a PDF, read as {@code actor}. */
    byte[] invoice(Actor actor, String invoiceId);

    /** The attachment's file name, e.g. {@code Q-0001.pdf}. */
    default String fileName(DocumentType type, String number) {
        return (number == null || number.isBlank() ? type.code() : number.replaceAll("[^A-Za-z0-9._-]", "_")) + ".pdf";
    }
}
