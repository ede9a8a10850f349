/**
 * Card payments online through Stripe's hosted Checkout pages, with each company's own Stripe account: Settings →
 * Payments, Checkout Sessions for an invoice's balance or an approved quote's deposit
 * ({@link org.fieldstone.payments.CardPayments}), and the company's signed webhook endpoint, whose events become
 * payments, refunds and dispute flags on the same {@link org.fieldstone.invoices.Invoices} as payments recorded by hand.
 * Fieldstone never sees, stores or processes card numbers: only Stripe's identifiers.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "quotes",
        "invoices", "pricing", "identity", "web"})
package org.fieldstone.payments;
