package org.fieldstone.invoices.internal;

import static org.fieldstone.invoices.internal.InvoiceTables.AMOUNT;
import static org.fieldstone.invoices.internal.InvoiceTables.CARD_FAILED_AT;
import static org.fieldstone.invoices.internal.InvoiceTables.DISPUTED_AT;
import static org.fieldstone.invoices.internal.InvoiceTables.DISPUTE_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.INVOICE_CARD_EVENTS;
import static org.fieldstone.invoices.internal.InvoiceTables.STRIPE_CHARGE_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.STRIPE_PAYMENT_INTENT_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.STRIPE_SESSION_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.DUE_ON;
import static org.fieldstone.invoices.internal.InvoiceTables.INVOICES;
import static org.fieldstone.invoices.internal.InvoiceTables.INVOICE_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.INVOICE_PAYMENT_STATUS;
import static org.fieldstone.invoices.internal.InvoiceTables.ISSUED_ON;
import static org.fieldstone.invoices.internal.InvoiceTables.METHOD;
import static org.fieldstone.invoices.internal.InvoiceTables.NUMBER;
import static org.fieldstone.invoices.internal.InvoiceTables.PAID_ON;
import static org.fieldstone.invoices.internal.InvoiceTables.PAYMENTS;
import static org.fieldstone.invoices.internal.InvoiceTables.PAYMENT_CURRENCY;
import static org.fieldstone.invoices.internal.InvoiceTables.REASON;
import static org.fieldstone.invoices.internal.InvoiceTables.REFERENCE;
import static org.fieldstone.invoices.internal.InvoiceTables.REFUNDS_PAYMENT_ID;
import static org.fieldstone.invoices.internal.InvoiceTables.SENT_AT;
import static org.fieldstone.invoices.internal.InvoiceTables.STATUS;
import static org.fieldstone.invoices.internal.InvoiceTables.VOIDED_AT;
import static org.fieldstone.invoices.internal.InvoiceTables.VOID_REASON;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceEvents;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Payment;
import org.fieldstone.invoices.PaymentMethod;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Decision;
import org.fieldstone.tenancy.RecordKey;

/**
 * An invoice and its payments as the write path changes them, loaded inside the write transaction (the invoice's row
 * locked where the engine locks rows, so concurrent payments are serialized on it and never take the balance below
 * zero). Its verbs refuse an illegal step with a {@link Conflict} or bad input with {@link InvalidInput} (codes of
 * {@code messages.properties}) and otherwise return a {@link Decision}. It holds no database and no clock
 * ({@code InvoiceAggregateTests}).
 */
final class InvoiceAggregate {

    static final int TEXT_MAX = 500;
    /** The field a refund names its payment in. */
    static final String REFUNDS = "refundsPaymentId";

    private final TenantId tenant;
    private final Invoice invoice;
    private final List<Payment> payments;
    private final String disputeId;

    /**
     * @param invoice  the invoice with its figures, as read under the transaction's lock
     * @param payments its payments and refunds, the ones its figures were reckoned from
     */
    InvoiceAggregate(TenantId tenant, Invoice invoice, List<Payment> payments) {
        this(tenant, invoice, payments, null);
    }

    /** @param disputeId the dispute Stripe told of, or null */
    InvoiceAggregate(TenantId tenant, Invoice invoice, List<Payment> payments, String disputeId) {
        this.tenant = tenant;
        this.invoice = invoice;
        this.payments = List.copyOf(payments);
        this.disputeId = disputeId;
    }

    Invoice invoice() {
        return invoice;
    }

    /** Only a draft is changed: a sent invoice is voided, credited or paid, never edited. */
    void requireEditable() {
        require(Message.of("invoices.refused.edit", state(invoice.status())), InvoiceStatus.DRAFT);
    }

    Decision edit(long expectedVersion, Changes changes) {
        requireEditable();
        return changes.isEmpty() ? Decision.NOTHING
                : Decision.of(new Decision.Update(key(), expectedVersion, changes, "updated"));
    }

