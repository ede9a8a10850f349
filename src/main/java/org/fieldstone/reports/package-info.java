/**
 * Reports: read models over the company's data. The audit log (Reports → Audit log and {@code /api/v1/audit-events}),
 * for owners and — if an owner allows it — admins; the money reports (Reports → Revenue and → Receivables aging, their
 * CSV and {@code /api/v1/reports/…}), for everyone with {@code reports:view} and {@code invoices:read}, added up in Java
 * from the invoices module's facade (amounts are sealed: no SQL sums).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "identity", "invoices",
        "clients"})
package org.fieldstone.reports;
