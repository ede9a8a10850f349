/**
 * Inventory (issue 14): the company's items — which are its products ({@link org.fieldstone.pricing.Product} with a
 * SKU: one catalogue for quotes, jobs, invoices and stock) —, the locations stock is kept at (warehouses and vans) and
 * the ledger of stock movements from which every stock level is derived; parts used on a job become the job's line
 * items through {@link org.fieldstone.jobs.Jobs}. Every write goes through the one write path
 * ({@link org.fieldstone.tenancy.RecordStore}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "pricing",
        "jobs", "identity"})
package org.fieldstone.inventory;
