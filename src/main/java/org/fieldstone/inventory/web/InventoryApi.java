package org.fieldstone.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fieldstone.inventory.Inventory;
import org.fieldstone.inventory.Location;
import org.fieldstone.inventory.MovementType;
import org.fieldstone.inventory.Quantities;
import org.fieldstone.inventory.Reorder;
import org.fieldstone.inventory.StockLevel;
import org.fieldstone.inventory.StockMovement;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.JsonFields;
import org.fieldstone.shared.api.VersionTags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The inventory's REST API: {@code /api/v1/items} (the company's products with a SKU: the stock view of the one
 * catalogue), {@code /api/v1/locations}, {@code /api/v1/stock}, the ledger {@code /api/v1/stock-movements},
 * {@code /api/v1/stock-thresholds}, {@code /api/v1/stock/reorder} and {@code /api/v1/settings/inventory}. Quantities
 * are decimals with up to three places; money in minor units. Reading needs {@code jobs:read}; everything else
 * {@code inventory:manage}, except USE and RETURN from a job, which a technician records on their own job and van.
 */
@RestController
@RequestMapping("/api/v1")
@SecurityRequirement(name = "apiKey")
class InventoryApi {

    private static final Set<String> ITEM_FIELDS = Set.of("name", "description", "sku", "unit", "unitCost",
            "unitPrice", "taxRateId", "barcode", "archived");
    private static final Set<String> LOCATION_FIELDS = Set.of("kind", "name", "userId", "crewId", "archived");
    private static final Set<String> MOVEMENT_FIELDS = Set.of("type", "itemId", "quantity", "fromLocationId",
            "toLocationId", "jobId", "reason", "supplier", "unitCost");

    private final Inventory inventory;
    private final Pricing pricing;

    InventoryApi(Inventory inventory, Pricing pricing) {
        this.inventory = inventory;
        this.pricing = pricing;
    }

    @Operation(summary = "Import items from CSV (text/csv, UTF-8): the header " + Inventory.ITEMS_CSV_HEADER
            + "; costs and prices in the major unit (12.50), the tax rate by name. All or nothing: a bad row is a 400 "
            + "naming lines[<line>].<column>, and nothing is created (inventory:manage)")
    @PostMapping(path = "/items/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<ImportJson> importItems(Actor actor, @RequestBody(required = false) String csv) {
        actor.require(Permission.INVENTORY_MANAGE);
        List<Product> created = inventory.importItems(actor, csv);
        return ResponseEntity.status(201).body(new ImportJson(created.size(), created.stream().map(ItemJson::of).toList()));
    }

    record ImportJson(int imported, List<ItemJson> items) {
    }

    @Operation(summary = "The stock as CSV: " + "item_id,sku,item,unit,location_id,location,quantity (jobs:read)")
    @GetMapping(path = "/stock.csv", produces = "text/csv")
    ResponseEntity<String> stockCsv(Actor actor, @RequestParam(required = false) String itemId,
                                    @RequestParam(required = false) String locationId) {
        return csv("stock.csv", InventoryCsv.stock(actor, inventory, pricing, blankToNull(itemId), blankToNull(locationId)));
    }

    @Operation(summary = "The ledger as CSV, newest first, with the filters of /stock-movements (at most 100,000 rows; "
            + "jobs:read)")
    @GetMapping(path = "/stock-movements.csv", produces = "text/csv")
    ResponseEntity<String> movementsCsv(Actor actor, @RequestParam(required = false) String itemId,
                                        @RequestParam(required = false) String locationId,
                                        @RequestParam(required = false) String jobId,
                                        @RequestParam(required = false) String type,
                                        @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to) {
        return csv("stock-movements.csv", InventoryCsv.movements(actor, inventory, pricing,
                query(itemId, locationId, jobId, type, from, to)));
    }

    static ResponseEntity<String> csv(String name, String body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }

    /** The ledger's filters as given; a bad type or date is a 400 naming its parameter. */
    static Inventory.MovementQuery query(String itemId, String locationId, String jobId, String type, String from,
                                         String to) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        MovementType movementType = null;
        if (blankToNull(type) != null) {
            movementType = errors.check(() -> {
                try {
                    return MovementType.valueOf(type.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInput("type", Message.of("inventory.refused.movement-type"));
                }
            });
        }
        LocalDate fromDate = errors.check(() -> date("from", from));
        LocalDate toDate = errors.check(() -> date("to", to));
        errors.throwIfAny();
        return new Inventory.MovementQuery(blankToNull(itemId), blankToNull(locationId), blankToNull(jobId), movementType,
                fromDate, toDate);
    }

