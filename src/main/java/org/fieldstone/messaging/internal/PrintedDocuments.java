package org.fieldstone.messaging.internal;

import org.fieldstone.invoices.InvoicePdfs;
import org.fieldstone.messaging.DocumentPdfs;
import org.fieldstone.quotes.QuotePdfs;
import org.fieldstone.shared.Actor;
import org.springframework.stereotype.Component;

/** The PDFs emails attach: the quotes' and invoices' own printed sheets, in the company country's format. */
@Component
class PrintedDocuments implements DocumentPdfs {

    private final QuotePdfs quotes;
    private final InvoicePdfs invoices;

    PrintedDocuments(QuotePdfs quotes, InvoicePdfs invoices) {
        this.quotes = quotes;
        this.invoices = invoices;
    }

    @Override
    public byte[] quote(Actor actor, String quoteId) {
        return quotes.pdf(actor, quoteId, null);
    }

    @Override
    public byte[] invoice(Actor actor, String invoiceId) {
        return invoices.pdf(actor, invoiceId, null);
    }
}
