package org.fieldstone.messaging.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.messaging.DocumentType;
import org.fieldstone.messaging.SentEmail;
import org.fieldstone.portal.PortalEvents;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.tenancy.DomainEventListener;
import org.springframework.stereotype.Component;

/**
 * A customer whose link no longer opens anything asked for a new one on the portal: a fresh link to the same document
 * goes to the email address on file of the document's client — read here, never taken from the event or the page —
 * recorded on the document's timeline (skipped when the client has no address). Idempotent by the event's id; a
 * failed send is tried again by the outbox, and the link of a failed attempt is revoked.
 */
@Component
class NewLinkEmails {

    private final EmailService emails;
    private final Quotes quotes;
    private final Invoices invoices;
    private final DocumentLinks links;

    NewLinkEmails(EmailService emails, Quotes quotes, Invoices invoices, DocumentLinks links) {
        this.emails = emails;
        this.quotes = quotes;
        this.invoices = invoices;
        this.links = links;
    }

    @DomainEventListener
    void newLinkRequested(PortalEvents.NewLinkRequested event, UUID eventId) {
        Actor system = Actor.system(event.tenant(), Channel.SYSTEM);
        String key = eventId.toString();
        Optional<EmailService.Row> pending = emails.pending(system, key);
        if (pending.isEmpty()) {
            return;
        }
        DocumentType type = DocumentLinks.type(event.kind());
        Map<String, String> values;
        String number;
        Integer revision = null;
        if (type == DocumentType.QUOTE) {
            Quote quote = quotes.get(system, event.documentId());
            number = quote.number();
            revision = quote.revision();
            values = emails.values(system, quote.clientId(), number, quote.totals().total());
            values.put("document.expiresOn", quote.expiresOn() == null ? "" : quote.expiresOn().toString());
        } else {
            Invoice invoice = invoices.get(system, event.documentId());
            number = invoice.number();
            values = emails.values(system, invoice.clientId(), number, invoice.totals().total());
            values.put("document.dueOn", invoice.dueOn() == null ? "" : invoice.dueOn().toString());
        }
        String template = "messaging.template.new-link." + type.code() + ".";
        emails.deliver(system, key, pending.get(), SentEmail.Kind.NEW_LINK, type, event.documentId(), revision, number,
                emails.text(template + "subject"), emails.text(template + "body"), values, () -> null,
                () -> links.issue(system, type, event.documentId()));
    }
}