    /** Only a draft is deleted (it has no number yet); a sent invoice is voided. */
    void requireDeletable() {
        require(Message.of("invoices.refused.delete", state(invoice.status())), InvoiceStatus.DRAFT);
    }

    /**
     * {@code DRAFT → SENT} (or straight to {@code PAID} when deposits already cover it): numbered, dated, due after
     * its payment terms. A job's invoice tells the job ({@link JobEvents.JobBilled}).
     */
    Decision send(long expectedVersion, String number, LocalDate issuedOn, Instant now) {
        require(Message.of("invoices.refused.send", state(invoice.status())), InvoiceStatus.DRAFT);
        if (invoice.lines().isEmpty()) {
            throw new Conflict(Message.of("invoices.refused.send-empty"));
        }
        boolean creditNote = invoice.kind() == InvoiceKind.CREDIT_NOTE;
        InvoiceStatus status = creditNote || invoice.balance().isPositive() ? InvoiceStatus.SENT : InvoiceStatus.PAID;
        Changes set = Changes.of(INVOICES).set(NUMBER, number).set(STATUS, status.name())
                .set(ISSUED_ON, issuedOn.toString())
                .set(DUE_ON, creditNote ? null : issuedOn.plusDays(invoice.paymentTermsDays()).toString())
                .set(SENT_AT, now.toEpochMilli());
        List<DomainEvent> events = new ArrayList<>();
        events.add(new InvoiceEvents.InvoiceSent(tenant, invoice.id(), number, invoice.jobId(), now));
        if (invoice.jobId() != null && invoice.kind() == InvoiceKind.INVOICE) {
            events.add(new JobEvents.JobBilled(tenant, invoice.jobId(), invoice.id(), number, now));
        }
        return new Decision(List.of(new Decision.Update(key(), expectedVersion, set, "sent")), events);
    }

    /** {@code SENT → VOID} while nothing is paid on it; a paid one needs a credit note. */
    Decision voidInvoice(long expectedVersion, String reason, Instant now) {
        if (invoice.kind() == InvoiceKind.CREDIT_NOTE) {
            throw new Conflict(Message.of("invoices.refused.void-credit-note"));
        }
        if (invoice.status() == InvoiceStatus.PARTIALLY_PAID || invoice.status() == InvoiceStatus.PAID
                || (invoice.status() == InvoiceStatus.SENT && !invoice.paid().isZero())) {
            throw new Conflict(Message.of("invoices.refused.void-paid"));
        }
        require(Message.of("invoices.refused.void", state(invoice.status())), InvoiceStatus.SENT);
        Changes set = Changes.of(INVOICES).set(STATUS, InvoiceStatus.VOID.name()).set(VOIDED_AT, now.toEpochMilli())
                .set(VOID_REASON, text("reason", reason));
        return Decision.of(new Decision.Update(key(), expectedVersion, set, "voided"),
                new InvoiceEvents.InvoiceVoided(tenant, invoice.id(), invoice.number(), now));
    }

