package org.fieldstone.quotes.internal;

import static org.fieldstone.quotes.internal.QuoteTables.CLIENT_ID;
import static org.fieldstone.quotes.internal.QuoteTables.CURRENCY;
import static org.fieldstone.quotes.internal.QuoteTables.DEPOSIT;
import static org.fieldstone.quotes.internal.QuoteTables.DISCOUNT;
import static org.fieldstone.quotes.internal.QuoteTables.EXPIRES_ON;
import static org.fieldstone.quotes.internal.QuoteTables.LINE_ITEMS;
import static org.fieldstone.quotes.internal.QuoteTables.NOTES;
import static org.fieldstone.quotes.internal.QuoteTables.PROPERTY_ID;
import static org.fieldstone.quotes.internal.QuoteTables.QUOTES;
import static org.fieldstone.quotes.internal.QuoteTables.REVISION;
import static org.fieldstone.quotes.internal.QuoteTables.STATUS;
import static org.fieldstone.quotes.internal.QuoteTables.TAX_INCLUSIVE;
import static org.fieldstone.quotes.internal.QuoteTables.TERMS;
import static org.fieldstone.quotes.internal.QuoteTables.TITLE;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.clients.Clients;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.DocumentLines;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.PricedLine;
import org.fieldstone.pricing.PricingSettings;
import org.fieldstone.pricing.Totals;
import org.fieldstone.pricing.TotalsCalculator;
import org.fieldstone.quotes.NewQuote;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteChanges;
import org.fieldstone.quotes.QuoteQuery;
import org.fieldstone.quotes.QuoteRevision;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.Decision;
import org.fieldstone.tenancy.DomainEvents;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.stereotype.Service;

/**
 * {@link Quotes} over the one write path: each change loads the {@link QuoteAggregate} inside its transaction (the row
 * locked), lets a verb decide and applies the {@link Decision} in the same transaction. Writes act with the actor as
 * the company's money policy sees it ({@link Pricing#withMoneyPolicy}).
 */
@Service
class QuoteService implements Quotes {

    static final int TITLE_MAX = 200;
    static final int TEXT_MAX = 10_000;
    static final int DEFAULT_VALID_DAYS = 30;

    private final CompanyDatabases databases;
    private final Companies companies;
    private final RecordStore store;
    private final QuoteRecords records;
    private final Clients clients;
    private final Pricing pricing;
    private final DomainEvents events;
    private final AuditTrail audit;
    private final Clock clock;

