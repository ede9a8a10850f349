package org.fieldstone.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.UserId;

/**
 * The read side of the schedule: visits in a range or of a day, with their jobs' summaries and warnings (double
 * bookings, outside working hours), as the actor may see them.
 */
public interface VisitCalendar {

    /** The longest range {@link #schedule} answers, in days (the REST API and the assistant's tools say so too). */
    int MAX_RANGE_DAYS = 62;

    /** {@link #MAX_RANGE_DAYS} as a duration. */
    Duration MAX_RANGE = Duration.ofDays(MAX_RANGE_DAYS);

    /**
     * The visits starting in [from, to) that the actor may see, by start, with job summaries and warnings;
     * narrowed to an assignee and/or a crew's members when given.
     *
     * @throws org.fieldstone.shared.InvalidInput {@code to} not after {@code from}, or a range of more than
     *                                            {@link #MAX_RANGE_DAYS} whole days
     */
    List<Scheduled> schedule(Actor actor, Instant from, Instant to, Optional<UserId> assignee, Optional<String> crewId);

    /** The actor's own visits on {@code day} in the company's time zone (today when empty), by start. */
    List<Scheduled> day(Actor actor, Optional<LocalDate> day);
}
