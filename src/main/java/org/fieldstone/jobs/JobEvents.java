package org.fieldstone.jobs;

import java.time.Instant;
import java.util.List;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;

/**
 * Published through the company's outbox ({@link org.fieldstone.tenancy.DomainEvents}) in the transaction of the
 * change, each with its company, for notifications and invoicing; listeners hear them after commit.
 */
public final class JobEvents {

    private JobEvents() {
    }

    public record VisitScheduled(TenantId tenant, String jobId, String visitId, Instant startsAt, Instant endsAt,
                                 List<String> assignees) implements DomainEvent {
    }

    public record VisitRescheduled(TenantId tenant, String jobId, String visitId, Instant startsAt, Instant endsAt,
                                   List<String> assignees) implements DomainEvent {
    }

    /** One visit was cancelled on its own (a cancelled job's open visits are not told one by one). */
    public record VisitCancelled(TenantId tenant, String jobId, String visitId, Instant startsAt, Instant endsAt,
                                 List<String> assignees) implements DomainEvent {
    }

    public record TechnicianEnRoute(TenantId tenant, String jobId, String visitId, String userId, Instant at) implements DomainEvent {
    }

    public record JobCompleted(TenantId tenant, String jobId, String number, Instant at) implements DomainEvent {
    }

    /**
     * The invoice that bills a job was sent. Published by the module that invoices (which depends on jobs, never the
     * other way round); the jobs module hears it and marks the job {@code INVOICED} through its verb.
     */
    public record JobBilled(TenantId tenant, String jobId, String invoiceId, String invoiceNumber, Instant at)
            implements DomainEvent {
    }
}
