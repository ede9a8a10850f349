package org.fieldstone.assistant.internal;

import static org.fieldstone.assistant.internal.ToolDefinition.writes;

import java.math.BigDecimal;
import java.util.List;
import org.fieldstone.assistant.internal.ToolOutput.MoneyJson;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Totals;
import org.fieldstone.quotes.NewQuote;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.VersionConflict;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Quotes: a draft made through {@link Quotes#create} and sent through {@link Quotes#send}, as the dashboard's quote form
 * and its Send button (which emails the customer the quote and its link).
 */
@Component
@Order(3)
class QuoteTools implements ToolSet {

    static final int MAX_LINES = 50;

    private final Quotes quotes;
    private final Clients clients;
    private final org.fieldstone.tenancy.Companies companies;

    QuoteTools(Quotes quotes, Clients clients, org.fieldstone.tenancy.Companies companies) {
        this.quotes = quotes;
        this.clients = clients;
        this.companies = companies;
    }

    record QuoteLine(
            @ToolParam(description = "What is offered, e.g. Annual boiler service") String description,
            @ToolParam(description = "How many (decimal, e.g. 1 or 2.5)") BigDecimal quantity,
            @ToolParam(required = false, description = "Price of one in minor units of the company's currency (e.g. "
                    + "cents: 12050 for 120.50); may be left out with a productId (the product's price)") Long unitPrice,
            @ToolParam(required = false, description = "A product or service of the company's catalogue, whose price "
                    + "and tax apply") String productId) {
    }

    record CreateQuote(
            @ToolParam(description = "The client's id (from find_clients)") String clientId,
            @ToolParam(required = false, description = "The id of the client's property the quote is for (from "
                    + "get_client); may be left out when the client has just one") String propertyId,
            @ToolParam(description = "Short title, e.g. Boiler service") String title,
            @ToolParam(description = "The lines, 1 to 50") List<QuoteLine> lines,
            @ToolParam(required = false, description = "Notes for the customer") String notes,
            @ToolParam(required = false, description = "Valid until (ISO date); default in 30 days") String expiresOn) {
    }

    record SendQuote(
            @ToolParam(description = "The quote's id (quoteId of create_quote)") String quoteId,
            @ToolParam(required = false, description = "The quote's version as last read; default: the current one")
            Long version) {
    }

    record LineJson(String description, BigDecimal quantity, MoneyJson unitPrice) {
    }

    record QuoteJson(String quoteId, String number, String title, String status, String clientId, String client,
                     List<LineJson> lines, MoneyJson total, String expiresOn, String sentAt, long version) {
    }

    @Override
    public List<ToolDefinition<?>> definitions() {
        return List.of(
                writes("create_quote", "Draft quote",
                        "Creates a draft quote for a client: a title and lines (description, quantity, unit price in "
                                + "minor units, or a catalogue product). Nothing is sent to the customer; use "
                                + "send_quote for that. Returns the draft with its number and total.",
                        CreateQuote.class, Permission.QUOTES_WRITE, this::create, this::previewCreate),
                writes("send_quote", "Send quote",
                        "Sends a quote to its client by email (with a link to view and approve it), as the dashboard's "
                                + "Send button. Refused if it changed since its version was read.",
                        SendQuote.class, Permission.QUOTES_WRITE, this::send, this::previewSend));
    }

    QuoteJson create(Actor actor, CreateQuote args) {
        Quote quote = quotes.create(actor, newQuote(actor, args));
        return json(actor, quote);
    }

    String previewCreate(Actor actor, CreateQuote args) {
        actor.require(Permission.QUOTES_WRITE);
        NewQuote quote = newQuote(actor, args);
        String client = actor.can(Permission.CLIENTS_READ) ? clients.get(actor, quote.clientId()).name() : "the client";
        Totals totals = quotes.preview(actor, null, quote.lines(), null);
        int n = quote.lines().size();
        return "Create a draft quote \"" + args.title().strip() + "\" for " + client + " with " + n
                + (n == 1 ? " line" : " lines") + ", total " + totals.total().format(java.util.Locale.ENGLISH)
                + " (not sent).";
    }

    QuoteJson send(Actor actor, SendQuote args) {
        Quote quote = quotes.get(actor, args.quoteId().strip());
        return json(actor, quotes.send(actor, quote.id(), args.version() == null ? quote.version() : args.version()));
    }

    String previewSend(Actor actor, SendQuote args) {
        Quote quote = quotes.get(actor, args.quoteId().strip());
        actor.require(Permission.QUOTES_WRITE);
        if (args.version() != null && args.version() != quote.version()) {
            throw new VersionConflict(Message.of("quotes.thing.quote"), quote.version());
        }
        Client client = SeenClients.client(clients, actor, quote.clientId()).orElse(null);
        String to = client == null ? "its client" : client.name()
                + (client.email() == null || client.email().isBlank() ? "" : " <" + client.email() + ">");
        return "Send quote " + (quote.number() == null ? "" : quote.number() + " ") + "\"" + quote.title() + "\" ("
                + quote.totals().total().format(java.util.Locale.ENGLISH) + ") to " + to + ".";
    }

    private NewQuote newQuote(Actor actor, CreateQuote args) {
        if (args.lines().isEmpty() || args.lines().size() > MAX_LINES) {
            throw new InvalidInput("lines", Message.of("assistant.refused.lines", MAX_LINES));
        }
        String propertyId = args.propertyId();
        if (propertyId == null || propertyId.isBlank()) {
            var properties = SeenClients.properties(clients, actor, args.clientId().strip());
            propertyId = properties.size() == 1 ? properties.getFirst().id() : null;
        }
        List<LineInput> lines = args.lines().stream().map(l -> new LineInput(null, blankToNull(l.productId()),
                l.description(), l.quantity(), l.unitPrice(), null, Change.keep(), false, null)).toList();
        return new NewQuote(args.clientId().strip(), propertyId, args.title(), lines, null, null, null, args.notes(),
                args.expiresOn());
    }

    private QuoteJson json(Actor actor, Quote q) {
        String client = SeenClients.name(clients, actor, q.clientId()).orElse(null);
        return new QuoteJson(q.id(), q.number(), q.title(), q.status().name(), q.clientId(), client,
                q.lines().stream().map(l -> new LineJson(l.description(), l.quantity(),
                        MoneyJson.of(Money.of(l.unitPrice(), q.currency())))).toList(),
                MoneyJson.of(q.totals().total()), ToolOutput.date(q.expiresOn()),
                ToolOutput.time(q.sentAt(), companies.timeZone(actor.tenant())), q.version());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
