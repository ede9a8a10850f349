package org.fieldstone.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.Totals;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Versioned;

/**
 * An invoice as read, with its figures ({@link #totals()}) and what is owed.
 *
 * @param number           null while a draft (numbers are given when sent)
 * @param overdue          open and past its due date in the company's time zone
 * @param deposit          the deposit asked for first (from the job's quote), or null
 * @param deductions       deposits paid on the job's deposit invoices, deducted from what is owed
 * @param paid             the sum of its payments less refunds
 * @param depositsDeducted the sum of {@code deductions}
 * @param creditsInvoiceId the invoice a credit note credits, or null
 * @param credited         what issued credit notes credit of this invoice
 * @param balance          {@code total − depositsDeducted − credited − paid} (below 0: a refund is due)
 * @param depositDue       what is still due of the deposit: {@code deposit − depositsDeducted − paid}, not below 0
 * @param disputedAt       when Stripe told of a dispute (chargeback) of one of its card payments, or null
 * @param cardFailedAt     when a card payment of it last failed at Stripe, or null
 */
public record Invoice(String id, String number, InvoiceKind kind, String clientId, String propertyId, String jobId,
                      String quoteId, String title, InvoiceStatus status, boolean overdue, String currency,
                      boolean taxInclusive, List<DocumentLine> lines, Discount discount, Discount deposit,
                      List<Deduction> deductions, String terms, String notes, int paymentTermsDays, LocalDate issuedOn,
                      LocalDate dueOn, Instant sentAt, Instant voidedAt, String voidReason, String creditsInvoiceId,
                      Totals totals, Money paid, Money depositsDeducted, Money credited, Money balance, Money depositDue,
                      long version, Instant createdAt, Instant updatedAt, Instant disputedAt,
                      Instant cardFailedAt) implements Versioned {

    /**
     * More was paid than is owed (e.g. two card checkouts of the same balance both paid): the difference is to be
     * refunded to the customer.
     */
    public boolean refundDue() {
        return balance.isNegative();
    }

    /** What the customer owes in all: the total less deposits deducted and credit notes issued. */
    public Money owed() {
        return totals.total().minus(depositsDeducted).minus(credited);
    }
}
