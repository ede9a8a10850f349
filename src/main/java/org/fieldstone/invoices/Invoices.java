package org.fieldstone.invoices;

import java.util.List;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;

/**
 * The company's invoices and their payments. Reading needs {@code invoices:read}; writing invoices
 * {@code invoices:write}, recording payments {@code payments:record} (admins by default; a company may give them to its
 * users, {@link org.fieldstone.pricing.Pricing#withMoneyPolicy}). A refused step is a
 * {@link org.fieldstone.shared.Conflict} and changes nothing.
 */
public interface Invoices {

    Page<Invoice> list(Actor actor, InvoiceQuery query, Page.PageRequest page);

    long count(Actor actor, InvoiceQuery query);

    Invoice get(Actor actor, String invoiceId);

    /** What open invoices still owe, one sum per currency (ordered by currency): all of them, and the overdue ones. */
    record Owed(List<org.fieldstone.shared.Money> outstanding, List<org.fieldstone.shared.Money> overdue) {
    }

    /**
     * What open invoices (sent or partly paid) still owe, in one read of them: per currency (a company may have changed
     * its currency), and of those the overdue ones.
     */
    default Owed owed(Actor actor) {
        java.util.Map<String, org.fieldstone.shared.Money> all = new java.util.TreeMap<>();
        java.util.Map<String, org.fieldstone.shared.Money> overdue = new java.util.TreeMap<>();
        for (InvoiceStatus status : List.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID)) {
            InvoiceQuery query = new InvoiceQuery(status, null, null, null, null);
            for (int page = 0; ; page++) {
                Page<Invoice> found = list(actor, query, Page.request(page, Page.MAX_SIZE));
                for (Invoice i : found.items()) {
                    if (i.kind() == InvoiceKind.CREDIT_NOTE) {
                        continue;
                    }
                    all.merge(i.balance().currency(), i.balance(), org.fieldstone.shared.Money::plus);
                    if (i.overdue()) {
                        overdue.merge(i.balance().currency(), i.balance(), org.fieldstone.shared.Money::plus);
                    }
                }
                if ((long) (page + 1) * found.size() >= found.total()) {
                    break;
                }
            }
        }
        return new Owed(List.copyOf(all.values()), List.copyOf(overdue.values()));
    }

    /** The invoice's audit trail, newest first (created, updated, sent, paid, voided …) — its page's timeline. */
    List<org.fieldstone.audit.AuditEntry> history(Actor actor, String invoiceId, int limit);

    /**
     * The figures of lines as an editor holds them, reckoned as the invoice would be (every line counted), for the
     * editor's live totals; lines that cannot be checked are left out. {@code invoiceId} null: a new invoice, in the
     * company's currency and tax mode.
     */
    org.fieldstone.pricing.Totals preview(Actor actor, String invoiceId, List<org.fieldstone.pricing.LineInput> lines,
                                          org.fieldstone.pricing.Discount discount);

    Invoice create(Actor actor, NewInvoice invoice);

    /** Changes a draft (a sent invoice is not changed: void it, or record a payment). */
    Invoice update(Actor actor, String invoiceId, long expectedVersion, InvoiceChanges changes);

    /** Deletes a draft (it has no number yet). */
    void delete(Actor actor, String invoiceId, long expectedVersion);

    /** {@code DRAFT → SENT}: numbered, dated today, due after the payment terms; a job's invoice tells the job. */
    default Invoice send(Actor actor, String invoiceId, long expectedVersion) {
        return send(actor, invoiceId, expectedVersion, null);
    }

    /**
     * Like {@link #send(Actor, String, long)}, dated {@code issuedOn} (null: today) — an invoice issued earlier on paper;
     * never in the future, nor before the last invoice numbered (numbers follow the dates).
     */
    Invoice send(Actor actor, String invoiceId, long expectedVersion, java.time.LocalDate issuedOn);

    /** {@code SENT → VOID} while nothing is paid on it (a paid invoice needs a credit note instead). */
    Invoice voidInvoice(Actor actor, String invoiceId, long expectedVersion, String reason);

    /**
     * A draft invoice for a completed job: {@code INVOICE} with the job's lines (plus its visits' time at
     * {@code hourlyProductId}'s price, when given), its discount and deposit, deducting its paid deposit invoices; or a
     * {@code DEPOSIT} invoice asking for the job's deposit (any open or completed job with a deposit due).
     */
    Invoice invoiceJob(Actor actor, String jobId, InvoiceKind kind, String hourlyProductId);

    /**
     * A draft credit note for a sent invoice: {@code lines} null credits what is still uncredited of all its lines;
     * otherwise those lines (at most what is uncredited). Issued with {@link #send}; invoices:write.
     */
    Invoice creditNote(Actor actor, String invoiceId, List<org.fieldstone.pricing.LineInput> lines, String reason);

    List<Payment> payments(Actor actor, String invoiceId);

    /**
     * Every payment and refund of the company paid on a day from {@code from} to {@code to} (both included), by day
     * paid: one read for reports, which add them up in Java (amounts are sealed, so there are no SQL sums).
     */
    List<Payment> paymentsBetween(Actor actor, java.time.LocalDate from, java.time.LocalDate to);

    /**
     * Records a payment (at most the balance: an overpayment is refused) or a refund (with a reason, of a payment of
     * this invoice it names — at most what is left of that payment, and at most what was paid in all; named none, the
     * invoice's only payment with something left to refund) on a sent invoice; its status follows. Concurrent
     * payments are serialized on the invoice.
     */
    Payment recordPayment(Actor actor, String invoiceId, NewPayment payment);

    /**
     * A card payment Stripe confirmed (Checkout Session paid), in minor units of {@code currency}: only Stripe's
     * identifiers are kept, never card data.
     */
    record CardPayment(long amount, String currency, String sessionId, String paymentIntentId, String chargeId) {
    }

    /**
     * Records a card payment Stripe confirmed through its signed webhook ({@code payments:record}; the payments module
     * acts as the company's system actor "stripe"). Never refused for exceeding the balance — the money is taken — so a
     * race of two checkouts is recorded and flagged ({@link Invoice#refundDue()}); the same Checkout Session twice
     * records it once (the first payment is returned).
     */
    Payment recordCardPayment(Actor actor, String invoiceId, CardPayment payment);

    /**
     * Records what Stripe refunded of a card payment, named by its PaymentIntent or Charge id: {@code refundedInAll} is
     * the charge's amount refunded in all (minor units), so the same news twice records nothing more. Empty when no
     * card payment of the company has that id, or nothing more is refunded.
     */
    java.util.Optional<Payment> refundCardPayment(Actor actor, String paymentIntentId, String chargeId,
                                                  long refundedInAll, String reason);

    /**
     * Flags the invoice of the card payment a Stripe dispute (chargeback) names; returns its id, empty when no card
     * payment of the company has that id.
     */
    java.util.Optional<String> flagDispute(Actor actor, String paymentIntentId, String chargeId, String disputeId);

    /** Records on an invoice's timeline that a card payment of it failed (nothing is paid). */
    void noteCardFailure(Actor actor, String invoiceId);

    /**
     * The sent deposit invoice of an approved quote that asks a deposit, for the customer to pay: the open one, else a
     * new one made and sent (on the customer's request, so any actor who may read the quote may ask; it is issued in
     * the actor's name with the company's rights). When the quote becomes a job the invoice goes with it and the job's
     * final invoice deducts what was paid on it.
     *
     * @throws org.fieldstone.shared.Conflict the quote is not approved, asks no deposit, or its deposit is paid
     */
    Invoice quoteDeposit(Actor actor, String quoteId);

    /** The deposit invoices made for a quote (oldest first; void ones too), e.g. for the quote's page. */
    List<Invoice> depositsOfQuote(Actor actor, String quoteId);

    InvoiceSettings settings(Actor actor);

    InvoiceSettings updateSettings(Actor actor, InvoiceSettings settings);
}
