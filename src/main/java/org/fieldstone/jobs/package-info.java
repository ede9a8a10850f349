/**
 * Jobs (work orders) and their visits: one-off or recurring work for a client at one of its properties.
 * A recurring job generates its visits from an RFC 5545 recurrence rule
 * ({@code org.fieldstone.jobs.internal.RecurrenceRule}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "identity"})
package org.fieldstone.jobs;
