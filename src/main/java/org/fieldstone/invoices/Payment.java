package org.fieldstone.invoices;

import java.time.Instant;
import java.time.LocalDate;
import org.fieldstone.shared.Money;

/**
 * A payment recorded against an invoice, or a refund (a negative amount, with its reason).
 *
 * @param reference e.g. the bank transfer's reference or the cheque's number, or null
 * @param reason    why a refund was made (required for a refund), or a note
 */
public record Payment(String id, String invoiceId, Money amount, PaymentMethod method, LocalDate paidOn,
                      String reference, String reason, String recordedBy, Instant createdAt) {

    public boolean isRefund() {
        return amount.isNegative();
    }
}
