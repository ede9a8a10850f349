package org.fieldstone.jobs;

import org.fieldstone.shared.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.UserId;

/**
 * A visit of a job: when it is scheduled (UTC; entered and shown in the company's time zone), who goes, and what
 * happened — On my way, Start and Finish record their times.
 *
 * @param seriesId   the recurring series it was generated from, or null
 * @param occurrence the series' local start time it stands for (what makes generation idempotent), or null
 * @param detached   edited on its own ("this visit"): later edits of the series leave it alone
 * @param confirmedByClientAt when the client confirmed the visit (an SMS reply {@code C}), or null
 */
public record Visit(String id, String jobId, Instant startsAt, Instant endsAt, List<UserId> assignees,
                    VisitStatus status, Instant enRouteAt, Instant startedAt, Instant finishedAt, String seriesId,
                    String occurrence, boolean detached, long version, Instant createdAt, Instant updatedAt,
                    Instant confirmedByClientAt) implements Versioned {

    public Visit {
        assignees = List.copyOf(assignees);
    }

    /** A visit the client has not confirmed. */
    public Visit(String id, String jobId, Instant startsAt, Instant endsAt, List<UserId> assignees, VisitStatus status,
                 Instant enRouteAt, Instant startedAt, Instant finishedAt, String seriesId, String occurrence,
                 boolean detached, long version, Instant createdAt, Instant updatedAt) {
        this(id, jobId, startsAt, endsAt, assignees, status, enRouteAt, startedAt, finishedAt, seriesId, occurrence,
                detached, version, createdAt, updatedAt, null);
    }

    /** The client confirmed it (an SMS reply {@code C} or {@code YES}). */
    public boolean confirmedByClient() {
        return confirmedByClientAt != null;
    }

    /** From Start to Finish, once finished. */
    public Optional<Duration> timeOnSite() {
        return startedAt != null && finishedAt != null ? Optional.of(Duration.between(startedAt, finishedAt)) : Optional.empty();
    }

    /** Its scheduled end has passed and it is not finished (nor cancelled). */
    public boolean isLate(Instant now) {
        return status.isOpen() && endsAt.isBefore(now);
    }

    public boolean isRecurring() {
        return seriesId != null;
    }
}
