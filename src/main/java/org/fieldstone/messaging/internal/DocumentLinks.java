package org.fieldstone.messaging.internal;

import org.fieldstone.messaging.DocumentType;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The customer portal's link of a document for an email's {@code {{link}}}: a fresh share link issued as the system
 * ({@link ShareLinks#issue}), just before the email is handed to the server. A send that fails revokes the link it
 * carried ({@link #revoke}), so an email tried again several times leaves one live link, the one of the email that
 * went out. A link that cannot be issued (the document is no longer sent, say) leaves the placeholder empty: the email
 * still goes.
 */
@Component
class DocumentLinks {

    private static final Logger log = LoggerFactory.getLogger(DocumentLinks.class);

    private final ShareLinks shareLinks;

    DocumentLinks(ShareLinks shareLinks) {
        this.shareLinks = shareLinks;
    }

    /** An issued link; {@link #NONE} when there is none. */
    record Link(String id, String url) {
        static final Link NONE = new Link(null, "");
    }

    /** A fresh link to the document, or {@link Link#NONE}. */
    Link issue(Actor system, DocumentType type, String documentId) {
        try {
            ShareLinks.Issued issued = shareLinks.issue(system, kind(type), documentId);
            return new Link(issued.id(), issued.url().toString());
        } catch (RuntimeException e) {
            log.warn("No portal link for {} {} of company {}: {}", type.code(), documentId, system.tenant(),
                    e.getMessage());
            return Link.NONE;
        }
    }

    /** Revokes the link of an email that was not sent. */
    void revoke(Actor system, Link link) {
        if (link == null || link.id() == null) {
            return;
        }
        try {
            shareLinks.revoke(system, link.id());
        } catch (RuntimeException e) {
            log.warn("The portal link {} of an unsent email of company {} could not be revoked: {}", link.id(),
                    system.tenant(), e.getMessage());
        }
    }

    static ShareLinks.Kind kind(DocumentType type) {
        return type == DocumentType.QUOTE ? ShareLinks.Kind.QUOTE : ShareLinks.Kind.INVOICE;
    }

    static DocumentType type(ShareLinks.Kind kind) {
        return kind == ShareLinks.Kind.QUOTE ? DocumentType.QUOTE : DocumentType.INVOICE;
    }
}
