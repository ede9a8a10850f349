package org.fieldstone.assistant.internal;

import static org.fieldstone.assistant.internal.ToolDefinition.reads;
import static org.fieldstone.assistant.internal.ToolDefinition.writes;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fieldstone.identity.Crews;
import org.fieldstone.inventory.Inventory;
import org.fieldstone.inventory.Location;
import org.fieldstone.inventory.Quantities;
import org.fieldstone.inventory.StockLevel;
import org.fieldstone.inventory.StockMovement;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.pricing.Product;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stock: what is where ({@link Inventory#stock}) and parts used on a job from a van ({@link Inventory#record} of a
 * {@code USE} movement), as the dashboard's inventory page and a technician's van page. A technician uses parts only
 * from their own van on their own jobs; the inventory service refuses anything else.
 */
@Component
@Order(5)
class StockTools implements ToolSet {

    private static final int ITEMS_FOUND = 10;

    private final Inventory inventory;
    private final Jobs jobs;
    private final Crews crews;

    StockTools(Inventory inventory, Jobs jobs, Crews crews) {
        this.inventory = inventory;
        this.jobs = jobs;
        this.crews = crews;
    }

    record StockOfItem(
            @ToolParam(required = false, description = "The item's id (itemId of an earlier result)") String itemId,
            @ToolParam(required = false, description = "Else: text of the item's name or SKU; the first 10 matches are "
                    + "answered") String query) {
    }

    record RecordPartsUsed(
            @ToolParam(description = "The job the parts were used on") String jobId,
            @ToolParam(description = "The item's id (from stock_of_item)") String itemId,
            @ToolParam(description = "How many, in the item's unit (decimal, more than 0)") BigDecimal quantity,
            @ToolParam(required = false, description = "The van or warehouse they came from (locationId from "
                    + "stock_of_item); default: the user's own van when they have exactly one") String fromLocationId) {
    }

    record LevelJson(String locationId, String location, String kind, BigDecimal quantity) {
    }

    record ItemJson(String itemId, String sku, String name, String unit, BigDecimal total, List<LevelJson> locations) {
    }

    record Found(List<ItemJson> items) {
    }

    record Used(String movementId, String jobNumber, String item, BigDecimal quantity, String from) {
    }

    @Override
    public List<ToolDefinition<?>> definitions() {
        return List.of(
                reads("stock_of_item", "Stock of an item",
                        "How many of a stock item there are at each location (warehouses and vans) and in all, by its "
                                + "id or by text of its name or SKU. Returns itemId and locationId for "
                                + "record_parts_used.",
                        StockOfItem.class, Permission.JOBS_READ, this::stock),
                writes("record_parts_used", "Record parts used",
                        "Records that a quantity of a stock item was used on a job, taken from a van (by default the "
                                + "user's own): the stock goes down and the job gets the part as a line.",
                        RecordPartsUsed.class, Permission.JOBS_WRITE, this::use, this::previewUse));
    }

    Found stock(Actor actor, StockOfItem args) {
        List<Product> items;
        if (args.itemId() != null && !args.itemId().isBlank()) {
            items = List.of(inventory.item(actor, args.itemId().strip()));
        } else if (args.query() != null && !args.query().isBlank()) {
            items = inventory.items(actor, args.query().strip(), false, Page.request(0, ITEMS_FOUND)).items();
        } else {
            throw new InvalidInput("itemId", Message.of("assistant.refused.item-or-query"));
        }
        Map<String, Location> locations = inventory.locations(actor, false).stream()
                .collect(Collectors.toMap(Location::id, Function.identity()));
        return new Found(items.stream().map(item -> {
            List<LevelJson> levels = inventory.stock(actor, item.id(), null).stream()
                    .filter(l -> locations.containsKey(l.locationId()))
                    .map(l -> level(l, locations.get(l.locationId()))).toList();
            BigDecimal total = levels.stream().map(LevelJson::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new ItemJson(item.id(), item.sku(), item.name(), item.unit(), total, levels);
        }).toList());
    }

    private static LevelJson level(StockLevel level, Location location) {
        return new LevelJson(location.id(), location.name(), location.kind().name(), Quantities.toDecimal(level.quantity()));
    }

    Used use(Actor actor, RecordPartsUsed args) {
        Job job = jobs.get(actor, args.jobId().strip());
        Product item = inventory.item(actor, args.itemId().strip());
        Location from = from(actor, args.fromLocationId());
        StockMovement m = inventory.record(actor, new Inventory.NewMovement("USE", item.id(), quantity(args.quantity()),
                from.id(), null, job.id(), null, null, null, null));
        return new Used(m.id(), job.number(), item.name(), args.quantity(), from.name());
    }

    String previewUse(Actor actor, RecordPartsUsed args) {
        actor.require(Permission.JOBS_WRITE);
        Job job = jobs.get(actor, args.jobId().strip());
        Product item = inventory.item(actor, args.itemId().strip());
        Location from = from(actor, args.fromLocationId());
        quantity(args.quantity());
        return "Record " + args.quantity().stripTrailingZeros().toPlainString()
                + (item.unit() == null ? "" : " " + item.unit()) + " of " + item.name() + " used on " + job.number()
                + " \"" + job.title() + "\", taken from " + from.name() + ".";
    }

    /** The location named, or the actor's one van (their own or their crew's). */
    private Location from(Actor actor, String locationId) {
        if (locationId != null && !locationId.isBlank()) {
            return inventory.location(actor, locationId.strip());
        }
        List<Location> vans = actor.userId().map(me -> myVans(actor, me)).orElse(List.of());
        if (vans.size() != 1) {
            throw new InvalidInput("fromLocationId", Message.of("assistant.refused.van"));
        }
        return vans.getFirst();
    }

    private List<Location> myVans(Actor actor, UserId me) {
        Set<String> myCrews = crews.crewIdsOf(actor.tenant(), me);
        return inventory.locations(actor, false).stream().filter(l -> l.kind() == Location.Kind.VAN
                && (me.equals(l.userId()) || (l.crewId() != null && myCrews.contains(l.crewId())))).toList();
    }

    private static long quantity(BigDecimal quantity) {
        Long thousandths = quantity == null || quantity.signum() <= 0 ? null : Quantities.fromDecimal(quantity);
        if (thousandths == null || thousandths <= 0) {
            throw new InvalidInput("quantity", Message.of("assistant.refused.quantity"));
        }
        return thousandths;
    }
}
