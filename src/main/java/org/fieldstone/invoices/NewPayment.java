package org.fieldstone.invoices;

/**
 * A payment as entered: amount in minor units (negative: a refund, which needs a reason), method, date (ISO; default
 * today), reference; a refund names the payment of the invoice it refunds ({@code refundsPaymentId}; may be left out
 * when the invoice has just one payment with something left to refund).
 */
public record NewPayment(Long amount, String method, String paidOn, String reference, String reason,
                         String refundsPaymentId) {
}
