package org.fieldstone.messaging;

import java.time.Instant;

/**
 * One email of a document, as its timeline shows it.
 *
 * @param revision the quote's revision that was sent; null for invoices
 * @param status   {@code SENT}, {@code FAILED} (the server refused or could not be reached, after retries) or
 *                 {@code SKIPPED} (no recipient, no server configured)
 * @param reason   why it failed or was skipped, or a remark on a sent email (e.g. {@code no-pdf}); a code
 */
public record SentEmail(String id, DocumentType documentType, String documentId, Integer revision, String to,
                        String subject, Status status, String reason, String messageId, Instant at) {

    public enum Status {
        SENT, FAILED, SKIPPED
    }
}
