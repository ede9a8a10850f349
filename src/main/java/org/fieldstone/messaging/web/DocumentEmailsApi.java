package org.fieldstone.messaging.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.messaging.DocumentType;
import org.fieldstone.messaging.Emails;
import org.fieldstone.messaging.SentEmail;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emails of a quote or an invoice, for its timeline: who may read the document reads them; another company's id
 * is not found.
 */
@RestController
@SecurityRequirement(name = "apiKey")
class DocumentEmailsApi {

    private final Emails emails;
    private final Quotes quotes;
    private final Invoices invoices;

    DocumentEmailsApi(Emails emails, Quotes quotes, Invoices invoices) {
        this.emails = emails;
        this.quotes = quotes;
        this.invoices = invoices;
    }

    @Operation(summary = "The quote's emails, oldest first, with the revision each sent (quotes:read)")
    @GetMapping("/api/v1/quotes/{id}/emails")
    List<SentEmail> quoteEmails(Actor actor, @PathVariable String id) {
        quotes.get(actor, id);
        return emails.sentFor(actor, DocumentType.QUOTE, id);
    }

    @Operation(summary = "The invoice's emails, oldest first (invoices:read)")
    @GetMapping("/api/v1/invoices/{id}/emails")
    List<SentEmail> invoiceEmails(Actor actor, @PathVariable String id) {
        invoices.get(actor, id);
        return emails.sentFor(actor, DocumentType.INVOICE, id);
    }
}
