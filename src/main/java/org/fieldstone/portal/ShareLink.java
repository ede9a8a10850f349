package org.fieldstone.portal;

import java.time.Instant;

/**
 * A share link as its document's page shows it: never its token.
 *
 * @param revision  the quote's revision it opens, or null for an invoice
 * @param recipient the address it was made for (the client's on file then), or null when the client had none
 * @param openedAt  when the landing page was first shown (GET, which does not spend it), or null
 * @param spentAt   when it was exchanged for a portal session, or null
 */
public record ShareLink(String id, ShareLinks.Kind kind, String documentId, Integer revision, String recipient,
                        State state, Instant createdAt, Instant expiresAt, Instant openedAt, Instant spentAt,
                        Instant revokedAt, String createdBy) {

    /** Where a link stands, in the order a document's page explains them. */
    public enum State {
        /** Made (and emailed, when sent by email), not yet opened. */
        SENT,
        /** Its landing page was shown; not yet exchanged. */
        OPENED,
        /** Exchanged for a portal session: it opens nothing again. */
        SPENT,
        EXPIRED,
        REVOKED,
        /** The document has a newer revision: the link opens nothing. */
        REPLACED
    }
}
