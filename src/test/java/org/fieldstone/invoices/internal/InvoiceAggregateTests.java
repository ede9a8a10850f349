package org.fieldstone.invoices.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Payment;
import org.fieldstone.invoices.PaymentMethod;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.DocumentLines;
import org.fieldstone.pricing.LineTax;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Decision;
import org.junit.jupiter.api.Test;

/** The invoice's lifecycle and payments without Spring or a database. */
class InvoiceAggregateTests {

    static final TenantId TENANT = TenantId.random();
    static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    static final LocalDate TODAY = LocalDate.parse("2026-12-07");
    static final String LINES = DocumentLines.toJson(List.of(new DocumentLine("a", null, "Work", BigDecimal.ONE, 10_000,
            BigDecimal.ZERO, new LineTax("vat", "VAT", new BigDecimal("8.1")), false, null)));

    static InvoiceAggregate invoice(InvoiceStatus status, InvoiceKind kind, long paid, long credited, String jobId) {
        InvoiceRecords.Row row = new InvoiceRecords.Row("i-1", status == InvoiceStatus.DRAFT ? null : "INV-0003", kind,
                "client", null, jobId, null, "Repairs", status, "CHF", false, LINES, null, null, null, null, null, 30,
                null, null, null, null, null, null, 7, NOW, NOW, null, null, null);
        List<Payment> payments = paid == 0 ? List.of() : List.of(payment("p", paid, null));
        return invoice(row, payments, credited);
    }

    static InvoiceAggregate invoice(InvoiceRecords.Row row, List<Payment> payments, long credited) {
        return new InvoiceAggregate(TENANT, InvoiceRecords.invoice(row, payments, credited, TODAY), payments);
    }

    /** A payment (or a refund, negative, of {@code refunds}) of invoice i-1. */
    static Payment payment(String id, long amount, String refunds) {
        return new Payment(id, "i-1", Money.of(amount, "CHF"), PaymentMethod.CASH, TODAY, null, null, refunds, "x", NOW);
    }

    /** A paid invoice of 108.10 with these payments and refunds. */
    static InvoiceAggregate paid(Payment... payments) {
        InvoiceRecords.Row row = new InvoiceRecords.Row("i-1", "INV-0003", InvoiceKind.INVOICE, "client", null, null,
                null, "Repairs", InvoiceStatus.PAID, "CHF", false, LINES, null, null, null, null, null, 30, null, null,
                null, null, null, null, 7, NOW, NOW, null, null, null);
        return invoice(row, List.of(payments), 0);
    }

    static Decision refund(InvoiceAggregate invoice, long amount, String refundsPaymentId) {
        return invoice.recordPayment(-amount, "CASH", null, null, "Goodwill", refundsPaymentId, TODAY, NOW, Locale.ENGLISH);
    }

