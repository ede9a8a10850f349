package org.fieldstone.jobs;

import java.time.Instant;
import org.fieldstone.shared.UserId;

/**
 * Filters of the job list; null ones do not filter. {@code from}/{@code to}: jobs with a visit starting in
 * [from, to). {@code assignee}: assigned to the user, on the job or a visit.
 */
public record JobQuery(JobStatus status, String clientId, UserId assignee, Instant from, Instant to, Flag flag) {

    public static final JobQuery ALL = new JobQuery(null, null, null, null, null, null);

    public enum Flag { LATE, UNSCHEDULED, REQUIRES_INVOICING }
}
