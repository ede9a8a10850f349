/**
 * Messages to a company's clients. Today: quotes and invoices by email. Messaging reacts to
 * {@code QuoteEvents.QuoteSent} and {@code InvoiceEvents.InvoiceSent} from the outbox (earlier modules never call it),
 * reads the document and the client through their modules, renders the company's {@link org.fieldstone.messaging.EmailTemplate}
 * for the kind, attaches the document's PDF when a {@link org.fieldstone.messaging.DocumentPdfs} is present, sends
 * through the company's SMTP server ({@link org.fieldstone.messaging.EmailSettings}, the password in the secret store)
 * or the platform's ({@code spring.mail.*}), and records every email — sent, failed or skipped — on the document's
 * timeline ({@link org.fieldstone.messaging.SentEmail}). A document's state never depends on its email.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "quotes",
        "invoices", "pricing", "identity"})
package org.fieldstone.messaging;
