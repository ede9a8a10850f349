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

    /** A payment (or a refund: a negative amount in minor units) was recorded. */
    public record PaymentReceived(TenantId tenant, String invoiceId, String paymentId, long amount, String currency,
                                  Instant at) implements DomainEvent {
    }
}