    QuoteService(CompanyDatabases databases, Companies companies, RecordStore store, QuoteRecords records,
                 Clients clients, Pricing pricing, DomainEvents events, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.databases = databases;
        this.companies = companies;
        this.store = store;
        this.records = records;
        this.clients = clients;
        this.pricing = pricing;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Page<Quote> list(Actor actor, QuoteQuery query, Page.PageRequest page) {
        actor.require(Permission.QUOTES_READ);
        return records.list(databases.of(actor.tenant()), query, page, today(actor));
    }

    @Override
    public long count(Actor actor, QuoteQuery query) {
        actor.require(Permission.QUOTES_READ);
        return records.count(databases.of(actor.tenant()), query, today(actor));
    }

    @Override
    public Quote get(Actor actor, String quoteId) {
        actor.require(Permission.QUOTES_READ);
        return find(actor, databases.of(actor.tenant()), quoteId);
    }

    @Override
    public List<QuoteRevision> revisions(Actor actor, String quoteId) {
        actor.require(Permission.QUOTES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        return records.revisions(db, quoteId, find(actor, db, quoteId));
    }

    @Override
    public List<AuditEntry> history(Actor actor, String quoteId, int limit) {
        actor.require(Permission.QUOTES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, quoteId);
        return audit.find(actor.tenant(), db.jdbc(), AuditQuery.forEntity(QUOTES.entityType(), quoteId),
                new Page.PageRequest(0, limit)).items();
    }

    @Override
    public Totals preview(Actor actor, String quoteId, List<LineInput> lines, Discount discount) {
        actor.require(Permission.QUOTES_READ);
        Quote current = quoteId == null ? null : get(actor, quoteId);
        PricingSettings prices = current == null ? pricing.settings(actor) : null;
        String currency = current == null ? prices.currency() : current.currency();
        boolean taxInclusive = current == null ? prices.taxInclusive() : current.taxInclusive();
        List<DocumentLine> kept = new ArrayList<>();
        for (LineInput in : lines.stream().limit(Pricing.LINES_MAX).toList()) {
            // line by line, so that one refused line leaves the others' figures standing
            InvalidInput.Collector refused = new InvalidInput.Collector();
            List<DocumentLine> checked = pricing.lines(actor, List.of(in), current == null ? List.of() : current.lines(),
                    refused);
            if (refused.isEmpty() && !checked.isEmpty()) {
                DocumentLine l = checked.getFirst();
                kept.add(new DocumentLine("line-" + kept.size(), l.productId(), l.description(), l.quantity(),
                        l.unitPrice(), l.discountPercent(), l.tax(), l.optional(), l.group()));
            }
        }
        java.util.Set<String> counted = QuoteRecords.counted(kept, null);
        List<PricedLine> priced = kept.stream().map(l -> l.priced(counted.contains(l.id()))).toList();
        return TotalsCalculator.calculate(currency, taxInclusive, priced, discount);
    }

    @Override
    public Quote create(Actor actor, NewQuote quote) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.QUOTES_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String clientId = blankToEmpty(quote.clientId());
        String propertyId = blankToEmpty(quote.propertyId());
        clients.checkClientAndProperty(actor, errors, clientId, propertyId, true);
        String title = title(errors, quote.title());
        List<DocumentLine> lines = pricing.lines(actor, quote.lines() == null ? List.of() : quote.lines(), List.of(), errors);
        String terms = text(errors, "terms", quote.terms());
        String notes = text(errors, "notes", quote.notes());
        LocalDate today = today(actor);
        LocalDate expiresOn = quote.expiresOn() == null || quote.expiresOn().isBlank() ? today.plusDays(DEFAULT_VALID_DAYS)
                : expiresOn(errors, quote.expiresOn(), today);
        errors.throwIfAny();
        PricingSettings prices = pricing.settings(actor);
        Changes values = Changes.of(QUOTES).set(CLIENT_ID, clientId).set(PROPERTY_ID, propertyId).set(TITLE, title)
                .set(STATUS, QuoteStatus.DRAFT.name()).set(REVISION, 1).set(CURRENCY, prices.currency())
                .set(TAX_INCLUSIVE, prices.taxInclusive()).set(LINE_ITEMS, DocumentLines.toJson(lines))
                .set(DISCOUNT, format(quote.discount())).set(DEPOSIT, format(quote.deposit())).set(TERMS, terms)
                .set(NOTES, notes).set(EXPIRES_ON, expiresOn == null ? null : expiresOn.toString());
        String id = db.inTransaction(() -> store.insert(money, values).id());
        return find(actor, db, id);
    }

    @Override
    public Quote update(Actor actor, String quoteId, long expectedVersion, QuoteChanges changes) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.QUOTES_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        return change(money, db, quoteId, (quote, current) -> {
            quote.requireEditable();
            InvalidInput.Collector errors = new InvalidInput.Collector();
            Changes set = Changes.of(QUOTES);
            if (changes.propertyId() instanceof Change.To<String>(String property)) {
                String p = blankToEmpty(property);
                clients.checkClientAndProperty(actor, errors, current.clientId(), p, true);
                set.set(PROPERTY_ID, p);
            }
            if (changes.title() instanceof Change.To<String>(String t)) {
                set.set(TITLE, title(errors, t));
            }
            if (changes.lines() instanceof Change.To<List<LineInput>>(List<LineInput> given)) {
                set.set(LINE_ITEMS, DocumentLines.toJson(pricing.lines(actor, given == null ? List.of() : given,
                        current.lines(), errors)));
            }
            if (changes.discount() instanceof Change.To<Discount>(Discount d)) {
                set.set(DISCOUNT, format(d));
            }
            if (changes.deposit() instanceof Change.To<Discount>(Discount d)) {
                set.set(DEPOSIT, format(d));
            }
            if (changes.terms() instanceof Change.To<String>(String t)) {
                set.set(TERMS, text(errors, "terms", t));
            }
            if (changes.notes() instanceof Change.To<String>(String t)) {
                set.set(NOTES, text(errors, "notes", t));
            }
            if (changes.expiresOn() instanceof Change.To<String>(String e)) {
                LocalDate on = e == null || e.isBlank() ? null : expiresOn(errors, e, today(actor));
                set.set(EXPIRES_ON, on == null ? null : on.toString());
            }
            errors.throwIfAny();
            return quote.edit(expectedVersion, set);
        });
    }

