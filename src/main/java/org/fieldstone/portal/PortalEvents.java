package org.fieldstone.portal;

import java.time.Instant;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;

/** Published through the company's outbox in the transaction of the change; listeners hear them after commit. */
public final class PortalEvents {

    private PortalEvents() {
    }

    /**
     * A visitor holding a link that no longer opens anything asked for a new one: messaging emails a fresh link to the
     * address on file of the document's client (never to an address typed on the page). Already throttled.
     */
    public record NewLinkRequested(TenantId tenant, ShareLinks.Kind kind, String documentId, Instant at)
            implements DomainEvent {
    }
}
