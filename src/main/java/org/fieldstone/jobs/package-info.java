/**
 * Jobs (work orders) and their visits: lifecycle, line items, checklists, notes, assignment to users and crews,
 * recurring series, conflicts and who may see which job. A visit belongs to its job's aggregate — the job's
 * status follows its visits in the same transaction — so both live here; the schedule module builds its views
 * (calendar, My day, the calendar feed) on {@link org.fieldstone.jobs.Jobs}. Every write goes through the one
 * write path ({@link org.fieldstone.tenancy.RecordStore}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "identity", "pricing", "quotes", "files"})
package org.fieldstone.jobs;
