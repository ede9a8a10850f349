package org.fieldstone.portal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.fieldstone.shared.Actor;

/**
 * Links that let a company's customer open one sent quote or invoice on the portal without an account. A link is bound
 * to one document (a quote's link to the revision sent), to the client's email address on file when it was made,
 * expires (the company's setting, 30 days by default) and is spent by its first exchange on the landing page. Reading
 * needs the document's read permission; making and revoking a link also its write permission.
 */
public interface ShareLinks {

    /** The documents a link may open. */
    enum Kind {
        QUOTE, INVOICE;

        /** As in paths and stored rows: {@code quote}, {@code invoice}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A new link to a sent document: the only time its token is shown (inside {@link Issued#url()}).
     *
     * @throws org.fieldstone.shared.NotFound the document is not the company's
     * @throws org.fieldstone.shared.Conflict the document is not sent (a draft, a void invoice, a converted quote…)
     */
    Issued issue(Actor actor, Kind kind, String documentId);

    /** Whether a link can be made for the document now: it is sent (read permission of the document). */
    boolean shareable(Actor actor, Kind kind, String documentId);

    /** Revokes a link: it opens nothing any more, and portal sessions made with it end. */
    void revoke(Actor actor, String linkId);

    /** How many days a new link of the company lives (1–365; 30 unless the company chose otherwise). */
    int linkDays(Actor actor);

    /**
     * Sets how many days new links live (settings:manage); links already made keep their expiry.
     *
     * @throws org.fieldstone.shared.InvalidInput {@code linkDays} outside 1–365
     */
    int updateLinkDays(Actor actor, int days);

    /** The links of a document, newest first, with their state: what the document's page shows. */
    List<ShareLink> links(Actor actor, Kind kind, String documentId);

    /**
     * @param url       {@code https://<public-url>/p/<token>}
     * @param expiresAt when the link stops opening anything
     */
    record Issued(String id, URI url, Instant expiresAt) {
    }
}
