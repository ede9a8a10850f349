package org.fieldstone.invoices;

/**
 * A payment as entered: amount in minor units (negative: a refund, which needs a reason), method, date (ISO; default
 * today), reference.
 */
public record NewPayment(Long amount, String method, String paidOn, String reference, String reason) {
}
