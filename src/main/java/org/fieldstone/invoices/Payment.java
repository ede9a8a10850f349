package org.fieldstone.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldstone.shared.Money;

/**
 * A payment recorded against an invoice, or a refund (a negative amount, with its reason) of one of its payments.
 *
 * @param reference        e.g. the bank transfer's reference or the cheque's number, or null
 * @param reason           why a refund was made (required for a refund), or a note
 * @param refundsPaymentId the payment of the same invoice a refund refunds; null for a payment, and for a refund
 *                         recorded before refunds named their payment
 */
public record Payment(String id, String invoiceId, Money amount, PaymentMethod method, LocalDate paidOn,
                      String reference, String reason, String refundsPaymentId, String recordedBy, Instant createdAt) {

    public boolean isRefund() {
        return amount.isNegative();
    }

    /**
     * What is left to refund of each payment of one invoice (refunds left out): its amount less the refunds that name
     * it, in the order given. A refund that names no payment (recorded before they did) counts only against the
     * invoice's total paid, not here.
     */
    public static Map<String, Money> leftToRefund(List<Payment> payments) {
        Map<String, Money> left = new LinkedHashMap<>();
        for (Payment p : payments) {
            if (!p.isRefund()) {
                left.put(p.id(), p.amount());
            }
        }
        for (Payment p : payments) {
            if (p.isRefund() && p.refundsPaymentId() != null) {
                left.computeIfPresent(p.refundsPaymentId(), (id, rest) -> rest.plus(p.amount()));
            }
        }
        return left;
    }
}
