package org.fieldstone.quotes.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.pricing.DocumentPdf;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.PrintedLine;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.tenancy.Companies;
import org.springframework.stereotype.Component;

/**
 * Makes a quote's {@link QuoteSheet} and prints it with the template {@value #TEMPLATE}. Only what the actor may read:
 * the quote ({@code quotes:read}, another company's is not found), its client and property.
 */
@Component
class QuoteSheets implements org.fieldstone.quotes.QuotePdfs {

    static final String TEMPLATE = "documents/quote";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final Quotes quotes;
    private final Clients clients;
    private final Pricing pricing;
    private final Companies companies;
    private final DocumentPdf pdf;

    QuoteSheets(Quotes quotes, Clients clients, Pricing pricing, Companies companies, DocumentPdf pdf) {
        this.quotes = quotes;
        this.clients = clients;
        this.pricing = pricing;
        this.companies = companies;
        this.pdf = pdf;
    }

    QuoteSheet sheet(Actor actor, String quoteId) {
        Quote q = quotes.get(actor, quoteId);
        ZoneId zone = companies.timeZone(actor.tenant());
        // by id: a client archived, or a property deleted, since the quote was made leaves it printable
        Client client = clients.clientsById(actor, Set.of(q.clientId())).get(q.clientId());
        Property property = q.propertyId() == null ? null
                : clients.propertiesById(actor, Set.of(q.propertyId())).get(q.propertyId());
        List<PrintedLine> lines = PrintedLine.of(q.lines(), q.totals());
        Instant dated = q.sentAt() != null ? q.sentAt() : q.createdAt();
        return new QuoteSheet(pricing.letterhead(actor), q, client == null ? "" : client.name(), address(property),
                DAY.format(dated.atZone(zone)), q.expiresOn() == null ? null : DAY.format(q.expiresOn()), lines,
                q.totals(), q.depositDue(),
                q.approval() == null ? null : MINUTE.format(q.approval().approvedAt().atZone(zone)));
    }

    /**
     * The language a PDF is printed in when the request names none: English with the number format of the company's
     * country, rather than whatever the server's default happens to be, so every machine prints the same.
     */
    Locale companyLocale(Actor actor) {
        return pricing.documentLocale(actor);
    }

    @Override
    public byte[] pdf(Actor actor, String quoteId, Locale locale) {
        return pdf(sheet(actor, quoteId), locale == null ? companyLocale(actor) : locale);
    }

    /** The sheet as a PDF in {@code locale}, made now and not kept anywhere. */
    byte[] pdf(QuoteSheet sheet, Locale locale) {
        return pdf.render(TEMPLATE, Map.of("sheet", sheet), locale);
    }

    private static List<String> address(Property p) {
        return p == null ? List.of() : p.addressLines();
    }
}
