package org.fieldstone.payments;

import java.net.URI;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.TenantId;

/**
 * Card payments through Stripe Checkout (hosted pages). The customer is sent to {@link Checkout#url()}; the payment is
 * recorded only when Stripe's signed webhook says it succeeded, never on the way back to the success URL.
 */
public interface CardPayments {

    /** Whether the company takes cards online: its Stripe keys are set and payments are switched on. */
    boolean accepting(TenantId tenant);

    /**
     * A Checkout Session for what is still due on a sent invoice (its balance), in the invoice's currency, with its
     * number as reference.
     *
     * @param successUrl where Stripe sends the customer back after paying; may hold Stripe's template
     *                   {@code {CHECKOUT_SESSION_ID}}, percent-encoded as a URI needs it ({@code %7BCHECKOUT_SESSION_ID%7D})
     * @throws org.fieldstone.shared.Conflict payments are off, or nothing is due
     */
    Checkout checkoutInvoice(Actor actor, String invoiceId, URI successUrl, URI cancelUrl);

    /**
     * A Checkout Session for the deposit still due of an approved quote (a deposit invoice is made and sent for it
     * first, so the payment lands on the same invoices and payments as every other).
     *
     * @throws org.fieldstone.shared.Conflict payments are off, the quote is not approved or asks no deposit, or it is paid
     */
    Checkout checkoutDeposit(Actor actor, String quoteId, URI successUrl, URI cancelUrl);

    /** @param invoiceId the invoice the payment will be recorded on */
    record Checkout(String sessionId, URI url, Money amount, String invoiceId) {
    }
}
