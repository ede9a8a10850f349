package org.fieldstone.invoices;

/** How a payment was made. Card payments online come with the customer portal (Stripe), on the same payments. */
public enum PaymentMethod {
    CASH, CHEQUE, BANK_TRANSFER, CARD_IN_PERSON, OTHER
}
