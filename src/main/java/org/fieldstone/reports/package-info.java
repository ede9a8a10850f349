/**
 * Reports: read models over the company's data. The audit log (Reports → Audit log and {@code /api/v1/audit-events}),
 * for owners and — if an owner allows it — admins; the money reports (Reports → Revenue and → Receivables aging, their
 * CSV and {@code /api/v1/reports/…}), for everyone with {@code reports:view} and {@code invoices:read}, added up in Java
 * from the invoices module's facade (amounts are sealed: no SQL sums); the work reports (Reports → Jobs and →
 * Technician utilization, their CSV and {@code /api/v1/reports/jobs|utilization}), for everyone with
 * {@code reports:view} and {@code jobs:read}, added up in Java from the jobs module's facades (what the reader may see);
 * the inventory reports (Reports → Inventory value and → Parts used, their CSV and
 * {@code /api/v1/reports/inventory-value|parts-used}), for {@code reports:view} with {@code inventory:manage} (costs),
 * added up in Java from the inventory facade's stock and ledger.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "identity", "invoices",
        "clients", "jobs", "inventory", "pricing"})
package org.fieldstone.reports;
