package org.fieldstone.quotes;

import java.time.Instant;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;

/** Published through the company's outbox in the transaction of the change; listeners hear them after commit. */
public final class QuoteEvents {

    private QuoteEvents() {
    }

    public record QuoteSent(TenantId tenant, String quoteId, String number, int revision, Instant at) implements DomainEvent {
    }

    public record QuoteApproved(TenantId tenant, String quoteId, String number, int revision, Instant at) implements DomainEvent {
    }

    public record QuoteDeclined(TenantId tenant, String quoteId, String number, Instant at) implements DomainEvent {
    }

    public record QuoteChangesRequested(TenantId tenant, String quoteId, String number, Instant at) implements DomainEvent {
    }

    public record QuoteConverted(TenantId tenant, String quoteId, String number, String jobId, Instant at) implements DomainEvent {
    }
}
