package org.fieldstone.reports;

import java.time.LocalDate;
import java.util.Optional;
import org.fieldstone.shared.Actor;

/**
 * The work reports: completed jobs per week with time on site and first-time-fix rate, and technicians' scheduled
 * against on-site hours per day. Reading needs {@code reports:view} and {@code jobs:read}; each counts only the jobs
 * and visits the reader may see (a technician who sees only their own work sees only their own figures). Days and
 * weeks are the company's (its time zone; weeks start on Monday). A range is of whole days, both ends included, at
 * most {@link #LONGEST_RANGE_DAYS} days.
 */
public interface WorkReports {

    int LONGEST_RANGE_DAYS = 366;

    /** Jobs completed from {@code from} to {@code to} (default: this week and the eleven before it, up to today). */
    JobsReport jobs(Actor actor, Optional<LocalDate> from, Optional<LocalDate> to);

    /** Hours per technician and day from {@code from} to {@code to} (default: this week, Monday to Sunday). */
    Utilization utilization(Actor actor, Optional<LocalDate> from, Optional<LocalDate> to);

    boolean mayView(Actor actor);
}
