package org.fieldstone.invoices.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Set;
import org.fieldstone.invoices.InvoiceSettings;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.pricing.DocumentJson;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings/invoicing}: the invoice number prefix, the next number (never below one already given) and
 * the payment terms in days. Reading needs {@code invoices:read}, changing {@code pricing:manage}.
 */
@RestController
@RequestMapping("/api/v1/settings/invoicing")
@SecurityRequirement(name = "apiKey")
class InvoiceSettingsApi {

    private final Invoices invoices;

    InvoiceSettingsApi(Invoices invoices) {
        this.invoices = invoices;
    }

    @Operation(summary = "Invoice numbering and payment terms (invoices:read)")
    @GetMapping
    InvoiceSettings get(Actor actor) {
        return invoices.settings(actor);
    }

    @Operation(summary = "Change {prefix, nextNumber, paymentTermsDays}; absent fields keep their value (pricing:manage)")
    @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    InvoiceSettings put(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.PRICING_MANAGE);
        InvoiceSettings current = invoices.settings(actor);
        JsonFields f = JsonFields.of(body, Set.of("prefix", "nextNumber", "paymentTermsDays"), Set.of());
        String prefix = f.text("prefix") instanceof Change.To<String>(String p) ? (p == null ? "" : p) : current.prefix();
        Long next = f.has("nextNumber") ? DocumentJson.minorUnits(f, "nextNumber") : Long.valueOf(current.nextNumber());
        Integer days = f.has("paymentTermsDays") ? InvoicesApi.days(f) : Integer.valueOf(current.paymentTermsDays());
        if (f.has("nextNumber") && next == null) {
            f.reject("nextNumber", Message.of("invoices.refused.next-number"));
        }
        f.throwIfAny();
        return invoices.updateSettings(actor, new InvoiceSettings(prefix, next == null ? current.nextNumber() : next,
                days == null ? -1 : days));
    }
}
