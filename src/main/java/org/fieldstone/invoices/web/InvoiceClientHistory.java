package org.fieldstone.invoices.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.fieldstone.clients.ClientHistory;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/** The client's invoices on the client page, only for those who may read invoices (a technician may not). */
@Component
class InvoiceClientHistory implements ClientHistory {

    private final Invoices invoices;
    private final Pricing pricing;

    InvoiceClientHistory(Invoices invoices, Pricing pricing) {
        this.invoices = invoices;
        this.pricing = pricing;
    }

    @Override
    public List<Section> sections(Actor actor, String clientId, int limit, ZoneId zone, Locale locale) {
        Actor money = pricing.withMoneyPolicy(actor); // a user holds the money permissions the company gives its users
        if (!money.can(Permission.INVOICES_READ)) {
            return List.of();
        }
        Page<Invoice> found = invoices.list(money, new InvoiceQuery(null, null, clientId, null, null),
                Page.request(0, limit));
        List<Row> rows = found.items().stream().map(i -> new Row(i.number(), i.title(),
                "invoices.status." + i.status().name(), i.status().name().toLowerCase(Locale.ROOT),
                i.issuedOn() != null ? i.issuedOn() : i.createdAt().atZone(zone).toLocalDate(),
                i.totals().total().format(locale), "invoices/" + i.id())).toList();
        return List.of(new Section(40, "client-invoices", "clients.history.invoices", rows, found.total(),
                "invoices?client=" + clientId, money.can(Permission.INVOICES_WRITE)
                ? "invoices/new?clientId=" + clientId : null, "clients.new-invoice"));
    }
}
