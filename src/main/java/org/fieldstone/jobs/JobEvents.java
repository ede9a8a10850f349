package org.fieldstone.jobs;

import java.time.Instant;
import java.util.List;
import org.fieldstone.shared.TenantId;

/** Published after commit, each with its company, for notifications and invoicing. */
public final class JobEvents {

    private JobEvents() {
    }

    public record VisitScheduled(TenantId tenant, String jobId, String visitId, Instant startsAt, Instant endsAt,
                                 List<String> assignees) {
    }

    public record VisitRescheduled(TenantId tenant, String jobId, String visitId, Instant startsAt, Instant endsAt,
                                   List<String> assignees) {
    }

    public record TechnicianEnRoute(TenantId tenant, String jobId, String visitId, String userId, Instant at) {
    }

    public record JobCompleted(TenantId tenant, String jobId, String number, Instant at) {
    }
}
