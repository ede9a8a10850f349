package org.fieldstone.invoices.web;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.pricing.DocumentPdf;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.PrintedLine;
import org.fieldstone.shared.Actor;
import org.fieldstone.tenancy.Companies;
import org.springframework.stereotype.Component;

/**
 * Makes an invoice's {@link InvoiceSheet} and prints it with the template {@value #TEMPLATE}. Only what the actor may
 * read: the invoice ({@code invoices:read}; another company's is not found), its client and property.
 */
@Component
class InvoiceSheets implements org.fieldstone.invoices.InvoicePdfs {

    static final String TEMPLATE = "documents/invoice";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final Invoices invoices;
    private final Clients clients;
    private final Pricing pricing;
    private final Companies companies;
    private final DocumentPdf pdf;

    InvoiceSheets(Invoices invoices, Clients clients, Pricing pricing, Companies companies, DocumentPdf pdf) {
        this.invoices = invoices;
        this.clients = clients;
        this.pricing = pricing;
        this.companies = companies;
        this.pdf = pdf;
    }

    InvoiceSheet sheet(Actor actor, String invoiceId) {
        Invoice i = invoices.get(actor, invoiceId);
        // by id: a client archived, or a property deleted, since the invoice was made leaves it printable
        Client client = clients.clientsById(actor, Set.of(i.clientId())).get(i.clientId());
        Property property = i.propertyId() == null ? null
                : clients.propertiesById(actor, Set.of(i.propertyId())).get(i.propertyId());
        String date = i.issuedOn() != null ? DAY.format(i.issuedOn())
                : DAY.format(i.createdAt().atZone(companies.timeZone(actor.tenant())));
        String credits = i.creditsInvoiceId() == null ? null : invoices.get(actor, i.creditsInvoiceId()).number();
        return new InvoiceSheet(pricing.letterhead(actor), i, i.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                client == null ? "" : client.name(), property == null ? java.util.List.of() : property.addressLines(),
                date, i.dueOn() == null ? null : DAY.format(i.dueOn()), credits, PrintedLine.of(i.lines(), i.totals()));
    }

    /** The language of a PDF when the request names none (the company country's number format). */
    Locale companyLocale(Actor actor) {
        return pricing.documentLocale(actor);
    }

    @Override
    public byte[] pdf(Actor actor, String invoiceId, Locale locale) {
        return pdf(sheet(actor, invoiceId), locale == null ? companyLocale(actor) : locale);
    }

    /** The sheet as a PDF in {@code locale}, made now and not kept anywhere. */
    byte[] pdf(InvoiceSheet sheet, Locale locale) {
        return pdf.render(TEMPLATE, Map.of("sheet", sheet), locale);
    }

    /** The PDF's file name: the number, or "draft" and the id's start while it has none. */
    static String fileName(Invoice invoice) {
        return (invoice.number() != null ? invoice.number() : "draft-" + invoice.id().substring(0, 8)) + ".pdf";
    }
}
