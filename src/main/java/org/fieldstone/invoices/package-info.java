/**
 * Invoices and the payments recorded against them: numbered when sent ({@code INV-0001}, gap-free; a company sets the
 * prefix and the next number), from a job (its lines, its quote's discount and deposit, minus deposits already paid),
 * a deposit invoice of its own, or standalone. Lifecycle {@code DRAFT → SENT → PARTIALLY_PAID → PAID}, or {@code VOID};
 * <em>overdue</em> is computed; the balance is always total − deposits deducted − payments. A payment belongs to its
 * invoice's aggregate (the invoice's status follows its payments in the same transaction, as a job's follows its
 * visits). A sent job invoice tells the jobs module through the outbox ({@code JobEvents.JobBilled}); every write
 * goes through the one write path.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "pricing",
        "jobs", "quotes", "files"})
package org.fieldstone.invoices;
