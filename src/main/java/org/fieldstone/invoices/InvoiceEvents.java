package org.fieldstone.invoices;

import java.time.Instant;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;

/** Published through the company's outbox in the transaction of the change; listeners hear them after commit. */
public final class InvoiceEvents {

    private InvoiceEvents() {
    }

    public record InvoiceSent(TenantId tenant, String invoiceId, String number, String jobId, Instant at) implements DomainEvent {
    }

    public record InvoiceVoided(TenantId tenant, String invoiceId, String number, Instant at) implements DomainEvent {
    }

    /**
     * A payment (or, with {@code refund}, a refund) was recorded. It names the payment but carries no amount: the
     * outbox keeps events as they are, and money is not kept in the clear; listeners read the payment through
     * {@link Invoices#payments}.
     */
    public record PaymentReceived(TenantId tenant, String invoiceId, String paymentId, boolean refund, Instant at)
            implements DomainEvent {
    }
}
