/**
 * The schedule as people look at it: the dispatch calendar (day and week, a column per technician), a technician's
 * My day, "what's on the schedule today" in the API, and private calendar feeds. It owns no business records of its
 * own besides the feeds' hashed links: visits belong to {@link org.fieldstone.jobs.Jobs}, which also applies who may
 * see what.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "identity", "clients", "jobs", "pricing"})
package org.fieldstone.schedule;
