package org.fieldstone.invoices.internal;

import static org.fieldstone.invoices.internal.InvoiceTables.CLIENT_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.CURRENCY;
import static org.fieldstone.invoices.internal.InvoiceTables.DEDUCTIONS;
import static org.fieldstone.invoices.internal.InvoiceTables.DEPOSIT;
import static org.fieldstone.invoices.internal.InvoiceTables.DISCOUNT;
import static org.fieldstone.invoices.internal.InvoiceTables.INVOICES;
import static org.fieldstone.invoices.internal.InvoiceTables.JOB_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.KIND;
import static org.fieldstone.invoices.internal.InvoiceTables.LINE_ITEMS;
import static org.fieldstone.invoices.internal.InvoiceTables.NOTES;
import static org.fieldstone.invoices.internal.InvoiceTables.PAYMENT_TERMS_DAYS;
import static org.fieldstone.invoices.internal.InvoiceTables.PROPERTY_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.QUOTE_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.STATUS;
import static org.fieldstone.invoices.internal.InvoiceTables.TAX_INCLUSIVE;
import static org.fieldstone.invoices.internal.InvoiceTables.TERMS;
import static org.fieldstone.invoices.internal.InvoiceTables.TITLE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldstone.clients.Clients;
import org.fieldstone.invoices.Deduction;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceChanges;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.InvoiceSettings;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.NewInvoice;
import org.fieldstone.invoices.NewPayment;
import org.fieldstone.invoices.Payment;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.DocumentLines;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.LineTax;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.PricingSettings;
import org.fieldstone.pricing.Product;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.pricing.Totals;
import org.fieldstone.pricing.TotalsCalculator;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.Decision;
import org.fieldstone.tenancy.DomainEvents;
import org.fieldstone.tenancy.HumanNumbers;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.Written;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * {@link Invoices} over the one write path: each change loads the {@link InvoiceAggregate} inside its transaction (the
 * invoice's row locked), lets a verb decide and applies the {@link Decision} in that transaction. Writes act with the
 * actor as the company's money policy sees it ({@link Pricing#withMoneyPolicy}).
 */
@Service
class InvoiceService implements Invoices {

    static final String SEQUENCE = "invoice";
    static final String CREDIT_NOTE_SEQUENCE = "credit_note";
    static final String CREDIT_NOTE_PREFIX = "CN-";
    static final CompanySetting<String> PREFIX = new CompanySetting<>("invoices.number-prefix",
            Permission.PRICING_MANAGE, "INV-", s -> s, s -> s);
    static final CompanySetting<String> TERMS_DAYS = new CompanySetting<>("invoices.payment-terms-days",
            Permission.PRICING_MANAGE, "30", s -> s, s -> s);
    static final int TITLE_MAX = 200;
    static final int TEXT_MAX = 10_000;
    static final int PREFIX_MAX = 12;
    static final int TERMS_MAX_DAYS = 365;

    private final CompanyDatabases databases;
    private final Companies companies;
    private final CompanySettings settings;
    private final HumanNumbers numbers;
    private final RecordStore store;
    private final InvoiceRecords records;
    private final Clients clients;
    private final Jobs jobs;
    private final Pricing pricing;
    private final DomainEvents events;
    private final Clock clock;
    private final org.fieldstone.audit.AuditTrail audit;
    private final org.fieldstone.quotes.Quotes quotes;

    InvoiceService(CompanyDatabases databases, Companies companies, CompanySettings settings, HumanNumbers numbers,
                   RecordStore store, InvoiceRecords records, Clients clients, Jobs jobs, Pricing pricing,
                   DomainEvents events, org.fieldstone.audit.AuditTrail audit, Clock clock,
                   org.fieldstone.quotes.Quotes quotes) {
        this.audit = audit;
        this.quotes = quotes;
        this.databases = databases;
        this.companies = companies;
        this.settings = settings;
        this.numbers = numbers;
        this.store = store;
        this.records = records;
        this.clients = clients;
        this.jobs = jobs;
        this.pricing = pricing;
        this.events = events;
        this.clock = clock;
    }

    // ---- reading

    @Override
    public Page<Invoice> list(Actor actor, InvoiceQuery query, Page.PageRequest page) {
        actor.require(Permission.INVOICES_READ);
        return records.list(databases.of(actor.tenant()), query, page, today(actor));
    }

    @Override
    public long count(Actor actor, InvoiceQuery query) {
        actor.require(Permission.INVOICES_READ);
        return records.count(databases.of(actor.tenant()), query, today(actor));
    }

    @Override
    public Invoice get(Actor actor, String invoiceId) {
        actor.require(Permission.INVOICES_READ);
        return find(actor, databases.of(actor.tenant()), invoiceId);
    }

    @Override
    public List<org.fieldstone.audit.AuditEntry> history(Actor actor, String invoiceId, int limit) {
        actor.require(Permission.INVOICES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, invoiceId);
        return audit.find(actor.tenant(), db.jdbc(), org.fieldstone.audit.AuditQuery.forEntity(INVOICES.entityType(),
                invoiceId), new Page.PageRequest(0, limit)).items();
    }

    @Override
    public Totals preview(Actor actor, String invoiceId, List<LineInput> lines, Discount discount) {
        actor.require(Permission.INVOICES_READ);
        Invoice current = invoiceId == null ? null : get(actor, invoiceId);
        org.fieldstone.pricing.PricingSettings prices = current == null ? pricing.settings(actor) : null;
        String currency = current == null ? prices.currency() : current.currency();
        boolean taxInclusive = current == null ? prices.taxInclusive() : current.taxInclusive();
        List<DocumentLine> kept = new ArrayList<>();
        for (LineInput in : lines.stream().limit(Pricing.LINES_MAX).toList()) {
            // line by line, so that one refused line leaves the others' figures standing
            InvalidInput.Collector refused = new InvalidInput.Collector();
            List<DocumentLine> checked = pricing.lines(actor, List.of(in), current == null ? List.of() : current.lines(),
                    refused);
            if (refused.isEmpty() && !checked.isEmpty()) {
                kept.add(checked.getFirst());
            }
        }
        return TotalsCalculator.calculate(currency, taxInclusive, kept.stream().map(l -> l.priced(true)).toList(), discount);
    }

    @Override
    public List<Payment> payments(Actor actor, String invoiceId) {
        actor.require(Permission.INVOICES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, invoiceId);
        return records.payments(db, List.of(invoiceId)).getOrDefault(invoiceId, List.of());
    }

    @Override
    public List<Payment> paymentsBetween(Actor actor, LocalDate from, LocalDate to) {
        actor.require(Permission.INVOICES_READ);
        return records.paymentsBetween(databases.of(actor.tenant()), from, to);
    }

    // ---- writing invoices

    @Override
    public Invoice create(Actor actor, NewInvoice invoice) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.INVOICES_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String clientId = invoice.clientId() == null ? "" : invoice.clientId().strip();
        String propertyId = invoice.propertyId() == null || invoice.propertyId().isBlank() ? null : invoice.propertyId().strip();
        clients.checkClientAndProperty(actor, errors, clientId, propertyId, false);
        String title = title(errors, invoice.title());
        List<DocumentLine> lines = lines(actor, errors, invoice.lines(), List.of());
        String terms = text(errors, "terms", invoice.terms());
        String notes = text(errors, "notes", invoice.notes());
        int days = invoice.paymentTermsDays() == null ? settings(actor).paymentTermsDays()
                : termsDays(errors, invoice.paymentTermsDays());
        errors.throwIfAny();
        PricingSettings prices = pricing.settings(actor);
        Changes values = draft(InvoiceKind.INVOICE, clientId, propertyId, null, null, title, prices.currency(),
                prices.taxInclusive(), lines, invoice.discount(), invoice.deposit(), List.of(), terms, notes, days);
        String id = db.inTransaction(() -> store.insert(money, values).id());
        return find(actor, db, id);
    }

    @Override
    public Invoice update(Actor actor, String invoiceId, long expectedVersion, InvoiceChanges changes) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.INVOICES_WRITE);
        return change(money, databases.of(actor.tenant()), invoiceId, invoice -> {
            invoice.requireEditable();
            Invoice current = invoice.invoice();
            InvalidInput.Collector errors = new InvalidInput.Collector();
            Changes set = Changes.of(INVOICES);
            if (changes.propertyId() instanceof Change.To<String>(String p)) {
                String property = p == null || p.isBlank() ? null : p.strip();
                clients.checkClientAndProperty(actor, errors, current.clientId(), property, false);
                set.set(PROPERTY_ID, property);
            }
            if (changes.title() instanceof Change.To<String>(String t)) {
                set.set(TITLE, title(errors, t));
            }
            if (changes.lines() instanceof Change.To<List<LineInput>>(List<LineInput> given)) {
                set.set(LINE_ITEMS, DocumentLines.toJson(lines(actor, errors, given, current.lines())));
            }
            if (changes.discount() instanceof Change.To<Discount>(Discount d)) {
                set.set(DISCOUNT, d == null ? null : d.format());
            }
            if (changes.deposit() instanceof Change.To<Discount>(Discount d)) {
                set.set(DEPOSIT, d == null ? null : d.format());
            }
            if (changes.terms() instanceof Change.To<String>(String t)) {
                set.set(TERMS, text(errors, "terms", t));
            }
            if (changes.notes() instanceof Change.To<String>(String t)) {
                set.set(NOTES, text(errors, "notes", t));
            }
            if (changes.paymentTermsDays() instanceof Change.To<Integer>(Integer d)) {
                set.set(PAYMENT_TERMS_DAYS, d == null ? settings(actor).paymentTermsDays() : termsDays(errors, d));
            }
            errors.throwIfAny();
            return invoice.edit(expectedVersion, set);
        });
    }

    @Override
    public void delete(Actor actor, String invoiceId, long expectedVersion) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.INVOICES_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            load(actor, db, invoiceId).requireDeletable();
            store.delete(money, INVOICES, RecordKey.of(invoiceId), expectedVersion);
            return null;
        });
    }

    @Override
    public Invoice send(Actor actor, String invoiceId, long expectedVersion, LocalDate issuedOn) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.INVOICES_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        return change(money, db, invoiceId, invoice -> {
            invoice.requireDeletable(); // a draft: checked before a number is taken
            if (invoice.invoice().version() != expectedVersion) {
                throw new org.fieldstone.shared.VersionConflict(INVOICES.thing(), invoice.invoice().version());
            }
            Invoice current = invoice.invoice();
            LocalDate today = today(actor);
            LocalDate dated = issuedOn == null ? today : issuedOn;
            if (dated.isAfter(today)) {
                throw new InvalidInput("issuedOn", Message.of("invoices.refused.issued-in-future"));
            }
            // invoices and deposit invoices share one sequence, credit notes have their own
            String sameSequence = current.kind() == InvoiceKind.CREDIT_NOTE ? "kind = 'CREDIT_NOTE'" : "kind <> 'CREDIT_NOTE'";
            String latest = db.jdbc().sql("SELECT MAX(issued_on) FROM invoices WHERE number IS NOT NULL AND " + sameSequence)
                    .query(String.class).optional().orElse(null);
            if (latest != null && dated.isBefore(LocalDate.parse(latest))) {
                throw new InvalidInput("issuedOn", Message.of("invoices.refused.issued-before", latest));
            }
            if (current.kind() == InvoiceKind.CREDIT_NOTE) {
                // the credited invoice, locked too, is credited in the same transaction
                Decision credit = load(actor, db, current.creditsInvoiceId())
                        .credit(current.totals().total(), LocaleContextHolder.getLocale());
                String number = CREDIT_NOTE_PREFIX + String.format(java.util.Locale.ROOT, "%04d",
                        numbers.next(db, CREDIT_NOTE_SEQUENCE));
                return invoice.send(expectedVersion, number, dated, clock.instant()).and(credit);
            }
            String number = settings.get(db, PREFIX) + String.format(java.util.Locale.ROOT, "%04d", numbers.next(db, SEQUENCE));
            return invoice.send(expectedVersion, number, dated, clock.instant());
        });
    }

    @Override
    public Invoice voidInvoice(Actor actor, String invoiceId, long expectedVersion, String reason) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.INVOICES_WRITE);
        return change(money, databases.of(actor.tenant()), invoiceId,
                invoice -> invoice.voidInvoice(expectedVersion, reason, clock.instant()));
    }

    @Override
    public Invoice invoiceJob(Actor actor, String jobId, InvoiceKind kind, String hourlyProductId) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.INVOICES_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Job job = jobs.get(actor, jobId);
        PricingSettings prices = pricing.settings(actor);
        LocalDate today = today(actor);
        int days = settings(actor).paymentTermsDays();
        return db.inTransaction(() -> {
            List<Invoice> existing = records.ofJob(db, jobId, today).stream()
                    .filter(i -> i.status() != InvoiceStatus.VOID).toList();
            Changes values;
            if (kind == InvoiceKind.DEPOSIT) {
                if (job.depositDue() == null || !job.depositDue().isPositive()) {
                    throw new Conflict(Message.of("invoices.refused.no-deposit", job.number()));
                }
                if (!job.status().isOpen() && job.status() != JobStatus.COMPLETED) {
                    throw new Conflict(Message.of("invoices.refused.deposit-closed-job", job.number()));
                }
                existing.stream().filter(i -> i.kind() == InvoiceKind.DEPOSIT).findFirst().ifPresent(i -> {
                    throw new Conflict(Message.of("invoices.refused.deposit-exists", job.number(), label(i)));
                });
                List<DocumentLine> lines = depositLines(actor, job);
                values = draft(InvoiceKind.DEPOSIT, job.clientId(), job.propertyId(), job.id(), job.quoteId(),
                        clip(Message.of("invoices.title.deposit", job.title()).english()), job.depositDue().currency(),
                        true, lines, null, null, List.of(), null, null, days);
            } else {
                if (job.status() != JobStatus.COMPLETED) {
                    throw new Conflict(Message.of("invoices.refused.job-not-completed", job.number()));
                }
                existing.stream().filter(i -> i.kind() == InvoiceKind.INVOICE).findFirst().ifPresent(i -> {
                    throw new Conflict(Message.of("invoices.refused.job-invoiced", job.number(), label(i)));
                });
                List<DocumentLine> lines = new ArrayList<>(jobLines(actor, job));
                if (hourlyProductId != null && !hourlyProductId.isBlank()) {
                    lines.add(timeLine(actor, job, hourlyProductId.strip()));
                }
                List<Deduction> deductions = existing.stream()
                        .filter(i -> i.kind() == InvoiceKind.DEPOSIT && i.paid().isPositive())
                        .map(i -> new Deduction(i.id(), i.number(), i.paid())).toList();
                Discount deposit = job.depositDue() == null ? null : Discount.amount(job.depositDue().amount());
                values = draft(InvoiceKind.INVOICE, job.clientId(), job.propertyId(), job.id(), job.quoteId(), job.title(),
                        prices.currency(), prices.taxInclusive(), lines, job.discount(), deposit, deductions, null, null,
                        days);
            }
            String id = store.insert(money, values).id();
            return find(actor, db, id);
        });
    }

    @Override
    public Invoice creditNote(Actor actor, String invoiceId, List<LineInput> given, String reason) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.INVOICES_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            Invoice invoice = load(actor, db, invoiceId).invoice();
            if (invoice.kind() == InvoiceKind.CREDIT_NOTE
                    || !(invoice.status().isOpen() || invoice.status() == InvoiceStatus.PAID)) {
                throw new Conflict(Message.of("invoices.refused.credit", InvoiceAggregate.state(invoice.status())));
            }
            InvalidInput.Collector errors = new InvalidInput.Collector();
            String why = text(errors, "reason", reason);
            List<DocumentLine> lines;
            Discount discount = null;
            if (given == null) {
                if (invoice.credited().isPositive()) {
                    throw new Conflict(Message.of("invoices.refused.credit-rest-needs-lines", invoice.number()));
                }
                lines = invoice.lines().stream().map(l -> new DocumentLine(lineId(), l.productId(), l.description(),
                        l.quantity(), l.unitPrice(), l.discountPercent(), l.tax(), false, null)).toList();
                discount = invoice.discount();
            } else {
                lines = lines(actor, errors, given, List.of());
            }
            errors.throwIfAny();
            Changes values = draft(InvoiceKind.CREDIT_NOTE, invoice.clientId(), invoice.propertyId(), invoice.jobId(),
                    invoice.quoteId(), clip(Message.of("invoices.title.credit-note", invoice.number()).english()),
                    invoice.currency(), invoice.taxInclusive(), lines, discount, null, List.of(), null, why,
                    invoice.paymentTermsDays()).set(InvoiceTables.CREDITS_INVOICE_ID, invoice.id());
            Totals totals = TotalsCalculator.calculate(invoice.currency(), invoice.taxInclusive(),
                    lines.stream().map(l -> l.priced(true)).toList(), discount);
            if (totals.total().compareTo(invoice.owed()) > 0) {
                throw new Conflict(Message.of("invoices.refused.over-credit",
                        invoice.owed().format(LocaleContextHolder.getLocale())));
            }
            return find(actor, db, store.insert(money, values).id());
        });
    }

    // ---- payments

    @Override
    public Payment recordPayment(Actor actor, String invoiceId, NewPayment payment) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.PAYMENTS_RECORD);
        CompanyDatabase db = databases.of(actor.tenant());
        LocalDate today = today(actor);
        LocalDate paidOn = paidOn(payment.paidOn());
        String id = db.inTransaction(() -> {
            InvoiceAggregate invoice = load(actor, db, invoiceId);
            Decision decision = invoice.recordPayment(payment.amount(), payment.method(), paidOn, payment.reference(),
                    payment.reason(), payment.refundsPaymentId(), today, clock.instant(), LocaleContextHolder.getLocale());
            List<Written> written = decision.apply(money, db, store, events);
            String paymentId = written.get(0).id();
            events.publish(db, invoice.received(paymentId, payment.amount(), clock.instant()));
            return paymentId;
        });
        return records.payments(db, List.of(invoiceId)).get(invoiceId).stream().filter(p -> p.id().equals(id))
                .findFirst().orElseThrow();
    }

    // ---- card payments (Stripe's webhook, the customer portal)

    @Override
    public Payment recordCardPayment(Actor actor, String invoiceId, CardPayment payment) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.PAYMENTS_RECORD);
        CompanyDatabase db = databases.of(actor.tenant());
        LocalDate today = today(actor);
        String id = db.inTransaction(() -> {
            InvoiceAggregate invoice = load(actor, db, invoiceId);
            // the session's payment, once: read under the invoice's lock
            java.util.Optional<String> known = payment.sessionId() == null ? java.util.Optional.empty()
                    : records.paymentOfSession(db, payment.sessionId());
            if (known.isPresent()) {
                return known.get();
            }
            Decision decision = invoice.recordCardPayment(payment.amount(), payment.currency(), today,
                    payment.sessionId(), payment.paymentIntentId(), payment.chargeId());
            String paymentId = decision.apply(money, db, store, events).get(0).id();
            events.publish(db, invoice.received(paymentId, payment.amount(), clock.instant()));
            return paymentId;
        });
        return records.payments(db, List.of(invoiceId)).get(invoiceId).stream().filter(p -> p.id().equals(id))
                .findFirst().orElseThrow();
    }

    @Override
    public java.util.Optional<Payment> refundCardPayment(Actor actor, String paymentIntentId, String chargeId,
                                                         long refundedInAll, String reason) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.PAYMENTS_RECORD);
        CompanyDatabase db = databases.of(actor.tenant());
        LocalDate today = today(actor);
        return db.inTransaction(() -> {
            java.util.Optional<String[]> found = records.cardPayment(db, paymentIntentId, chargeId);
            if (found.isEmpty()) {
                return java.util.Optional.<Payment>empty();
            }
            String paymentId = found.get()[0];
            String invoiceId = found.get()[1];
            InvoiceAggregate invoice = load(actor, db, invoiceId);
            Decision decision = invoice.recordCardRefund(paymentId, refundedInAll, reason, today, chargeId);
            if (decision.writes().isEmpty()) {
                return java.util.Optional.<Payment>empty();
            }
            String refundId = decision.apply(money, db, store, events).get(0).id();
            Payment refund = records.payments(db, List.of(invoiceId)).get(invoiceId).stream()
                    .filter(p -> p.id().equals(refundId)).findFirst().orElseThrow();
            events.publish(db, invoice.received(refundId, refund.amount().amount(), clock.instant()));
            return java.util.Optional.of(refund);
        });
    }

    @Override
    public java.util.Optional<String> flagDispute(Actor actor, String paymentIntentId, String chargeId, String disputeId) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.PAYMENTS_RECORD);
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            java.util.Optional<String[]> found = records.cardPayment(db, paymentIntentId, chargeId);
            found.ifPresent(f -> load(actor, db, f[1]).flagDispute(disputeId, clock.instant())
                    .apply(money, db, store, events));
            return found.map(f -> f[1]);
        });
    }

    @Override
    public void noteCardFailure(Actor actor, String invoiceId) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(Permission.PAYMENTS_RECORD);
        change(money, databases.of(actor.tenant()), invoiceId, invoice -> invoice.noteCardFailure(clock.instant()));
    }

    @Override
    public Invoice quoteDeposit(Actor actor, String quoteId) {
        org.fieldstone.quotes.Quote quote = quotes.get(actor, quoteId);
        if (quote.status() != org.fieldstone.quotes.QuoteStatus.APPROVED) {
            throw new Conflict(Message.of("invoices.refused.quote-deposit-not-approved", quote.number()));
        }
        if (quote.depositDue() == null || !quote.depositDue().isPositive()) {
            throw new Conflict(Message.of("invoices.refused.quote-no-deposit", quote.number()));
        }
        // the customer asks; the company issues: in the actor's name, with the company's rights
        Actor issuer = new Actor(actor.tenant(), actor.userId(), actor.displayName(), org.fieldstone.shared.Role.OWNER,
                actor.apiKeyId(), actor.channel(), actor.ip(), actor.userAgent());
        CompanyDatabase db = databases.of(actor.tenant());
        LocalDate today = today(actor);
        int days = settings(issuer).paymentTermsDays();
        return db.inTransaction(() -> {
            List<Invoice> made = records.depositsOfQuote(db, quoteId, today).stream()
                    .filter(i -> i.status() != InvoiceStatus.VOID).toList();
            for (Invoice i : made) {
                if (i.status().isOpen()) {
                    return i;
                }
                if (i.status() == InvoiceStatus.PAID) {
                    throw new Conflict(Message.of("invoices.refused.quote-deposit-paid", quote.number(), label(i)));
                }
                if (i.status() == InvoiceStatus.DRAFT) {
                    return send(issuer, i.id(), i.version(), null);
                }
            }
            List<DocumentLine> lines = List.of(new DocumentLine(lineId(), null,
                    Message.of("invoices.line.deposit", quote.number()).english(), BigDecimal.ONE,
                    quote.depositDue().amount(), BigDecimal.ZERO, null, false, null));
            Changes values = draft(InvoiceKind.DEPOSIT, quote.clientId(), quote.propertyId(), quote.jobId(), quote.id(),
                    clip(Message.of("invoices.title.deposit", quote.title()).english()), quote.depositDue().currency(),
                    true, lines, null, null, List.of(), null, null, days);
            Written draft = store.insert(pricing.withMoneyPolicy(issuer), values);
            return send(issuer, draft.id(), draft.version(), null);
        });
    }

    @Override
    public List<Invoice> depositsOfQuote(Actor actor, String quoteId) {
        actor.require(Permission.INVOICES_READ);
        quotes.get(actor, quoteId); // another company's or an unknown quote: NotFound
        return records.depositsOfQuote(databases.of(actor.tenant()), quoteId, today(actor));
    }

    /**
     * A quote that became a job takes its deposit invoices along (the ones made for the quote's deposit on the
     * portal), so the job's final invoice deducts what was paid on them; an invoice that has its job already is left
     * alone, which makes a second delivery of the event change nothing.
     */
    @org.fieldstone.tenancy.DomainEventListener
    void quoteConverted(org.fieldstone.quotes.QuoteEvents.QuoteConverted event) {
        Actor system = Actor.system(event.tenant(), org.fieldstone.shared.Channel.SYSTEM);
        CompanyDatabase db = databases.of(event.tenant());
        db.inTransaction(() -> {
            for (Invoice i : records.depositsOfQuote(db, event.quoteId(), null)) {
                if (i.jobId() == null) {
                    store.update(system, RecordKey.of(i.id()), i.version(),
                            Changes.of(InvoiceTables.INVOICE_JOB).set(JOB_ID, event.jobId()));
                }
            }
            return null;
        });
    }

    // ---- settings

    @Override
    public InvoiceSettings settings(Actor actor) {
        actor.require(Permission.INVOICES_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        int days;
        try {
            days = Integer.parseInt(settings.get(db, TERMS_DAYS));
        } catch (NumberFormatException e) {
            days = 30;
        }
        return new InvoiceSettings(settings.get(db, PREFIX), numbers.last(db, SEQUENCE) + 1, days);
    }

    @Override
    public InvoiceSettings updateSettings(Actor actor, InvoiceSettings changed) {
        actor.require(Permission.PRICING_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String prefix = changed.prefix() == null ? "" : changed.prefix().strip();
        if (prefix.length() > PREFIX_MAX || !prefix.matches("[\\p{L}\\p{N}/._-]*")) {
            errors.add("prefix", Message.of("invoices.refused.prefix", PREFIX_MAX));
        }
        int days = termsDays(errors, changed.paymentTermsDays());
        if (changed.nextNumber() < 1 || changed.nextNumber() > 99_999_999) {
            errors.add("nextNumber", Message.of("invoices.refused.next-number"));
        }
        errors.throwIfAny();
        db.inTransaction(() -> {
            settings.set(actor, PREFIX, prefix);
            settings.set(actor, TERMS_DAYS, Integer.toString(days));
            if (changed.nextNumber() != numbers.last(db, SEQUENCE) + 1) {
                try {
                    numbers.continueAt(db, SEQUENCE, changed.nextNumber());
                } catch (Conflict e) {
                    throw new InvalidInput("nextNumber", e.message());
                }
            }
            return null;
        });
        return settings(actor);
    }

    // ---- helpers

    private Invoice change(Actor actor, CompanyDatabase db, String invoiceId,
                           java.util.function.Function<InvoiceAggregate, Decision> verb) {
        db.inTransaction(() -> verb.apply(load(actor, db, invoiceId)).apply(actor, db, store, events));
        return find(actor, db, invoiceId);
    }

    private InvoiceAggregate load(Actor actor, CompanyDatabase db, String invoiceId) {
        InvoiceRecords.Row row = records.row(db, invoiceId, true)
                .orElseThrow(() -> new NotFound(Message.of("invoices.thing.invoice")));
        List<Payment> payments = records.payments(db, List.of(invoiceId)).getOrDefault(invoiceId, List.of());
        long credited = records.credited(db, List.of(invoiceId), false).getOrDefault(invoiceId, 0L);
        return new InvoiceAggregate(actor.tenant(), InvoiceRecords.invoice(row, payments, credited, today(actor)),
                payments, row.disputeId());
    }

    private Invoice find(Actor actor, CompanyDatabase db, String invoiceId) {
        return records.invoice(db, invoiceId, today(actor))
                .orElseThrow(() -> new NotFound(Message.of("invoices.thing.invoice")));
    }

    private Changes draft(InvoiceKind kind, String clientId, String propertyId, String jobId, String quoteId, String title,
                          String currency, boolean taxInclusive, List<DocumentLine> lines, Discount discount,
                          Discount deposit, List<Deduction> deductions, String terms, String notes, int days) {
        return Changes.of(INVOICES).set(KIND, kind.name()).set(CLIENT_ID, clientId).set(PROPERTY_ID, propertyId)
                .set(JOB_ID, jobId).set(QUOTE_ID, quoteId).set(TITLE, title).set(STATUS, InvoiceStatus.DRAFT.name())
                .set(CURRENCY, currency).set(TAX_INCLUSIVE, taxInclusive).set(LINE_ITEMS, DocumentLines.toJson(lines))
                .set(DISCOUNT, discount == null ? null : discount.format())
                .set(DEPOSIT, deposit == null ? null : deposit.format())
                .set(DEDUCTIONS, InvoiceRecords.deductionsJson(deductions)).set(TERMS, terms).set(NOTES, notes)
                .set(PAYMENT_TERMS_DAYS, days);
    }

    private List<DocumentLine> lines(Actor actor, InvalidInput.Collector errors, List<LineInput> given,
                                     List<DocumentLine> current) {
        List<LineInput> in = given == null ? List.of() : given;
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).optional() || (in.get(i).group() != null && !in.get(i).group().isBlank())) {
                errors.add("lineItems[" + i + "].optional", Message.of("invoices.refused.optional-line"));
            }
        }
        return pricing.lines(actor, in, current, errors);
    }

    /** A job's lines as invoice lines: a line's tax is its rate, or the company's rate of its percent. */
    private List<DocumentLine> jobLines(Actor actor, Job job) {
        List<TaxRate> rates = pricing.taxRates(actor);
        List<DocumentLine> lines = new ArrayList<>();
        for (LineItem item : job.lineItems()) {
            LineTax tax = null;
            if (item.taxRateId() != null) {
                tax = rates.stream().filter(r -> r.id().equals(item.taxRateId())).findFirst().map(TaxRate::asLineTax)
                        .orElse(null);
            }
            if (tax == null && item.taxRate() != null && item.taxRate().signum() > 0) {
                tax = rates.stream().filter(r -> r.percent().compareTo(item.taxRate()) == 0)
                        .sorted((x, y) -> Boolean.compare(x.archived(), y.archived())).findFirst()
                        .map(TaxRate::asLineTax)
                        .orElseThrow(() -> new Conflict(Message.of("invoices.refused.job-tax-unknown", job.number(),
                                item.taxRate().stripTrailingZeros().toPlainString())));
            }
            lines.add(new DocumentLine(lineId(), null, item.description(), item.quantity(), item.unitPrice(),
                    item.discountPercent(), tax, false, null));
        }
        return lines;
    }

    /** The time on site of a job's visits, at the hourly product's price, to the quarter hour up. */
    private DocumentLine timeLine(Actor actor, Job job, String productId) {
        Product product;
        try {
            product = pricing.product(actor, productId);
        } catch (NotFound e) {
            throw new InvalidInput("hourlyProductId", Message.of("pricing.refused.product-unknown", productId));
        }
        long minutes = job.timeOnSite().toMinutes();
        if (minutes <= 0) {
            throw new Conflict(Message.of("invoices.refused.no-time", job.number()));
        }
        LineTax tax = product.taxRateId() == null ? null
                : pricing.lineTaxes(actor, List.of(product.taxRateId()), List.of(product.taxRateId())).get(product.taxRateId());
        return new DocumentLine(lineId(), product.id(), Message.of("invoices.line.time", product.name(),
                InvoiceRecords.hours(minutes).toPlainString()).english(), InvoiceRecords.hours(minutes),
                product.unitPrice(), BigDecimal.ZERO, tax, false, null);
    }

    /**
     * A deposit invoice's lines: the deposit shared over the job's tax rates in proportion to what each rate's lines
     * come to (largest remainder, so the lines add up to the deposit exactly), each including its tax.
     */
    private List<DocumentLine> depositLines(Actor actor, Job job) {
        List<DocumentLine> jobLines = jobLines(actor, job);
        Totals totals = TotalsCalculator.calculate(job.depositDue().currency(), pricing.settings(actor).taxInclusive(),
                jobLines.stream().map(l -> l.priced(true)).toList(), job.discount());
        Map<String, long[]> weights = new LinkedHashMap<>(); // rate id (or "") → {gross}
        Map<String, LineTax> taxes = new LinkedHashMap<>();
        long taxed = 0;
        for (Totals.Tax t : totals.taxes()) {
            long gross = t.base().amount() + t.tax().amount();
            weights.put(t.taxRateId(), new long[] {gross});
            taxes.put(t.taxRateId(), new LineTax(t.taxRateId(), t.name(), t.percent()));
            taxed += gross;
        }
        long untaxed = Math.max(0, totals.total().amount() - taxed);
        if (untaxed > 0 || weights.isEmpty()) {
            weights.put("", new long[] {Math.max(untaxed, 1)});
        }
        long sum = weights.values().stream().mapToLong(w -> w[0]).sum();
        long deposit = job.depositDue().amount();
        List<String> keys = new ArrayList<>(weights.keySet());
        long[] shares = new long[keys.size()];
        long[] remainders = new long[keys.size()];
        long given = 0;
        for (int i = 0; i < keys.size(); i++) {
            java.math.BigInteger[] qr = java.math.BigInteger.valueOf(deposit).multiply(java.math.BigInteger.valueOf(weights.get(keys.get(i))[0]))
                    .divideAndRemainder(java.math.BigInteger.valueOf(sum));
            shares[i] = qr[0].longValueExact();
            remainders[i] = qr[1].longValueExact();
            given += shares[i];
        }
        while (given < deposit) {
            int best = 0;
            for (int i = 1; i < keys.size(); i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
            given++;
        }
        List<DocumentLine> lines = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (shares[i] == 0) {
                continue;
            }
            LineTax tax = taxes.get(keys.get(i));
            String description = tax == null ? Message.of("invoices.line.deposit", job.number()).english()
                    : Message.of("invoices.line.deposit-taxed", job.number(), tax.name()).english();
            lines.add(new DocumentLine(lineId(), null, description, BigDecimal.ONE, shares[i], BigDecimal.ZERO, tax,
                    false, null));
        }
        return lines;
    }

    private static String label(Invoice i) {
        return i.number() != null ? i.number() : Message.of("invoices.draft-label").english();
    }

    private static String clip(String text) {
        return text.length() > TITLE_MAX ? text.substring(0, TITLE_MAX) : text;
    }

    private static String lineId() {
        return "li_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private LocalDate today(Actor actor) {
        return LocalDate.now(clock.withZone(companies.timeZone(actor.tenant())));
    }

    private static LocalDate paidOn(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("paidOn", Message.of("invoices.refused.paid-on"));
        }
    }


    private static String title(InvalidInput.Collector errors, String given) {
        String title = given == null ? "" : given.strip();
        if (title.isEmpty()) {
            errors.add("title", Message.of("invoices.refused.title-required"));
        } else if (title.length() > TITLE_MAX) {
            errors.add("title", Message.of("invoices.refused.title-too-long", TITLE_MAX));
        }
        return title;
    }

    private static String text(InvalidInput.Collector errors, String field, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        if (given.strip().length() > TEXT_MAX) {
            errors.add(field, Message.of("invoices.refused.text-too-long", TEXT_MAX));
        }
        return given.strip();
    }

    private static int termsDays(InvalidInput.Collector errors, Integer days) {
        if (days == null || days < 0 || days > TERMS_MAX_DAYS) {
            errors.add("paymentTermsDays", Message.of("invoices.refused.terms-days", TERMS_MAX_DAYS));
            return 30;
        }
        return days;
    }
}