    /**
     * Records a payment (positive, at most the balance, naming no payment) or a refund (negative, with a reason, of
     * one payment of this invoice: at most what is left of it and at most what was paid in all) on a sent invoice,
     * and moves its status to follow: {@code SENT}, {@code PARTIALLY_PAID} or {@code PAID}. A refund that names no
     * payment refunds the invoice's only payment with something left to refund; with more than one it must name one.
     */
    Decision recordPayment(Long amount, String method, LocalDate paidOn, String reference, String reason,
                           String refundsPaymentId, LocalDate today, Instant now, Locale locale) {
        if (invoice.kind() == InvoiceKind.CREDIT_NOTE) {
            throw new Conflict(Message.of("invoices.refused.payment-credit-note"));
        }
        if (invoice.status() == InvoiceStatus.DRAFT || invoice.status() == InvoiceStatus.VOID) {
            throw new Conflict(Message.of("invoices.refused.payment", state(invoice.status())));
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        PaymentMethod how = null;
        try {
            how = PaymentMethod.valueOf((method == null ? "" : method.strip()).toUpperCase(Locale.ROOT).replace('-', '_')
                    .replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            errors.add("method", Message.of("invoices.refused.method"));
        }
        if (how == PaymentMethod.CARD) {
            // card payments online are recorded from Stripe's signed webhook only
            errors.add("method", Message.of("invoices.refused.method-card"));
        }
        if (paidOn != null && paidOn.isAfter(today)) {
            errors.add("paidOn", Message.of("invoices.refused.paid-in-future"));
        }
        String why = text("reason", reason);
        String ref = text("reference", reference);
        String named = refundsPaymentId == null || refundsPaymentId.isBlank() ? null : refundsPaymentId.strip();
        Payment refunded = null;
        if (amount == null || amount == 0) {
            errors.add("amount", Message.of("invoices.refused.amount"));
        } else if (amount > 0) {
            if (amount > invoice.balance().amount()) {
                errors.add("amount", Message.of("invoices.refused.overpayment",
                        invoice.balance().max(Money.zero(invoice.currency())).format(locale)));
            }
            if (named != null) {
                errors.add(REFUNDS, Message.of("invoices.refused.payment-refunds"));
            }
        } else {
            refunded = refunded(-amount, named, errors, locale);
            if (-amount > invoice.paid().amount()) {
                // refunds recorded before they named their payment count here only
                errors.add("amount", Message.of("invoices.refused.over-refund", invoice.paid().format(locale)));
            }
            if (why == null) {
                errors.add("reason", Message.of("invoices.refused.refund-reason"));
            }
        }
        errors.throwIfAny();
        Money payment = Money.of(amount, invoice.currency());
        Changes values = Changes.of(PAYMENTS).set(INVOICE_ID, invoice.id()).set(AMOUNT, Long.toString(amount))
                .set(PAYMENT_CURRENCY, invoice.currency()).set(METHOD, how.name())
                .set(PAID_ON, (paidOn == null ? today : paidOn).toString()).set(REFERENCE, ref).set(REASON, why)
                .set(REFUNDS_PAYMENT_ID, refunded == null ? null : refunded.id());
        List<Decision.Step> writes = new ArrayList<>();
        writes.add(new Decision.Insert(values, payment.isNegative() ? "refunded" : "recorded"));
        InvoiceStatus next = statusFor(invoice.owed(), invoice.paid().plus(payment));
        if (next != invoice.status()) {
            writes.add(new Decision.Update(key(), invoice.version(), Changes.of(INVOICE_PAYMENT_STATUS)
                    .set(InvoiceTables.STATUS, next.name()), next == InvoiceStatus.PAID ? "paid" : "payment_status"));
        }
        return new Decision(writes, List.of());
    }

    /**
     * Records a card payment Stripe confirmed (its signed webhook): the money is taken already, so unlike
     * {@link #recordPayment} it is never refused for exceeding the balance — two checkouts paid for the same balance
     * leave the invoice {@code PAID} with a balance below zero, which {@link Invoice#refundDue()} flags. Refused only
     * where no payment can belong: a credit note, a draft, or another currency than the invoice's (a Stripe
     * misconfiguration to look at, not to paper over). A void invoice keeps its status.
     */
    Decision recordCardPayment(long amount, String currency, LocalDate paidOn, String sessionId, String paymentIntentId,
                               String chargeId) {
        if (invoice.kind() == InvoiceKind.CREDIT_NOTE) {
            throw new Conflict(Message.of("invoices.refused.payment-credit-note"));
        }
        if (invoice.status() == InvoiceStatus.DRAFT) {
            throw new Conflict(Message.of("invoices.refused.payment", state(invoice.status())));
        }
        if (amount <= 0) {
            throw new InvalidInput("amount", Message.of("invoices.refused.amount"));
        }
        if (!invoice.currency().equalsIgnoreCase(currency)) {
            throw new Conflict(Message.of("invoices.refused.card-currency", currency, invoice.currency()));
        }
        Changes values = Changes.of(PAYMENTS).set(INVOICE_ID, invoice.id()).set(AMOUNT, Long.toString(amount))
                .set(PAYMENT_CURRENCY, invoice.currency()).set(METHOD, PaymentMethod.CARD.name())
                .set(PAID_ON, paidOn.toString()).set(REFERENCE, paymentIntentId != null ? paymentIntentId : sessionId)
                .set(REASON, null).set(REFUNDS_PAYMENT_ID, null).set(STRIPE_SESSION_ID, sessionId)
                .set(STRIPE_PAYMENT_INTENT_ID, paymentIntentId).set(STRIPE_CHARGE_ID, chargeId);
        return withStatus(new Decision.Insert(values, "recorded"), Money.of(amount, invoice.currency()));
    }

    /**
     * Records the part of a card payment Stripe says is refunded that is not yet recorded: Stripe tells the charge's
     * amount refunded in all ({@code refundedInAll}, minor units), so the same news twice records nothing more. At most
     * what is left of the payment; nothing left to record: {@link Decision#NOTHING}.
     */
    Decision recordCardRefund(String paymentId, long refundedInAll, String reason, LocalDate paidOn, String chargeId) {
        Payment payment = payment(paymentId);
        if (payment == null || payment.isRefund()) {
            throw new Conflict(Message.of("invoices.refused.refund-unknown"));
        }
        Money left = Payment.leftToRefund(payments).get(payment.id()).max(Money.zero(invoice.currency()));
        long refundedSoFar = payment.amount().amount() - left.amount();
        long amount = Math.min(refundedInAll - refundedSoFar, left.amount());
        if (amount <= 0) {
            return Decision.NOTHING;
        }
        Changes values = Changes.of(PAYMENTS).set(INVOICE_ID, invoice.id()).set(AMOUNT, Long.toString(-amount))
                .set(PAYMENT_CURRENCY, invoice.currency()).set(METHOD, PaymentMethod.CARD.name())
                .set(PAID_ON, paidOn.toString()).set(REFERENCE, chargeId).set(REASON, text("reason", reason))
                .set(REFUNDS_PAYMENT_ID, payment.id()).set(STRIPE_CHARGE_ID, chargeId);
        return withStatus(new Decision.Insert(values, "refunded"), Money.of(-amount, invoice.currency()));
    }

    /** The insert of a payment or refund of {@code amount} and the invoice's status following it. */
    private Decision withStatus(Decision.Insert insert, Money amount) {
        List<Decision.Step> writes = new ArrayList<>();
        writes.add(insert);
        if (invoice.status() != InvoiceStatus.VOID) {
            InvoiceStatus next = statusFor(invoice.owed(), invoice.paid().plus(amount));
            if (next != invoice.status()) {
                writes.add(new Decision.Update(key(), invoice.version(), Changes.of(INVOICE_PAYMENT_STATUS)
                        .set(STATUS, next.name()), next == InvoiceStatus.PAID ? "paid" : "payment_status"));
            }
        }
        return new Decision(writes, List.of());
    }

    /**
     * Flags a dispute (chargeback) Stripe opened on one of its card payments: shown on the invoice until someone acts
     * on it; the same dispute twice changes nothing.
     */
    Decision flagDispute(String disputeId, Instant now) {
        if (disputeId != null && disputeId.equals(this.disputeId)) {
            return Decision.NOTHING;
        }
        return Decision.of(new Decision.Update(key(), invoice.version(), Changes.of(INVOICE_CARD_EVENTS)
                .set(DISPUTED_AT, now.toEpochMilli()).set(DISPUTE_ID, disputeId), "disputed"));
    }

    /** A card payment that failed after the checkout (a delayed method Stripe could not collect): on the timeline. */
    Decision noteCardFailure(Instant now) {
        return Decision.of(new Decision.Update(key(), invoice.version(), Changes.of(INVOICE_CARD_EVENTS)
                .set(CARD_FAILED_AT, now.toEpochMilli()), "card_payment_failed"));
    }


    /**
     * The payment a refund of {@code amount} (minor units, positive) refunds: the one {@code named}, or, named none,
     * the only payment with something left to refund. Refused on {@code refundsPaymentId} when the id is no payment of
     * this invoice (another invoice's or another company's id reads the same, so nothing leaks), is a refund, or none
     * or several are left to choose from; on {@code amount} when more than what is left of it. Null when refused.
     */
    private Payment refunded(long amount, String named, InvalidInput.Collector errors, Locale locale) {
        Map<String, Money> left = Payment.leftToRefund(payments);
        if (named == null) {
            List<String> open = left.entrySet().stream().filter(e -> e.getValue().isPositive()).map(Map.Entry::getKey)
                    .toList();
            if (open.size() != 1) {
                errors.add(REFUNDS, Message.of(open.isEmpty() ? "invoices.refused.refund-nothing-left"
                        : "invoices.refused.refund-which"));
                return null;
            }
            named = open.getFirst();
        }
        Payment payment = payment(named);
        if (payment == null) {
            errors.add(REFUNDS, Message.of("invoices.refused.refund-unknown"));
            return null;
        }
        if (payment.isRefund()) {
            errors.add(REFUNDS, Message.of("invoices.refused.refund-of-refund"));
            return null;
        }
        Money rest = left.get(payment.id()).max(Money.zero(invoice.currency()));
        if (amount > rest.amount()) {
            errors.add("amount", Message.of("invoices.refused.over-refund-of-payment", rest.format(locale),
                    payment.amount().format(locale), payment.paidOn().toString()));
        }
        return payment;
    }

    /** This invoice's payment or refund {@code id}, or null. */
    private Payment payment(String id) {
        return payments.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The status an invoice has when it owes {@code owed} and {@code paid} was paid on it: fully credited with nothing
     * paid is {@code VOID}; paid at least what is owed {@code PAID}; something paid {@code PARTIALLY_PAID}; else
     * {@code SENT}.
     */
    static InvoiceStatus statusFor(Money owed, Money paid) {
        if (!owed.isPositive() && !paid.isPositive()) {
            return InvoiceStatus.VOID;
        }
        return paid.compareTo(owed) >= 0 ? InvoiceStatus.PAID
                : paid.isPositive() ? InvoiceStatus.PARTIALLY_PAID : InvoiceStatus.SENT;
    }

    /**
     * This invoice credited by a credit note of {@code amount} being issued: refused above what is still uncredited;
     * its status follows ({@link #statusFor}).
     */
    Decision credit(Money amount, Locale locale) {
        if (invoice.kind() == InvoiceKind.CREDIT_NOTE || !(invoice.status().isOpen() || invoice.status() == InvoiceStatus.PAID)) {
            throw new Conflict(Message.of("invoices.refused.credit", state(invoice.status())));
        }
        if (amount.compareTo(invoice.owed()) > 0) {
            throw new Conflict(Message.of("invoices.refused.over-credit", invoice.owed().format(locale)));
        }
        InvoiceStatus next = statusFor(invoice.owed().minus(amount), invoice.paid());
        return next == invoice.status() ? Decision.NOTHING
                : Decision.of(new Decision.Update(key(), invoice.version(), Changes.of(INVOICES)
                        .set(STATUS, next.name()), "credited"));
    }

    /** The event of a payment, once its id is known. */
    DomainEvent received(String paymentId, long amount, Instant now) {
        return new InvoiceEvents.PaymentReceived(tenant, invoice.id(), paymentId, amount < 0, now);
    }

    private RecordKey key() {
        return RecordKey.of(invoice.id());
    }

    private static String text(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().length() > TEXT_MAX || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new InvalidInput(field, Message.of("invoices.refused.text-too-long", TEXT_MAX));
        }
        return text.strip();
    }

    private void require(Message refusal, InvoiceStatus... allowed) {
        if (!List.of(allowed).contains(invoice.status())) {
            throw new Conflict(refusal);
        }
    }

    /** An invoice's status as a word within a sentence: {@code invoices.state.*} in {@code messages.properties}. */
    static Message state(InvoiceStatus status) {
        return Message.of("invoices.state." + status.name());
    }
}
