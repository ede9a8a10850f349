/**
 * Messages to a company's clients. Today: quotes and invoices by email, each with a fresh customer-portal link
 * ({@code portal.ShareLinks}); reminders of overdue invoices and expiring quotes ({@link org.fieldstone.messaging.Reminders},
 * a scheduled job that claims each reminder once); a fresh link when a customer asks for one on the portal
 * ({@code PortalEvents.NewLinkRequested}, to the address on file only); and notices to the company's owners and admins
 * when a customer decides on a quote on the portal, when malware is found in an upload (owners) and when the daily
 * low-stock check finds something to reorder. Messaging reacts to
 * {@code QuoteEvents.QuoteSent} and {@code InvoiceEvents.InvoiceSent} from the outbox (earlier modules never call it),
 * reads the document and the client through their modules, renders the company's {@link org.fieldstone.messaging.EmailTemplate}
 * for the kind, attaches the document's PDF when a {@link org.fieldstone.messaging.DocumentPdfs} is present, sends
 * through the company's SMTP server ({@link org.fieldstone.messaging.EmailSettings}, the password in the secret store)
 * or the platform's ({@code spring.mail.*}), and records every email — sent, failed or skipped — on the document's
 * timeline ({@link org.fieldstone.messaging.SentEmail}). A document's state never depends on its email.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "quotes",
        "invoices", "pricing", "identity", "portal", "files", "inventory", "notifications"})
package org.fieldstone.messaging;
