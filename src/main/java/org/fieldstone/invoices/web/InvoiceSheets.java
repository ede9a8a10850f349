package org.fieldstone.invoices.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import org.fieldstone.files.Files;
import org.fieldstone.jobs.VisitSignature;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.DomainException;
import org.springframework.beans.factory.ObjectProvider;

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
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Invoices invoices;
    private final Clients clients;
    private final Pricing pricing;
    private final Companies companies;
    private final DocumentPdf pdf;

    private final ObjectProvider<Visits> visits;
    private final ObjectProvider<Files> files;

    InvoiceSheets(Invoices invoices, Clients clients, Pricing pricing, Companies companies, DocumentPdf pdf,
                  ObjectProvider<Visits> visits, ObjectProvider<Files> files) {
        this.visits = visits;
        this.files = files;
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
                date, i.dueOn() == null ? null : DAY.format(i.dueOn()), credits, PrintedLine.of(i.lines(), i.totals()),
                signatures(actor, i));
    }

    /**
     * The signatures collected on the visits of the invoice's job, each PNG read through the files facade as the
     * platform (whoever may read the invoice sees the signature printed on it, the portal's customer included); one
     * still being scanned is left out.
     */
    private java.util.List<InvoiceSheet.Signature> signatures(Actor actor, Invoice i) {
        if (i.jobId() == null) {
            return java.util.List.of();
        }
        Actor platform = Actor.system(actor.tenant(), Channel.SYSTEM);
        java.time.ZoneId zone = companies.timeZone(actor.tenant());
        java.util.List<InvoiceSheet.Signature> printed = new java.util.ArrayList<>();
        for (VisitSignature s : visits.getObject().signatures(platform, i.jobId())) {
            try {
                Files.Content content = files.getObject().content(platform, s.fileId(), false);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                content.writeTo(png);
                printed.add(new InvoiceSheet.Signature(s.signedBy(), WHEN.format(s.signedAt().atZone(zone)),
                        "data:" + content.contentType() + ";base64," + Base64.getEncoder().encodeToString(png.toByteArray())));
            } catch (DomainException | IOException e) {
                // not clean yet (or gone): the invoice prints without it
            }
        }
        return printed;
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
