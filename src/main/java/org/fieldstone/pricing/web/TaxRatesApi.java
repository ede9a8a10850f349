package org.fieldstone.pricing.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.fieldstone.pricing.DocumentJson;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/tax-rates}: the company's named tax rates ("VAT 8.1 %"). A rate in use is archived, never deleted:
 * documents keep the name and percent they were made with. Reading needs {@code quotes:read}, changing
 * {@code pricing:manage}; changes need {@code If-Match}.
 */
@RestController
@RequestMapping("/api/v1/tax-rates")
@SecurityRequirement(name = "apiKey")
class TaxRatesApi {

    private static final Set<String> FIELDS = Set.of("name", "percent", "archived");

    private final Pricing pricing;

    TaxRatesApi(Pricing pricing) {
        this.pricing = pricing;
    }

    @Operation(summary = "The company's tax rates, active first, by name (quotes:read)")
    @GetMapping
    List<TaxRateJson> list(Actor actor) {
        return pricing.taxRates(actor).stream().map(TaxRateJson::of).toList();
    }

    @Operation(summary = "Create a tax rate: {name, percent} (0–100, up to 3 decimals; pricing:manage)")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<TaxRateJson> create(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.PRICING_MANAGE);
        JsonFields f = JsonFields.of(body, FIELDS, Set.of());
        String name = JsonFields.valueOf(f.text("name"));
        BigDecimal percent = DocumentJson.decimal(f, "percent");
        f.throwIfAny();
        return ApiResponses.created(pricing.createTaxRate(actor, name, percent), TaxRateJson::of);
    }

    @Operation(summary = "One tax rate, with its version as ETag (quotes:read)")
    @GetMapping("/{id}")
    ResponseEntity<TaxRateJson> get(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(pricing.taxRate(actor, id), TaxRateJson::of);
    }

    @Operation(summary = "Rename, change the percent (documents already made keep theirs) or archive a tax rate "
            + "(merge patch; If-Match required; pricing:manage)")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<TaxRateJson> patch(Actor actor, @PathVariable String id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestBody JsonNode body) {
        return ApiResponses.change(actor, Permission.PRICING_MANAGE, ifMatch, () -> pricing.taxRate(actor, id), version -> {
            JsonFields f = JsonFields.of(body, FIELDS, Set.of());
            Change<String> name = f.text("name");
            Change<BigDecimal> percent = f.has("percent") ? Change.to(DocumentJson.decimal(f, "percent")) : Change.keep();
            Change<Boolean> archived = f.bool("archived");
            f.throwIfAny();
            return pricing.updateTaxRate(actor, id, version, name, percent, archived);
        }, TaxRateJson::of);
    }

    record TaxRateJson(String id, String name, BigDecimal percent, boolean archived, long version) {
        static TaxRateJson of(TaxRate t) {
            return new TaxRateJson(t.id(), t.name(), t.percent(), t.archived(), t.version());
        }
    }
}