    // ---- items

    @Operation(summary = "Inventory items (products with a SKU) by name; q searches name, SKU and barcode (jobs:read)")
    @GetMapping("/items")
    Page<ItemJson> items(Actor actor, @RequestParam(required = false) String q,
                         @RequestParam(required = false) Boolean archived, @RequestParam(required = false) Integer page,
                         @RequestParam(required = false) Integer size) {
        return inventory.items(actor, q, Boolean.TRUE.equals(archived), pageRequest(page, size)).map(ItemJson::of);
    }

    @Operation(summary = "Create an item: {name, sku, unit, unitCost, unitPrice (minor units), taxRateId, barcode, "
            + "description} — a product of the catalogue; a SKU taken is 409 (inventory:manage)")
    @PostMapping(path = "/items", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<ItemJson> createItem(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.INVENTORY_MANAGE);
        JsonFields f = JsonFields.of(body, ITEM_FIELDS, Set.of());
        Pricing.NewProduct item = new Pricing.NewProduct("PRODUCT", JsonFields.valueOf(f.text("name")),
                JsonFields.valueOf(f.text("description")), minorUnits(f, "unitPrice"),
                JsonFields.valueOf(f.text("taxRateId")), JsonFields.valueOf(f.text("unit")),
                JsonFields.valueOf(f.text("sku")), minorUnits(f, "unitCost"), JsonFields.valueOf(f.text("barcode")));
        f.throwIfAny();
        return ApiResponses.created(inventory.createItem(actor, item), ItemJson::of);
    }

    @Operation(summary = "One item, with its version as ETag (jobs:read)")
    @GetMapping("/items/{id}")
    ResponseEntity<ItemJson> item(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(inventory.item(actor, id), ItemJson::of);
    }

    @Operation(summary = "Change an item (merge patch; If-Match required; inventory:manage)")
    @PatchMapping(path = "/items/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ItemJson> patchItem(Actor actor, @PathVariable String id,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @RequestBody JsonNode body) {
        return ApiResponses.change(actor, Permission.INVENTORY_MANAGE, ifMatch, () -> inventory.item(actor, id), version -> {
            JsonFields f = JsonFields.of(body, ITEM_FIELDS, Set.of());
            Change<Long> price = f.has("unitPrice") ? Change.to(minorUnits(f, "unitPrice")) : Change.keep();
            Change<Long> cost = f.has("unitCost") ? Change.to(minorUnits(f, "unitCost")) : Change.keep();
            Pricing.ProductChanges changes = new Pricing.ProductChanges(Change.keep(), f.text("name"),
                    f.text("description"), price, f.text("taxRateId"), f.text("unit"), f.bool("archived"),
                    f.text("sku"), cost, f.text("barcode"));
            f.throwIfAny();
            return inventory.updateItem(actor, id, version, changes);
        }, ItemJson::of);
    }

    // ---- locations

    @Operation(summary = "Warehouses and vans; archived=true includes archived ones (jobs:read)")
    @GetMapping("/locations")
    List<LocationJson> locations(Actor actor, @RequestParam(required = false) Boolean archived) {
        return inventory.locations(actor, Boolean.TRUE.equals(archived)).stream().map(LocationJson::of).toList();
    }

    @Operation(summary = "Create a location: {kind: WAREHOUSE|VAN, name, userId | crewId (a van's technician or crew)} "
            + "(inventory:manage)")
    @PostMapping(path = "/locations", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<LocationJson> createLocation(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.INVENTORY_MANAGE);
        JsonFields f = JsonFields.of(body, LOCATION_FIELDS, Set.of());
        Inventory.NewLocation location = new Inventory.NewLocation(JsonFields.valueOf(f.text("kind")),
                JsonFields.valueOf(f.text("name")), JsonFields.valueOf(f.text("userId")),
                JsonFields.valueOf(f.text("crewId")));
        f.throwIfAny();
        return ApiResponses.created(inventory.createLocation(actor, location), LocationJson::of);
    }

    @Operation(summary = "One location, with its version as ETag: it rises with every movement in or out (jobs:read)")
    @GetMapping("/locations/{id}")
    ResponseEntity<LocationJson> location(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(inventory.location(actor, id), LocationJson::of);
    }

