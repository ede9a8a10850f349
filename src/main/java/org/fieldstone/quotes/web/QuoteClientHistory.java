package org.fieldstone.quotes.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.fieldstone.clients.ClientHistory;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteQuery;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/** The client's quotes on the client page, for those who may read quotes. */
@Component
class QuoteClientHistory implements ClientHistory {

    private final Quotes quotes;
    private final Pricing pricing;

    QuoteClientHistory(Quotes quotes, Pricing pricing) {
        this.quotes = quotes;
        this.pricing = pricing;
    }

    @Override
    public List<Section> sections(Actor actor, String clientId, int limit, ZoneId zone, Locale locale) {
        Actor money = pricing.withMoneyPolicy(actor); // a user holds the money permissions the company gives its users
        if (!money.can(Permission.QUOTES_READ)) {
            return List.of();
        }
        Page<Quote> found = quotes.list(money, new QuoteQuery(null, null, clientId, null), Page.request(0, limit));
        List<Row> rows = found.items().stream().map(q -> new Row(q.number(), q.title(),
                "quotes.status." + q.status().name(), q.status().name().toLowerCase(Locale.ROOT),
                q.createdAt().atZone(zone).toLocalDate(), q.totals().total().format(locale), "quotes/" + q.id())).toList();
        return List.of(new Section(30, "client-quotes", "clients.history.quotes", rows, found.total(),
                "quotes?client=" + clientId, money.can(Permission.QUOTES_WRITE)
                ? "quotes/new?clientId=" + clientId : null, "clients.new-quote"));
    }
}