    @Override
    public void delete(Actor actor, String quoteId, long expectedVersion) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.QUOTES_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            load(actor, db, quoteId).requireDeletable();
            store.delete(money, QUOTES, RecordKey.of(quoteId), expectedVersion);
            return null;
        });
    }

    @Override
    public Quote send(Actor actor, String quoteId, long expectedVersion) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.QUOTES_WRITE);
        return change(money, databases.of(actor.tenant()), quoteId,
                (quote, current) -> quote.send(expectedVersion, clock.instant()));
    }

    @Override
    public Quote approve(Actor actor, String quoteId, long expectedVersion, String signatureName,
                         List<String> chosenItemIds) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.QUOTES_WRITE);
        return change(money, databases.of(actor.tenant()), quoteId, (quote, current) -> quote.approve(expectedVersion,
                signatureName, chosenItemIds, clock.instant(), actor.displayName(), actor.ip(), actor.userAgent(),
                byCustomer(actor)));
    }

    @Override
    public Quote decline(Actor actor, String quoteId, long expectedVersion, String reason) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.QUOTES_WRITE);
        return change(money, databases.of(actor.tenant()), quoteId,
                (quote, current) -> quote.decline(expectedVersion, reason, clock.instant(), byCustomer(actor)));
    }

    @Override
    public Quote requestChanges(Actor actor, String quoteId, long expectedVersion, String message) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.QUOTES_WRITE);
        return change(money, databases.of(actor.tenant()), quoteId,
                (quote, current) -> quote.requestChanges(expectedVersion, message, clock.instant(),
                        byCustomer(actor)));
    }

    @Override
    public Quote convert(Actor actor, String quoteId, long expectedVersion, Function<Quote, String> makeJob) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.QUOTES_WRITE);
        return change(money, databases.of(actor.tenant()), quoteId, (quote, current) -> {
            quote.requireConvertible();
            if (current.version() != expectedVersion) {
                throw new VersionConflict(QUOTES.thing(), current.version());
            }
            return quote.convert(expectedVersion, makeJob.apply(current), clock.instant());
        });
    }

    // ---- helpers

    /** A decision the customer made on the portal (the events say so: the office is told of it). */
    private static boolean byCustomer(Actor actor) {
        return actor.channel() == org.fieldstone.shared.Channel.PORTAL;
    }

    /** A verb given the aggregate and the quote as read (both under the transaction's lock). */
    @FunctionalInterface
    private interface Verb {
        Decision decide(QuoteAggregate quote, Quote current);
    }

    private Quote change(Actor actor, CompanyDatabase db, String quoteId, Verb verb) {
        db.inTransaction(() -> {
            LocalDate today = today(actor);
            QuoteRecords.Row row = records.row(db, quoteId, true)
                    .orElseThrow(() -> new NotFound(Message.of("quotes.thing.quote")));
            QuoteAggregate aggregate = new QuoteAggregate(actor.tenant(), row, today);
            return verb.decide(aggregate, QuoteRecords.quote(row, today)).apply(actor, db, store, events);
        });
        return find(actor, db, quoteId);
    }

    private QuoteAggregate load(Actor actor, CompanyDatabase db, String quoteId) {
        QuoteRecords.Row row = records.row(db, quoteId, true).orElseThrow(() -> new NotFound(Message.of("quotes.thing.quote")));
        return new QuoteAggregate(actor.tenant(), row, today(actor));
    }

    private Quote find(Actor actor, CompanyDatabase db, String quoteId) {
        return records.quote(db, quoteId, today(actor)).orElseThrow(() -> new NotFound(Message.of("quotes.thing.quote")));
    }

    private LocalDate today(Actor actor) {
        return LocalDate.now(clock.withZone(companies.timeZone(actor.tenant())));
    }


    private static String title(InvalidInput.Collector errors, String given) {
        String title = given == null ? "" : given.strip();
        if (title.isEmpty()) {
            errors.add("title", Message.of("quotes.refused.title-required"));
        } else if (title.length() > TITLE_MAX) {
            errors.add("title", Message.of("quotes.refused.title-too-long", TITLE_MAX));
        }
        return title;
    }

    private static String text(InvalidInput.Collector errors, String field, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        if (given.strip().length() > TEXT_MAX) {
            errors.add(field, Message.of("quotes.refused.text-too-long", TEXT_MAX));
        }
        return given.strip();
    }

    private static LocalDate expiresOn(InvalidInput.Collector errors, String given, LocalDate today) {
        try {
            LocalDate on = LocalDate.parse(given.strip());
            if (on.isBefore(today)) {
                errors.add("expiresOn", Message.of("quotes.refused.expires-past"));
            }
            return on;
        } catch (DateTimeParseException e) {
            errors.add("expiresOn", Message.of("quotes.refused.expires-on"));
            return null;
        }
    }

    private static String format(Discount d) {
        return d == null ? null : d.format();
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
