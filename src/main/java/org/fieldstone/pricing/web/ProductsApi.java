package org.fieldstone.pricing.web;

import static org.fieldstone.shared.api.VersionTags.expectedVersion;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Set;
import org.fieldstone.pricing.DocumentJson;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/products}: the company's products and services with default prices (minor units) and tax rates,
 * offered when lines are added to quotes, jobs and invoices (which copy them). Reading needs {@code quotes:read},
 * changing {@code pricing:manage}; changes need {@code If-Match}.
 */
@RestController
@RequestMapping("/api/v1/products")
@SecurityRequirement(name = "apiKey")
class ProductsApi {

    private static final Set<String> FIELDS = Set.of("kind", "name", "description", "unitPrice", "taxRateId", "unit",
            "archived", "sku", "unitCost", "barcode");

    private final Pricing pricing;

    ProductsApi(Pricing pricing) {
        this.pricing = pricing;
    }

    @Operation(summary = "Products and services by name; q searches name and description, archived=true includes "
            + "archived ones (quotes:read)")
    @GetMapping
    Page<ProductJson> list(Actor actor, @RequestParam(required = false) String q,
                           @RequestParam(required = false) Boolean archived, @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Page.PageRequest request = errors.check(() -> Page.request(page, size));
        errors.throwIfAny();
        return pricing.products(actor, q, Boolean.TRUE.equals(archived), request).map(ProductJson::of);
    }

    @Operation(summary = "Create a product or service: {kind: SERVICE|PRODUCT, name, description, unitPrice (minor "
            + "units), taxRateId, unit} (pricing:manage)")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<ProductJson> create(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.PRICING_MANAGE);
        JsonFields f = JsonFields.of(body, FIELDS, Set.of());
        Pricing.NewProduct product = new Pricing.NewProduct(JsonFields.valueOf(f.text("kind")),
                JsonFields.valueOf(f.text("name")), JsonFields.valueOf(f.text("description")),
                DocumentJson.minorUnits(f, "unitPrice"), JsonFields.valueOf(f.text("taxRateId")),
                JsonFields.valueOf(f.text("unit")), JsonFields.valueOf(f.text("sku")),
                f.has("unitCost") ? DocumentJson.minorUnits(f, "unitCost") : null, JsonFields.valueOf(f.text("barcode")));
        f.throwIfAny();
        return ApiResponses.created(pricing.createProduct(actor, product), ProductJson::of);
    }

    @Operation(summary = "One product or service, with its version as ETag (quotes:read)")
    @GetMapping("/{id}")
    ResponseEntity<ProductJson> get(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(pricing.product(actor, id), ProductJson::of);
    }

    @Operation(summary = "Change a product or service (merge patch; If-Match required; pricing:manage)")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ProductJson> patch(Actor actor, @PathVariable String id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestBody JsonNode body) {
        return ApiResponses.change(actor, Permission.PRICING_MANAGE, ifMatch, () -> pricing.product(actor, id), version -> {
            JsonFields f = JsonFields.of(body, FIELDS, Set.of());
            Change<Long> price = f.has("unitPrice") ? Change.to(DocumentJson.minorUnits(f, "unitPrice")) : Change.keep();
            Pricing.ProductChanges changes = new Pricing.ProductChanges(f.text("kind"), f.text("name"),
                    f.text("description"), price, f.text("taxRateId"), f.text("unit"), f.bool("archived"), f.text("sku"),
                    f.has("unitCost") ? Change.to(DocumentJson.minorUnits(f, "unitCost")) : Change.keep(), f.text("barcode"));
            f.throwIfAny();
            return pricing.updateProduct(actor, id, version, changes);
        }, ProductJson::of);
    }

    @Operation(summary = "Delete a product or service; documents keep the lines copied from it (If-Match required; "
            + "pricing:manage)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = expectedVersion(actor, Permission.PRICING_MANAGE, ifMatch, () -> pricing.product(actor, id));
        pricing.deleteProduct(actor, id, version);
        return ResponseEntity.noContent().build();
    }

    record ProductJson(String id, String kind, String name, String description, long unitPrice, String taxRateId,
                       String unit, boolean archived, String sku, Long unitCost, String barcode, long version) {
        static ProductJson of(Product p) {
            return new ProductJson(p.id(), p.kind().name(), p.name(), p.description(), p.unitPrice(), p.taxRateId(),
                    p.unit(), p.archived(), p.sku(), p.unitCost(), p.barcode(), p.version());
        }
    }
}