    static java.util.Map<String, String> refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable step) {
        try {
            step.call();
        } catch (InvalidInput e) {
            return e.asFieldErrors();
        } catch (Throwable e) {
            throw new AssertionError("refused with " + e, e);
        }
        throw new AssertionError("not refused");
    }

    @Test
    void sendingNumbersDatesAndTellsTheJob() {
        Decision d = invoice(InvoiceStatus.DRAFT, InvoiceKind.INVOICE, 0, 0, "job-1").send(7, "INV-0009", TODAY, NOW);
        Decision.Update u = (Decision.Update) d.writes().getFirst();
        assertThat(u.set().values()).containsEntry("number", "INV-0009").containsEntry("status", "SENT")
                .containsEntry("issued_on", "2026-12-07").containsEntry("due_on", "2027-01-06");
        assertThat(d.events()).contains(new JobEvents.JobBilled(TENANT, "job-1", "i-1", "INV-0009", NOW));
        Decision deposit = invoice(InvoiceStatus.DRAFT, InvoiceKind.DEPOSIT, 0, 0, "job-1").send(7, "INV-0010", TODAY, NOW);
        assertThat(deposit.events()).as("a deposit invoice does not bill the job").noneMatch(e -> e instanceof JobEvents.JobBilled);
        assertThatThrownBy(() -> invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 0, null).send(7, "X", TODAY, NOW))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void paymentsMoveTheStatusAndNeverExceedTheBalance() {
        // total 108.10
        Decision part = invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 0, null)
                .recordPayment(5_000L, "cash", null, null, null, null, TODAY, NOW, Locale.ENGLISH);
        assertThat(part.writes()).hasSize(2);
        assertThat(((Decision.Update) part.writes().get(1)).set().values()).containsEntry("status", "PARTIALLY_PAID");
        Decision rest = invoice(InvoiceStatus.PARTIALLY_PAID, InvoiceKind.INVOICE, 5_000, 0, null)
                .recordPayment(5_810L, "BANK_TRANSFER", null, null, null, null, TODAY, NOW, Locale.ENGLISH);
        assertThat(((Decision.Update) rest.writes().get(1)).set().values()).containsEntry("status", "PAID");
        Decision again = invoice(InvoiceStatus.PARTIALLY_PAID, InvoiceKind.INVOICE, 5_000, 0, null)
                .recordPayment(100L, "CASH", null, null, null, null, TODAY, NOW, Locale.ENGLISH);
        assertThat(again.writes()).as("the status stays: only the payment is written").hasSize(1);
        assertThatThrownBy(() -> invoice(InvoiceStatus.PARTIALLY_PAID, InvoiceKind.INVOICE, 5_000, 0, null)
                .recordPayment(5_811L, "CASH", null, null, null, null, TODAY, NOW, Locale.ENGLISH)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> invoice(InvoiceStatus.PAID, InvoiceKind.INVOICE, 10_810, 0, null)
                .recordPayment(-10_811L, "CASH", null, null, "Too much", null, TODAY, NOW, Locale.ENGLISH)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> invoice(InvoiceStatus.PAID, InvoiceKind.INVOICE, 10_810, 0, null)
                .recordPayment(-100L, "CASH", null, null, null, null, TODAY, NOW, Locale.ENGLISH)).isInstanceOf(InvalidInput.class);
        for (InvoiceStatus closed : List.of(InvoiceStatus.DRAFT, InvoiceStatus.VOID)) {
            assertThatThrownBy(() -> invoice(closed, InvoiceKind.INVOICE, 0, 0, null)
                    .recordPayment(100L, "CASH", null, null, null, null, TODAY, NOW, Locale.ENGLISH)).isInstanceOf(Conflict.class);
        }
        assertThatThrownBy(() -> invoice(InvoiceStatus.SENT, InvoiceKind.CREDIT_NOTE, 0, 0, null)
                .recordPayment(100L, "CASH", null, null, null, null, TODAY, NOW, Locale.ENGLISH)).isInstanceOf(Conflict.class);
    }

    @Test
    void aRefundReturnsOnePaymentOfTheInvoiceAndNeverMoreThanIsLeftOfIt() {
        // 60.00 and 48.10 paid, 20.00 of the first refunded already
        InvoiceAggregate invoice = paid(payment("p1", 6_000, null), payment("p2", 4_810, null),
                payment("r1", -2_000, "p1"));
        Decision.Insert named = (Decision.Insert) refund(invoice, 4_000, "p1").writes().getFirst();
        assertThat(named.values().values()).containsEntry("refunds_payment_id", "p1");
        assertThat(refused(() -> refund(invoice, 4_001, "p1"))).containsOnlyKeys("amount");
        assertThat(refused(() -> refund(invoice, 100, null))).as("two payments to choose from")
                .containsOnlyKeys("refundsPaymentId");
        assertThat(refused(() -> refund(invoice, 100, "r1"))).as("a refund is not refunded")
                .containsOnlyKeys("refundsPaymentId");
        assertThat(refused(() -> refund(invoice, 100, "another-invoices-payment")))
                .containsEntry("refundsPaymentId", "That is not a payment of this invoice.");
        assertThat(refused(() -> invoice.recordPayment(100L, "CASH", null, null, null, "p1", TODAY, NOW,
                Locale.ENGLISH))).as("a payment names no payment").containsKey("refundsPaymentId");

        // named none, the only payment with something left is taken
        InvoiceAggregate onlyOneLeft = paid(payment("p1", 6_000, null), payment("p2", 4_810, null),
                payment("r1", -6_000, "p1"));
        Decision.Insert taken = (Decision.Insert) refund(onlyOneLeft, 4_810, null).writes().getFirst();
        assertThat(taken.values().values()).containsEntry("refunds_payment_id", "p2");
        assertThat(refused(() -> refund(onlyOneLeft, 1, "p1"))).containsOnlyKeys("amount");

        // a refund recorded before refunds named their payment still counts against the total paid
        InvoiceAggregate legacy = paid(payment("p1", 10_810, null), payment("r0", -10_000, null));
        assertThat(refused(() -> refund(legacy, 811, "p1"))).containsOnlyKeys("amount");
        assertThat(refund(legacy, 810, "p1").writes()).isNotEmpty();
    }

    @Test
    void aPaidInvoiceIsNotVoidedAndAFullCreditWithNothingPaidVoidsIt() {
        assertThatThrownBy(() -> invoice(InvoiceStatus.PARTIALLY_PAID, InvoiceKind.INVOICE, 100, 0, null)
                .voidInvoice(7, null, NOW)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> invoice(InvoiceStatus.DRAFT, InvoiceKind.INVOICE, 0, 0, null).voidInvoice(7, null, NOW))
                .isInstanceOf(Conflict.class);
        assertThat(invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 0, null).voidInvoice(7, "Wrong", NOW).writes())
                .hasSize(1);
        Decision credit = invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 0, null).credit(Money.of(10_810, "CHF"),
                Locale.ENGLISH);
        assertThat(((Decision.Update) credit.writes().getFirst()).set().values()).containsEntry("status", "VOID");
        assertThatThrownBy(() -> invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 5_000, null)
                .credit(Money.of(5_811, "CHF"), Locale.ENGLISH)).isInstanceOf(Conflict.class);
        assertThat(InvoiceAggregate.statusFor(Money.of(0, "CHF"), Money.of(100, "CHF"))).isEqualTo(InvoiceStatus.PAID);
    }

    // ---- card payments Stripe confirmed

    static Decision card(InvoiceAggregate invoice, long amount, String session) {
        return invoice.recordCardPayment(amount, "chf", TODAY, session, "pi_" + session, null);
    }

    @Test
    void aCardPaymentStripeConfirmedIsRecordedWithStripesIdentifiersOnly() {
        Decision d = card(invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 0, null), 10_810, "cs_1");
        Decision.Insert insert = (Decision.Insert) d.writes().getFirst();
        assertThat(insert.values().values()).containsEntry("method", "CARD").containsEntry("amount", "10810")
                .containsEntry("stripe_session_id", "cs_1").containsEntry("stripe_payment_intent_id", "pi_cs_1")
                .containsEntry("reference", "pi_cs_1");
        assertThat(((Decision.Update) d.writes().get(1)).set().values()).containsEntry("status", "PAID");
    }

    @Test
    void aCardPaymentAboveTheBalanceIsRecordedNotRefused() {
        // the race: two checkouts of the same balance, both paid; the second finds the invoice paid
        InvoiceAggregate paid = invoice(InvoiceStatus.PAID, InvoiceKind.INVOICE, 10_810, 0, null);
        assertThat(refused(() -> paid.recordPayment(10_810L, "CASH", null, null, null, null, TODAY, NOW, Locale.ENGLISH)))
                .containsKey("amount");
        Decision d = card(paid, 10_810, "cs_2");
        assertThat(d.writes()).hasSize(1).first().isInstanceOf(Decision.Insert.class);
        InvoiceAggregate after = invoice(InvoiceStatus.PAID, InvoiceKind.INVOICE, 21_620, 0, null);
        assertThat(after.invoice().balance().amount()).isEqualTo(-10_810);
        assertThat(after.invoice().refundDue()).isTrue();
        assertThat(invoice(InvoiceStatus.PAID, InvoiceKind.INVOICE, 10_810, 0, null).invoice().refundDue()).isFalse();
    }

    @Test
    void aCardPaymentIsRefusedOnADraftACreditNoteOrInAnotherCurrency() {
        assertThatThrownBy(() -> card(invoice(InvoiceStatus.DRAFT, InvoiceKind.INVOICE, 0, 0, null), 100, "cs"))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> card(invoice(InvoiceStatus.SENT, InvoiceKind.CREDIT_NOTE, 0, 0, null), 100, "cs"))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 0, null)
                .recordCardPayment(100, "eur", TODAY, "cs", "pi", null)).isInstanceOf(Conflict.class);
    }

    @Test
    void cardIsNotAMethodToRecordByHand() {
        assertThat(refused(() -> invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 0, null)
                .recordPayment(100L, "CARD", null, null, null, null, TODAY, NOW, Locale.ENGLISH))).containsKey("method");
    }

    @Test
    void aCardRefundRecordsOnlyWhatStripeRefundedBeyondWhatIsRecorded() {
        Payment p = new Payment("p", "i-1", Money.of(10_810, "CHF"), PaymentMethod.CARD, TODAY, "pi_1", null, null, "x", NOW);
        Decision first = paid(p).recordCardRefund("p", 3_000, "requested_by_customer", TODAY, "ch_1");
        Decision.Insert insert = (Decision.Insert) first.writes().getFirst();
        assertThat(insert.values().values()).containsEntry("amount", "-3000").containsEntry("refunds_payment_id", "p")
                .containsEntry("stripe_charge_id", "ch_1").containsEntry("method", "CARD");
        assertThat(((Decision.Update) first.writes().get(1)).set().values()).containsEntry("status", "PARTIALLY_PAID");
        Payment r = new Payment("r", "i-1", Money.of(-3_000, "CHF"), PaymentMethod.CARD, TODAY, null, "x", "p", "x", NOW);
        assertThat(paid(p, r).recordCardRefund("p", 3_000, null, TODAY, "ch_1")).as("the same news again")
                .isEqualTo(Decision.NOTHING);
        Decision rest = paid(p, r).recordCardRefund("p", 10_810, null, TODAY, "ch_1");
        assertThat(((Decision.Insert) rest.writes().getFirst()).values().values()).containsEntry("amount", "-7810");
        assertThatThrownBy(() -> paid(p).recordCardRefund("nope", 100, null, TODAY, "ch")).isInstanceOf(Conflict.class);
    }

    @Test
    void aDisputeIsFlaggedOnceAndAFailedCardPaymentGoesOnTheTimeline() {
        InvoiceAggregate sent = invoice(InvoiceStatus.SENT, InvoiceKind.INVOICE, 0, 0, null);
        Decision.Update flag = (Decision.Update) sent.flagDispute("dp_1", NOW).writes().getFirst();
        assertThat(flag.set().values()).containsEntry("dispute_id", "dp_1").containsEntry("disputed_at", NOW.toEpochMilli());
        assertThat(flag.action()).isEqualTo("disputed");
        InvoiceAggregate flagged = new InvoiceAggregate(TENANT, sent.invoice(), List.of(), "dp_1");
        assertThat(flagged.flagDispute("dp_1", NOW)).isEqualTo(Decision.NOTHING);
        assertThat(((Decision.Update) sent.noteCardFailure(NOW).writes().getFirst()).action())
                .isEqualTo("card_payment_failed");
    }
}
