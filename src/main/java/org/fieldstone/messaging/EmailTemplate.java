package org.fieldstone.messaging;

import java.util.List;

/**
 * The subject and body of the email of one kind of document. Logic-less: only the {@link #PLACEHOLDERS} in
 * {@code {{…}}} are replaced, as plain text, by the document's values; nothing else in the text is evaluated.
 */
public record EmailTemplate(DocumentType type, String subject, String body, boolean custom) {

    /**
     * The placeholders a template may use; {@code link} is a fresh customer-portal share link issued for the email
     * (empty only when none could be issued).
     */
    public static final List<String> PLACEHOLDERS = List.of("client.name", "document.number", "document.total",
            "document.dueOn", "document.expiresOn", "company.name", "link");
}
