/**
 * What a company sells and how a document's money is reckoned: its products and services with default prices, its
 * named tax rates, its currency and whether its prices include tax, the one {@link org.fieldstone.pricing.TotalsCalculator}
 * every page, PDF, email and API answer uses, and who may handle money in the company
 * ({@link org.fieldstone.pricing.Pricing#withMoneyPolicy}). Quotes, jobs and invoices build on it; every write goes
 * through the one write path ({@link org.fieldstone.tenancy.RecordStore}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit"})
package org.fieldstone.pricing;
