package org.fieldstone.invoices;

/**
 * How a payment was made. {@link #CARD} is a card payment online through Stripe Checkout (the customer portal), recorded
 * only from Stripe's signed webhook; {@link #CARD_IN_PERSON} a card taken on a terminal and recorded by hand.
 */
public enum PaymentMethod {
    CASH, CHEQUE, BANK_TRANSFER, CARD_IN_PERSON, OTHER,
    /** Online through Stripe Checkout; recorded from Stripe's webhook with Stripe's identifiers only. */
    CARD
}
