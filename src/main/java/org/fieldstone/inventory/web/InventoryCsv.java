package org.fieldstone.inventory.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fieldstone.inventory.Inventory;
import org.fieldstone.inventory.Location;
import org.fieldstone.inventory.Quantities;
import org.fieldstone.inventory.StockLevel;
import org.fieldstone.inventory.StockMovement;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;

/**
 * The stock and the ledger as RFC 4180 CSV (CRLF, a header line): quantities as decimals ({@code 2.5}), names beside
 * ids. A text cell starting with {@code = + - @}, a tab or a carriage return is prefixed with {@code '} so that a
 * spreadsheet does not run it as a formula; numbers this class writes itself are left as they are.
 */
final class InventoryCsv {

    static final String STOCK_HEADER = "item_id,sku,item,unit,location_id,location,quantity\r\n";
    static final String MOVEMENTS_HEADER = "id,recorded_at,type,item_id,sku,item,quantity,from_location_id,from_location,"
            + "to_location_id,to_location,job_id,reason,supplier,unit_cost,recorded_by\r\n";
    /** The most movements one export holds (newest first). */
    static final int MOVEMENTS_MAX = 100_000;

    private InventoryCsv() {
    }

    static String stock(Actor actor, Inventory inventory, Pricing pricing, String itemId, String locationId) {
        List<StockLevel> levels = inventory.stock(actor, itemId, locationId);
        Map<String, Product> items = pricing.productsById(actor, levels.stream().map(StockLevel::itemId).toList());
        Map<String, Location> locations = locations(actor, inventory);
        StringBuilder out = new StringBuilder(STOCK_HEADER);
        for (StockLevel s : levels) {
            Product p = items.get(s.itemId());
            Location l = locations.get(s.locationId());
            out.append(String.join(",", cell(s.itemId()), cell(p == null ? "" : p.sku()), cell(p == null ? "" : p.name()),
                    cell(p == null ? "" : p.unit()), cell(s.locationId()), cell(l == null ? "" : l.name()),
                    Quantities.toDecimal(s.quantity()).toPlainString())).append("\r\n");
        }
        return out.toString();
    }

    static String movements(Actor actor, Inventory inventory, Pricing pricing, Inventory.MovementQuery query) {
        List<StockMovement> all = new ArrayList<>();
        for (int page = 0; all.size() < MOVEMENTS_MAX; page++) {
            Page<StockMovement> found = inventory.movements(actor, query, new Page.PageRequest(page, Page.MAX_SIZE));
            all.addAll(found.items());
            if (found.items().size() < Page.MAX_SIZE) {
                break;
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        all.forEach(m -> ids.add(m.itemId()));
        Map<String, Product> items = pricing.productsById(actor, ids);
        Map<String, Location> locations = locations(actor, inventory);
        Function<String, String> locationName = id -> id == null || !locations.containsKey(id) ? "" : locations.get(id).name();
        StringBuilder out = new StringBuilder(MOVEMENTS_HEADER);
        for (StockMovement m : all) {
            Product p = items.get(m.itemId());
            out.append(String.join(",", cell(m.id()), m.recordedAt().toString(), m.type().name(), cell(m.itemId()),
                    cell(p == null ? "" : p.sku()), cell(p == null ? "" : p.name()),
                    Quantities.toDecimal(m.quantity()).toPlainString(), cell(m.fromLocationId()),
                    cell(locationName.apply(m.fromLocationId())), cell(m.toLocationId()),
                    cell(locationName.apply(m.toLocationId())), cell(m.jobId()), cell(m.reason()), cell(m.supplier()),
                    m.unitCost() == null ? "" : Long.toString(m.unitCost()), cell(m.recordedBy()))).append("\r\n");
        }
        return out.toString();
    }

    private static Map<String, Location> locations(Actor actor, Inventory inventory) {
        return inventory.locations(actor, true).stream().collect(Collectors.toMap(Location::id, l -> l));
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        String original = v;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(original)) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
