package org.fieldstone.invoices;

import org.fieldstone.shared.Money;

/** What a final invoice deducts: the amount paid on one of its job's deposit invoices. */
public record Deduction(String invoiceId, String number, Money amount) {
}
