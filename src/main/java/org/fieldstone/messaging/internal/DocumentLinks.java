package org.fieldstone.messaging.internal;

import org.fieldstone.messaging.DocumentType;
import org.fieldstone.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The customer portal's link of a document for an email's {@code {{link}}}: empty until the portal's share links
 * exist.
 */
@Component
class DocumentLinks {

    /** A fresh link to the document, or empty. */
    String fresh(Actor system, DocumentType type, String documentId) {
        return "";
    }
}
