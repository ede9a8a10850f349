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

    /** @param byCustomer decided by the customer on the portal ({@code Channel.PORTAL}), not recorded by the office */
    public record QuoteApproved(TenantId tenant, String quoteId, String number, int revision, Instant at,
                                boolean byCustomer) implements DomainEvent {

        public QuoteApproved(TenantId tenant, String quoteId, String number, int revision, Instant at) {
            this(tenant, quoteId, number, revision, at, false);
        }
    }

    /** @param byCustomer decided by the customer on the portal ({@code Channel.PORTAL}), not recorded by the office */
    public record QuoteDeclined(TenantId tenant, String quoteId, String number, Instant at, boolean byCustomer)
            implements DomainEvent {

        public QuoteDeclined(TenantId tenant, String quoteId, String number, Instant at) {
            this(tenant, quoteId, number, at, false);
        }
    }

    /** @param byCustomer asked by the customer on the portal ({@code Channel.PORTAL}), not recorded by the office */
    public record QuoteChangesRequested(TenantId tenant, String quoteId, String number, Instant at, boolean byCustomer)
            implements DomainEvent {

        public QuoteChangesRequested(TenantId tenant, String quoteId, String number, Instant at) {
            this(tenant, quoteId, number, at, false);
        }
    }

    public record QuoteConverted(TenantId tenant, String quoteId, String number, String jobId, Instant at) implements DomainEvent {
    }
}