    @Operation(summary = "Rename, archive or restore a location: {name, archived} (merge patch; If-Match required; "
            + "inventory:manage)")
    @PatchMapping(path = "/locations/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<LocationJson> patchLocation(Actor actor, @PathVariable String id,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestBody JsonNode body) {
        return ApiResponses.change(actor, Permission.INVENTORY_MANAGE, ifMatch, () -> inventory.location(actor, id), version -> {
            JsonFields f = JsonFields.of(body, Set.of("name", "archived"), Set.of("kind", "userId", "crewId"));
            Change<String> name = f.text("name");
            Change<Boolean> archived = f.bool("archived");
            f.throwIfAny();
            return inventory.updateLocation(actor, id, version, name, archived);
        }, LocationJson::of);
    }

    // ---- stock and the ledger

    @Operation(summary = "Stock: the sum of the movements of each item at each location, narrowed by itemId and/or "
            + "locationId (jobs:read)")
    @GetMapping("/stock")
    List<StockJson> stock(Actor actor, @RequestParam(required = false) String itemId,
                          @RequestParam(required = false) String locationId) {
        return inventory.stock(actor, blankToNull(itemId), blankToNull(locationId)).stream().map(StockJson::of).toList();
    }

    @Operation(summary = "Record a movement: {type: RECEIVE|TRANSFER|USE|RETURN|ADJUST, itemId, quantity, fromLocationId, "
            + "toLocationId, jobId, reason, supplier, unitCost}; If-Match (optional) names the version of the location "
            + "stock leaves (RECEIVE, RETURN, ADJUST: enters) — another is 412. Not enough stock: 409. USE and RETURN "
            + "from a job: jobs:write on one's own job and van; else inventory:manage")
    @PostMapping(path = "/stock-movements", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<MovementJson> record(Actor actor, @RequestBody JsonNode body,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        actor.require(Permission.JOBS_WRITE);
        JsonFields f = JsonFields.of(body, MOVEMENT_FIELDS, Set.of());
        Long quantity = quantity(f, "quantity");
        Inventory.NewMovement movement = new Inventory.NewMovement(JsonFields.valueOf(f.text("type")),
                JsonFields.valueOf(f.text("itemId")), quantity, JsonFields.valueOf(f.text("fromLocationId")),
                JsonFields.valueOf(f.text("toLocationId")), JsonFields.valueOf(f.text("jobId")),
                JsonFields.valueOf(f.text("reason")), JsonFields.valueOf(f.text("supplier")), minorUnits(f, "unitCost"),
                ifMatch == null || ifMatch.isBlank() ? null : VersionTags.expectedVersion(ifMatch));
        f.throwIfAny();
        StockMovement recorded = inventory.record(actor, movement);
        return ResponseEntity.created(ApiResponses.location(recorded.id())).body(MovementJson.of(recorded));
    }

    @Operation(summary = "The ledger, newest first; filters itemId, locationId (in or out), jobId, type, from and to "
            + "(dates, inclusive, in the company's time zone); paged (jobs:read)")
    @GetMapping("/stock-movements")
    Page<MovementJson> movements(Actor actor, @RequestParam(required = false) String itemId,
                                 @RequestParam(required = false) String locationId,
                                 @RequestParam(required = false) String jobId,
                                 @RequestParam(required = false) String type,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Page.PageRequest request = pageRequest(page, size);
        return inventory.movements(actor, query(itemId, locationId, jobId, type, from, to), request).map(MovementJson::of);
    }

    @Operation(summary = "Set the low-stock threshold of an item at a location: {itemId, locationId, minimum} (0 "
            + "removes it) (inventory:manage)")
    @PutMapping(path = "/stock-thresholds", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> threshold(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.INVENTORY_MANAGE);
        JsonFields f = JsonFields.of(body, Set.of("itemId", "locationId", "minimum"), Set.of());
        Long minimum = quantity(f, "minimum");
        String itemId = JsonFields.valueOf(f.text("itemId"));
        String locationId = JsonFields.valueOf(f.text("locationId"));
        if (minimum == null && !f.has("minimum")) {
            f.reject("minimum", Message.of("inventory.refused.minimum", Quantities.toDecimal(Quantities.MAX)));
        }
        f.throwIfAny();
        inventory.setThreshold(actor, itemId, locationId, minimum == null ? 0 : minimum);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "What is below its low-stock threshold now: the dashboard's To reorder (jobs:read)")
    @GetMapping("/stock/reorder")
    List<ReorderJson> reorder(Actor actor) {
        return inventory.toReorder(actor).stream().map(ReorderJson::of).toList();
    }

    @Operation(summary = "The inventory settings: {allowNegativeStock} (jobs:read)")
    @GetMapping("/settings/inventory")
    SettingsJson settings(Actor actor) {
        return new SettingsJson(inventory.allowsNegativeStock(actor));
    }

    @Operation(summary = "Change the inventory settings: {allowNegativeStock} (inventory:manage)")
    @PutMapping(path = "/settings/inventory", consumes = MediaType.APPLICATION_JSON_VALUE)
    SettingsJson updateSettings(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.INVENTORY_MANAGE);
        JsonFields f = JsonFields.of(body, Set.of("allowNegativeStock"), Set.of());
        Boolean allowed = JsonFields.valueOf(f.bool("allowNegativeStock"));
        if (allowed == null) {
            f.reject("allowNegativeStock", Message.of("api.json.boolean"));
        }
        f.throwIfAny();
        inventory.setAllowsNegativeStock(actor, allowed);
        return new SettingsJson(inventory.allowsNegativeStock(actor));
    }

