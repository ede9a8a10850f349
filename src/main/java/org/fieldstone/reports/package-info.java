/**
 * Reports: read models over the company's data. Today: the audit log (Reports → Audit log and
 * {@code /api/v1/audit-events}), for owners and — if an owner allows it — admins.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "identity"})
package org.fieldstone.reports;
