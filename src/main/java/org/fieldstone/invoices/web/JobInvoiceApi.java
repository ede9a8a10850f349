package org.fieldstone.invoices.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Locale;
import java.util.Set;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/jobs/{id}/actions/invoice}: a draft invoice for a job, here because invoices depend on jobs
 * (never the other way round). 201 with the invoice.
 */
@RestController
@SecurityRequirement(name = "apiKey")
class JobInvoiceApi {

    private final Invoices invoices;
    private final Pricing pricing;

    JobInvoiceApi(Invoices invoices, Pricing pricing) {
        this.invoices = invoices;
        this.pricing = pricing;
    }

    @Operation(summary = "The deposit invoices made for a quote's deposit (paid by card on the portal, or not yet), "
            + "oldest first; when the quote becomes a job they go with it and its final invoice deducts them (invoices:read)")
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/quotes/{id}/deposit-invoices")
    java.util.List<InvoicesApi.InvoiceJson> quoteDeposits(Actor actor, @PathVariable String id) {
        return invoices.depositsOfQuote(actor, id).stream().map(InvoicesApi.InvoiceJson::of).toList();
    }

    @Operation(summary = "Invoice a job: {kind?: invoice (default; a completed job: its lines, its quote's discount "
            + "and deposit, minus deposits paid; hourlyProductId? adds its visits' time at that product's price) | "
            + "deposit (a deposit invoice for the job's deposit due)} → 201 with the draft invoice (invoices:write)")
    @PostMapping("/api/v1/jobs/{id}/actions/invoice")
    ResponseEntity<InvoicesApi.InvoiceJson> invoice(Actor actor, @PathVariable String id,
                                                    @RequestBody(required = false) JsonNode body) {
        pricing.withMoneyPolicy(actor).require(Permission.INVOICES_WRITE);
        JsonNode given = body == null || body.isNull() ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : body;
        JsonFields f = JsonFields.of(given, Set.of("kind", "hourlyProductId"), Set.of());
        String kind = JsonFields.valueOf(f.text("kind"));
        InvoiceKind parsed = InvoiceKind.INVOICE;
        if (kind != null && !kind.isBlank()) {
            try {
                parsed = InvoiceKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.reject("kind", Message.of("invoices.refused.kind"));
            }
        }
        String hourly = JsonFields.valueOf(f.text("hourlyProductId"));
        f.throwIfAny();
        return ApiResponses.created("/api/v1/invoices", invoices.invoiceJob(actor, id, parsed, hourly),
                InvoicesApi.InvoiceJson::of);
    }
}
