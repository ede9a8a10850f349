/**
 * Quotes (estimates): numbered {@code Q-0001} per company, for a client and property, with line items from free text
 * or the company's products and services, optional items and option groups, a discount, a deposit, terms and an
 * expiry date. Lifecycle {@code DRAFT → SENT → APPROVED | DECLINED | CHANGES_REQUESTED}, then {@code CONVERTED} (the
 * jobs module converts an approved quote into a job); editing a sent quote makes a new revision, every sent revision
 * stays readable. Figures come from {@link org.fieldstone.pricing.TotalsCalculator}. Every write goes through the one
 * write path; events through the company's outbox.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "pricing", "files"})
package org.fieldstone.quotes;
