package org.fieldstone.inventory.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.inventory.Inventory;
import org.fieldstone.inventory.Location;
import org.fieldstone.inventory.MovementType;
import org.fieldstone.inventory.Quantities;
import org.fieldstone.inventory.StockLevel;
import org.fieldstone.inventory.StockMovement;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The dashboard's Inventory ({@code inventory:manage}): what to reorder, stock per location, the ledger with filters,
 * the Receive, Transfer and Adjust forms, items (new, CSV import) and locations; CSV exports. And a technician's van
 * ({@code /c/<slug>/inventory/van}, {@code jobs:write}): its stock and the Parts used form (USE from the van on one of
 * their jobs). Forms post to their page's address; a refusal is shown beside the field with what was typed (4xx), a
 * success redirects with a notice. Works without JavaScript.
 */
@Controller
@RequestMapping("/c/{slug}/inventory")
class InventoryController {

    private static final Set<String> NOTICES = Set.of("recorded", "item-created", "imported", "location-created");
    private static final int MOVEMENTS_SHOWN = 50;

    private final Inventory inventory;
    private final Pricing pricing;
    private final Jobs jobs;
    private final Team team;
    private final Crews crews;
    private final MessageSource messages;
    private final org.fieldstone.tenancy.Companies companies;

    InventoryController(Inventory inventory, Pricing pricing, Jobs jobs, Team team, Crews crews, MessageSource messages,
                        org.fieldstone.tenancy.Companies companies) {
        this.companies = companies;
        this.inventory = inventory;
        this.pricing = pricing;
        this.jobs = jobs;
        this.team = team;
        this.crews = crews;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, @RequestParam(required = false) String itemId,
                @RequestParam(required = false) String locationId, @RequestParam(required = false) String type,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) Integer page, Model model, HttpServletResponse response) {
        actor.require(Permission.INVENTORY_MANAGE);
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "inventory.notice." + notice);
        }
        Map<String, String> filterErrors = new LinkedHashMap<>();
        Inventory.MovementQuery query;
        try {
            query = InventoryApi.query(itemId, locationId, null, type, from, to);
        } catch (InvalidInput e) {
            filterErrors.putAll(e.fieldErrors(messages));
            query = Inventory.MovementQuery.ALL;
            response.setStatus(400);
        }
        model.addAttribute("filter", new Filter(nz(itemId), nz(locationId), nz(type), nz(from), nz(to)));
        model.addAttribute("filterErrors", filterErrors);
        int p = page == null || page < 0 ? 0 : page;
        Page<StockMovement> movements = inventory.movements(actor, query, new Page.PageRequest(p, MOVEMENTS_SHOWN));
        model.addAttribute("movements", movements);
        return page(actor, model, null, Map.of(), Map.of());
    }

    /** Receive, transfer or adjust (the form's {@code type}); USE from any location on any job for managers too. */
    @PostMapping("/movements")
    String record(Actor actor, @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String itemId,
                  @RequestParam(defaultValue = "") String quantity, @RequestParam(defaultValue = "") String fromLocationId,
                  @RequestParam(defaultValue = "") String toLocationId, @RequestParam(defaultValue = "") String reason,
                  @RequestParam(defaultValue = "") String supplier, @RequestParam(defaultValue = "") String unitCost,
                  Model model, HttpServletResponse response) {
        actor.require(Permission.INVENTORY_MANAGE);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("itemId", itemId);
        typed.put("quantity", quantity);
        typed.put("fromLocationId", fromLocationId);
        typed.put("toLocationId", toLocationId);
        typed.put("reason", reason);
        typed.put("supplier", supplier);
        typed.put("unitCost", unitCost);
        String form = type.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            InvalidInput.Collector errors = new InvalidInput.Collector();
            Long q = errors.check(() -> quantity(quantity));
            Long cost = unitCost.isBlank() ? null : errors.check(() -> minor(actor, "unitCost", unitCost));
            errors.throwIfAny();
            inventory.record(actor, new Inventory.NewMovement(type, itemId, q, fromLocationId, toLocationId, null,
                    reason, supplier, cost, null));
            return "redirect:/c/{slug}/inventory?notice=recorded";
        } catch (DomainException e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("movements", inventory.movements(actor, Inventory.MovementQuery.ALL,
                    new Page.PageRequest(0, MOVEMENTS_SHOWN)));
            model.addAttribute("filter", new Filter("", "", "", "", ""));
            model.addAttribute("filterErrors", Map.of());
            return page(actor, model, form, typed, errors(e));
        }
    }

    @PostMapping("/items")
    String createItem(Actor actor, @RequestParam(defaultValue = "") String sku, @RequestParam(defaultValue = "") String name,
                      @RequestParam(defaultValue = "") String unit, @RequestParam(defaultValue = "") String unitCost,
                      @RequestParam(defaultValue = "") String unitPrice, @RequestParam(defaultValue = "") String taxRateId,
                      @RequestParam(defaultValue = "") String barcode, Model model, HttpServletResponse response) {
        actor.require(Permission.INVENTORY_MANAGE);
        Map<String, String> typed = Map.of("sku", sku, "name", name, "unit", unit, "unitCost", unitCost,
                "unitPrice", unitPrice, "taxRateId", taxRateId, "barcode", barcode);
        try {
            InvalidInput.Collector errors = new InvalidInput.Collector();
            Long cost = unitCost.isBlank() ? null : errors.check(() -> minor(actor, "unitCost", unitCost));
            Long price = errors.check(() -> minor(actor, "unitPrice", unitPrice));
            errors.throwIfAny();
            inventory.createItem(actor, new Pricing.NewProduct("PRODUCT", name, null, price, taxRateId, unit, sku, cost,
                    barcode));
            return "redirect:/c/{slug}/inventory?notice=item-created#items";
        } catch (DomainException e) {
            response.setStatus(e.pageStatus());
            return failed(actor, model, "item", typed, e);
        }
    }

    @PostMapping("/items/import")
    String importItems(Actor actor, @RequestParam(required = false) MultipartFile file, Model model,
                       HttpServletResponse response) throws IOException {
        actor.require(Permission.INVENTORY_MANAGE);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("file", Message.of("inventory.refused.csv-empty"));
            }
            inventory.importItems(actor, new String(file.getBytes(), StandardCharsets.UTF_8));
            return "redirect:/c/{slug}/inventory?notice=imported#items";
        } catch (DomainException e) {
            response.setStatus(e.pageStatus());
            return failed(actor, model, "import", Map.of(), e);
        }
    }

    @PostMapping("/locations")
    String createLocation(Actor actor, @RequestParam(defaultValue = "") String kind,
                          @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String owner,
                          Model model, HttpServletResponse response) {
        actor.require(Permission.INVENTORY_MANAGE);
        // the owner select names "user:<id>" or "crew:<id>"
        String userId = owner.startsWith("user:") ? owner.substring(5) : null;
        String crewId = owner.startsWith("crew:") ? owner.substring(5) : null;
        try {
            inventory.createLocation(actor, new Inventory.NewLocation(kind, name, userId, crewId));
            return "redirect:/c/{slug}/inventory?notice=location-created#locations";
        } catch (DomainException e) {
            response.setStatus(e.pageStatus());
            return failed(actor, model, "location", Map.of("kind", kind, "name", name, "owner", owner), e);
        }
    }

    @GetMapping("/stock.csv")
    ResponseEntity<String> stockCsv(Actor actor, @PathVariable String slug) {
        actor.require(Permission.INVENTORY_MANAGE);
        return InventoryApi.csv("stock-" + slug + ".csv", InventoryCsv.stock(actor, inventory, pricing, null, null));
    }

    @GetMapping("/movements.csv")
    ResponseEntity<String> movementsCsv(Actor actor, @PathVariable String slug,
                                        @RequestParam(required = false) String itemId,
                                        @RequestParam(required = false) String locationId,
                                        @RequestParam(required = false) String type,
                                        @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to) {
        actor.require(Permission.INVENTORY_MANAGE);
        return InventoryApi.csv("stock-movements-" + slug + ".csv", InventoryCsv.movements(actor, inventory, pricing,
                InventoryApi.query(itemId, locationId, null, type, from, to)));
    }

    // ---- the technician's van

    @GetMapping("/van")
    String van(Actor actor, @RequestParam(required = false) String notice, @RequestParam(required = false) String jobId,
               Model model) {
        actor.require(Permission.JOBS_WRITE);
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "inventory.notice." + notice);
        }
        return vanPage(actor, model, Map.of("jobId", nz(jobId)), Map.of());
    }

    @PostMapping("/van/parts")
    String partsUsed(Actor actor, @RequestParam(defaultValue = "") String fromLocationId,
                     @RequestParam(defaultValue = "") String itemId, @RequestParam(defaultValue = "") String jobId,
                     @RequestParam(defaultValue = "") String quantity, Model model, HttpServletResponse response) {
        actor.require(Permission.JOBS_WRITE);
        Map<String, String> typed = Map.of("fromLocationId", fromLocationId, "itemId", itemId, "jobId", jobId,
                "quantity", quantity);
        try {
            InvalidInput.Collector errors = new InvalidInput.Collector();
            Long q = errors.check(() -> quantity(quantity));
            errors.throwIfAny();
            inventory.record(actor, new Inventory.NewMovement("USE", itemId, q, fromLocationId, null, jobId, null, null,
                    null, null));
            return "redirect:/c/{slug}/inventory/van?notice=recorded";
        } catch (DomainException e) {
            response.setStatus(e.pageStatus());
            return vanPage(actor, model, typed, errors(e));
        }
    }

    private String vanPage(Actor actor, Model model, Map<String, String> typed, Map<String, String> errors) {
        List<Location> mine = myVans(actor);
        List<VanStock> vans = new ArrayList<>();
        for (Location van : mine) {
            List<StockLevel> levels = inventory.stock(actor, null, van.id());
            Map<String, Product> items = pricing.productsById(actor, levels.stream().map(StockLevel::itemId).toList());
            vans.add(new VanStock(van, levels.stream().filter(l -> items.containsKey(l.itemId()))
                    .map(l -> new Row(items.get(l.itemId()), decimal(l.quantity()))).toList()));
        }
        model.addAttribute("vans", vans);
        List<Job> myJobs = actor.userId().isEmpty() ? List.of() : jobs.list(actor,
                        new JobQuery(null, null, actor.userId().get(), null, null, null), new Page.PageRequest(0, 100))
                .items().stream().filter(j -> j.status().isOpen() || j.status() == org.fieldstone.jobs.JobStatus.COMPLETED)
                .toList();
        String wanted = typed.get("jobId");
        if (wanted != null && !wanted.isBlank() && myJobs.stream().noneMatch(j -> j.id().equals(wanted))) {
            // a crew's job from My day: offered when the technician may see it
            try {
                myJobs = new ArrayList<>(myJobs);
                myJobs.add(jobs.get(actor, wanted));
            } catch (org.fieldstone.shared.NotFound e) {
                // not theirs to see: not offered
            }
        }
        model.addAttribute("jobs", myJobs);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "inventory/van";
    }

    private List<Location> myVans(Actor actor) {
        if (actor.userId().isEmpty()) {
            return List.of();
        }
        UserId me = actor.userId().get();
        Set<String> myCrews = crews.crewIdsOf(actor.tenant(), me);
        return inventory.locations(actor, false).stream().filter(l -> l.kind() == Location.Kind.VAN
                && (me.equals(l.userId()) || (l.crewId() != null && myCrews.contains(l.crewId())))).toList();
    }

    // ---- the page's model

    private String failed(Actor actor, Model model, String form, Map<String, String> typed, DomainException e) {
        model.addAttribute("movements", inventory.movements(actor, Inventory.MovementQuery.ALL,
                new Page.PageRequest(0, MOVEMENTS_SHOWN)));
        model.addAttribute("filter", new Filter("", "", "", "", ""));
        model.addAttribute("filterErrors", Map.of());
        return page(actor, model, form, typed, errors(e));
    }

    private String page(Actor actor, Model model, String failedForm, Map<String, String> typed, Map<String, String> errors) {
        String currency = pricing.settings(actor).currency();
        List<Product> items = new ArrayList<>();
        for (int p = 0; ; p++) {
            Page<Product> found = inventory.items(actor, null, false, new Page.PageRequest(p, Page.MAX_SIZE));
            items.addAll(found.items());
            if (found.items().size() < Page.MAX_SIZE) {
                break;
            }
        }
        Map<String, Product> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        List<Location> locations = inventory.locations(actor, false);
        Map<String, Location> locationsById = new LinkedHashMap<>();
        inventory.locations(actor, true).forEach(l -> locationsById.put(l.id(), l));
        List<StockRow> stock = new ArrayList<>();
        for (StockLevel s : inventory.stock(actor, null, null)) {
            Product p = byId.get(s.itemId());
            Location l = locationsById.get(s.locationId());
            if (p != null && l != null && !l.archived()) {
                stock.add(new StockRow(l.name(), p.name(), p.sku(), decimal(s.quantity()), s.quantity() < 0));
            }
        }
        model.addAttribute("items", items.stream().map(p -> new ItemRow(p, p.unitCost() == null ? ""
                : Money.of(p.unitCost(), currency).plain(), Money.of(p.unitPrice(), currency).plain())).toList());
        model.addAttribute("itemNames", byId);
        model.addAttribute("locations", locations);
        model.addAttribute("locationNames", locationsById);
        model.addAttribute("stock", stock);
        model.addAttribute("reorder", inventory.toReorder(actor).stream().map(r -> new ReorderRow(r.locationName(),
                r.itemName(), r.sku(), decimal(r.quantity()), decimal(r.minimum()))).toList());
        model.addAttribute("taxRates", pricing.taxRates(actor).stream().filter(r -> !r.archived()).toList());
        model.addAttribute("users", team.list(actor, new Page.PageRequest(0, Page.MAX_SIZE)).items().stream()
                .filter(u -> u.active()).toList());
        model.addAttribute("crews", crews.list(actor));
        model.addAttribute("types", List.of(MovementType.values()));
        model.addAttribute("currency", currency);
        model.addAttribute("zone", companies.find(actor.tenant()).map(org.fieldstone.tenancy.Company::timeZone)
                .orElse(java.time.ZoneOffset.UTC));
        model.addAttribute("failedForm", failedForm == null ? "" : failedForm);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "inventory/inventory";
    }

    private Map<String, String> errors(DomainException e) {
        if (e instanceof InvalidInput invalid) {
            return invalid.fieldErrors(messages);
        }
        return Map.of("", e.message(messages));
    }

    private Long minor(Actor actor, String field, String text) {
        return Money.parse(field, text, pricing.settings(actor).currency()).amount();
    }

    private static Long quantity(String text) {
        try {
            Long q = text.length() > 40 ? null : Quantities.fromDecimal(new BigDecimal(text.strip().replace(',', '.')));
            if (q == null) {
                throw new NumberFormatException();
            }
            return q;
        } catch (NumberFormatException e) {
            throw new InvalidInput("quantity", Message.of("inventory.refused.quantity-format"));
        }
    }

    private static String decimal(long thousandths) {
        return Quantities.toDecimal(thousandths).toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    record Filter(String itemId, String locationId, String type, String from, String to) {
    }

    record StockRow(String location, String item, String sku, String quantity, boolean negative) {
    }

    record ItemRow(Product item, String unitCost, String unitPrice) {
    }

    record ReorderRow(String location, String item, String sku, String quantity, String minimum) {
    }

    record Row(Product item, String quantity) {
    }

    record VanStock(Location van, List<Row> rows) {
    }
}
