package org.fieldstone.quotes;

import java.util.List;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Money;

/**
 * What became of a quote's deposit: the deposit invoices made for it (the customer paying an approved quote's deposit
 * by card on the portal), for the quote's page. Implemented by the invoices module, which depends on quotes — never
 * the other way round; the quote's page lists what every implementation answers.
 */
public interface QuoteDeposits {

    /** The deposit invoices of the quote, oldest first (needs {@code invoices:read}; an actor without it gets none). */
    List<DepositInvoice> of(Actor actor, String quoteId);

    /**
     * @param number null while a draft
     * @param status the invoice's status, e.g. {@code PAID}
     */
    record DepositInvoice(String invoiceId, String number, String status, Money total, Money paid) {
    }
}
