package org.fieldstone.messaging;

import java.util.List;
import org.fieldstone.shared.Actor;

/**
 * Email settings, templates and the emails sent of a document. Settings and templates need {@code settings:manage};
 * a document's emails need the right to read the document.
 */
public interface Emails {

    EmailSettings settings(Actor actor);

    /**
     * Changes the company's SMTP settings; the password goes into the company's secret store (audited by name).
     *
     * @throws org.fieldstone.shared.InvalidInput a field out of range (port, addresses, lengths)
     */
    EmailSettings updateSettings(Actor actor, EmailSettingsChange change);

    EmailTemplate template(Actor actor, DocumentType type);

    /**
     * Saves a template; null or blank subject and body restore the default.
     *
     * @throws org.fieldstone.shared.InvalidInput an unknown placeholder, a subject on several lines, too long
     */
    EmailTemplate updateTemplate(Actor actor, DocumentType type, String subject, String body);

    /** The emails of a document, oldest first (the caller checked that the actor sees the document). */
    List<SentEmail> sentFor(Actor actor, DocumentType type, String documentId);

    /**
     * Sends a test email to {@code to} through the server the company's emails use; returns the problem, or null.
     */
    String sendTest(Actor actor, String to);
}