    // ---- helpers

    private static Page.PageRequest pageRequest(Integer page, Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Page.PageRequest request = errors.check(() -> Page.request(page, size));
        errors.throwIfAny();
        return request;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, Message.of("inventory.refused.date"));
        }
    }

    /** A decimal with at most three places as thousandths; anything else is the field's error (null). */
    static Long quantity(JsonFields f, String field) {
        String text = JsonFields.valueOf(f.decimal(field));
        if (text == null) {
            return null;
        }
        try {
            Long q = text.length() > 40 ? null : Quantities.fromDecimal(new BigDecimal(text.strip()));
            if (q == null) {
                f.reject(field, Message.of("inventory.refused.quantity-format"));
            }
            return q;
        } catch (NumberFormatException e) {
            f.reject(field, Message.of("inventory.refused.quantity-format"));
            return null;
        }
    }

    /** Whole minor units, or null when absent or null; a fraction or text is the field's error. */
    static Long minorUnits(JsonFields f, String field) {
        String text = JsonFields.valueOf(f.decimal(field));
        if (text == null) {
            return null;
        }
        try {
            if (text.length() > 40) {
                throw new NumberFormatException("too long");
            }
            return new BigDecimal(text.strip()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            f.reject(field, Message.of("pricing.refused.minor-units"));
            return null;
        }
    }

    record ItemJson(String id, String name, String description, String sku, String unit, Long unitCost, long unitPrice,
                    String taxRateId, String barcode, boolean archived, long version) {
        static ItemJson of(Product p) {
            return new ItemJson(p.id(), p.name(), p.description(), p.sku(), p.unit(), p.unitCost(), p.unitPrice(),
                    p.taxRateId(), p.barcode(), p.archived(), p.version());
        }
    }

    record LocationJson(String id, String kind, String name, String userId, String crewId, boolean archived, long version) {
        static LocationJson of(Location l) {
            return new LocationJson(l.id(), l.kind().name(), l.name(), l.userId() == null ? null : l.userId().toString(),
                    l.crewId(), l.archived(), l.version());
        }
    }

    record StockJson(String itemId, String locationId, BigDecimal quantity) {
        static StockJson of(StockLevel s) {
            return new StockJson(s.itemId(), s.locationId(), Quantities.toDecimal(s.quantity()));
        }
    }

    record MovementJson(String id, String type, String itemId, BigDecimal quantity, String fromLocationId,
                        String toLocationId, String jobId, String reason, String supplier, Long unitCost,
                        java.time.Instant recordedAt, String recordedBy) {
        static MovementJson of(StockMovement m) {
            return new MovementJson(m.id(), m.type().name(), m.itemId(), Quantities.toDecimal(m.quantity()),
                    m.fromLocationId(), m.toLocationId(), m.jobId(), m.reason(), m.supplier(), m.unitCost(),
                    m.recordedAt(), m.recordedBy());
        }
    }

    record ReorderJson(String itemId, String itemName, String sku, String locationId, String locationName,
                       BigDecimal quantity, BigDecimal minimum, BigDecimal shortBy) {
        static ReorderJson of(Reorder r) {
            return new ReorderJson(r.itemId(), r.itemName(), r.sku(), r.locationId(), r.locationName(),
                    Quantities.toDecimal(r.quantity()), Quantities.toDecimal(r.minimum()), Quantities.toDecimal(r.shortBy()));
        }
    }

    record SettingsJson(boolean allowNegativeStock) {
    }
}
