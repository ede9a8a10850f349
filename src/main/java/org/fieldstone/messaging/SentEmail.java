package org.fieldstone.messaging;

import java.time.Instant;
import java.util.Locale;

/**
 * One email of a document, as its timeline shows it.
 *
 * @param revision the quote's revision that was sent; null for invoices
 * @param status   {@code SENT}, {@code FAILED} (the server refused or could not be reached, after retries),
 *                 {@code SKIPPED} (no recipient, no server configured, the client opted out of reminders) or
 *                 {@code SENDING} (a reminder claimed by a run and being sent)
 * @param reason   why it failed or was skipped, or a remark on a sent email (e.g. {@code no-pdf}); a code
 * @param kind     what the email was: the document itself, a reminder, a new portal link the customer asked for
 */
public record SentEmail(String id, DocumentType documentType, String documentId, Integer revision, String to,
                        String subject, Status status, String reason, String messageId, Instant at, Kind kind) {

    public enum Status {
        SENT, FAILED, SKIPPED, SENDING
    }

    /** What an email of a document was; {@code OFFICE_NOTICE} goes to the company's owners and admins. */
    public enum Kind {
        DOCUMENT, REMINDER, NEW_LINK, OFFICE_NOTICE;

        /** As stored ({@code null} for {@link #DOCUMENT}, the rows from before kinds existed). */
        public String code() {
            return this == DOCUMENT ? null : name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind ofCode(String code) {
            for (Kind k : values()) {
                if (k != DOCUMENT && k.code().equals(code)) {
                    return k;
                }
            }
            return DOCUMENT;
        }
    }

    /** The email of a document sent. */
    public SentEmail(String id, DocumentType documentType, String documentId, Integer revision, String to,
                     String subject, Status status, String reason, String messageId, Instant at) {
        this(id, documentType, documentId, revision, to, subject, status, reason, messageId, at, Kind.DOCUMENT);
    }
}
