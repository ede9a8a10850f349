package org.fieldstone.reports.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.fieldstone.inventory.Inventory;
import org.fieldstone.inventory.Location;
import org.fieldstone.inventory.MovementType;
import org.fieldstone.inventory.StockLevel;
import org.fieldstone.inventory.StockMovement;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.reports.InventoryReports;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Companies;
import org.springframework.stereotype.Service;

/**
 * {@link InventoryReports} added up in Java from the inventory facade: the stock levels (each the sum of the ledger's
 * movements) valued at the items' unit costs, and the ledger's USE and RETURN movements of a range, page by page.
 */
@Service
class InventoryReportsService implements InventoryReports {

    private final Inventory inventory;
    private final Pricing pricing;
    private final Jobs jobs;
    private final Companies companies;
    private final Clock clock;

    InventoryReportsService(Inventory inventory, Pricing pricing, Jobs jobs, Companies companies, Clock clock) {
        this.inventory = inventory;
        this.pricing = pricing;
        this.jobs = jobs;
        this.companies = companies;
        this.clock = clock;
    }

    @Override
    public boolean mayView(Actor actor) {
        return actor.can(Permission.REPORTS_VIEW) && actor.can(Permission.INVENTORY_MANAGE);
    }

    @Override
    public InventoryValue value(Actor actor, Optional<LocalDate> at) {
        requireView(actor);
        ZoneId zone = zone(actor);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate day = at.filter(d -> d.isBefore(today)).orElse(null);
        if (day != null) {
            WorkReportsService.checkRange(day, day);
        }
        List<StockLevel> levels = day == null ? inventory.stock(actor, null, null)
                : inventory.stockBefore(actor, day.plusDays(1).atStartOfDay(zone).toInstant());
        Map<String, Product> items = new HashMap<>();
        Map<String, List<ItemValue>> byLocation = new HashMap<>();
        for (StockLevel s : levels) {
            if (s.quantity() == 0) {
                continue;
            }
            Product p = items.computeIfAbsent(s.itemId(), id -> inventory.item(actor, id));
            long value = p.unitCost() == null ? 0 : InventoryReports.lineValue(s.quantity(), p.unitCost());
            byLocation.computeIfAbsent(s.locationId(), l -> new ArrayList<>())
                    .add(new ItemValue(p.id(), p.sku(), p.name(), p.unit(), s.quantity(), p.unitCost(), value));
        }
        List<LocationValue> locations = new ArrayList<>();
        long total = 0;
        for (Location l : inventory.locations(actor, true)) {
            List<ItemValue> lines = byLocation.remove(l.id());
            if (lines == null) {
                continue;
            }
            lines.sort(Comparator.comparing((ItemValue i) -> i.name().toLowerCase()).thenComparing(ItemValue::itemId));
            long sum = lines.stream().mapToLong(ItemValue::value).sum();
            locations.add(new LocationValue(l.id(), l.name(), l.kind().name(), List.copyOf(lines), sum));
            total += sum;
        }
        return new InventoryValue(pricing.settings(actor).currency(), day, List.copyOf(locations), total);
    }

    @Override
    public PartsUsed partsUsed(Actor actor, Optional<LocalDate> from, Optional<LocalDate> to) {
        requireView(actor);
        LocalDate today = LocalDate.now(clock.withZone(zone(actor)));
        LocalDate last = to.orElse(today);
        LocalDate first = from.orElse(last.withDayOfMonth(1));
        WorkReportsService.checkRange(first, last);
        // job → item → thousandths used less returned
        Map<String, Map<String, Long>> used = new LinkedHashMap<>();
        Consumer<StockMovement> add = m -> {
            if (m.jobId() == null) {
                return;
            }
            long signed = m.type() == MovementType.USE ? m.quantity() : -m.quantity();
            used.computeIfAbsent(m.jobId(), j -> new TreeMap<>()).merge(m.itemId(), signed, Long::sum);
        };
        eachMovement(actor, new Inventory.MovementQuery(null, null, null, MovementType.USE, first, last), add);
        eachMovement(actor, new Inventory.MovementQuery(null, null, null, MovementType.RETURN, first, last), add);
        Map<String, Product> items = new HashMap<>();
        List<JobParts> result = new ArrayList<>();
        long totalAtPrice = 0;
        long totalAtCost = 0;
        for (Map.Entry<String, Map<String, Long>> e : used.entrySet()) {
            List<PartLine> lines = new ArrayList<>();
            for (Map.Entry<String, Long> line : e.getValue().entrySet()) {
                if (line.getValue() == 0) {
                    continue;
                }
                Product p = items.computeIfAbsent(line.getKey(), id -> inventory.item(actor, id));
                long atPrice = InventoryReports.lineValue(line.getValue(), p.unitPrice());
                long atCost = p.unitCost() == null ? 0 : InventoryReports.lineValue(line.getValue(), p.unitCost());
                lines.add(new PartLine(p.id(), p.sku(), p.name(), p.unit(), line.getValue(), p.unitPrice(), p.unitCost(),
                        atPrice, atCost));
            }
            if (lines.isEmpty()) {
                continue;
            }
            lines.sort(Comparator.comparing((PartLine l) -> l.name().toLowerCase()).thenComparing(PartLine::itemId));
            String number = null;
            String title = null;
            try {
                Job job = jobs.get(actor, e.getKey());
                number = job.number();
                title = job.title();
            } catch (NotFound gone) {
                // a job deleted since: its parts still count, shown by id
            }
            long price = lines.stream().mapToLong(PartLine::atPrice).sum();
            long cost = lines.stream().mapToLong(PartLine::atCost).sum();
            result.add(new JobParts(e.getKey(), number, title, List.copyOf(lines), price, cost));
            totalAtPrice += price;
            totalAtCost += cost;
        }
        result.sort(Comparator.comparing((JobParts j) -> j.number() == null ? "\uffff" : j.number())
                .thenComparing(JobParts::jobId));
        return new PartsUsed(pricing.settings(actor).currency(), first, last, List.copyOf(result), totalAtPrice,
                totalAtCost);
    }

    private void eachMovement(Actor actor, Inventory.MovementQuery query, Consumer<StockMovement> each) {
        for (int page = 0; ; page++) {
            Page<StockMovement> p = inventory.movements(actor, query, Page.request(page, Page.MAX_SIZE));
            p.items().forEach(each);
            if (p.items().size() < Page.MAX_SIZE || (long) (page + 1) * Page.MAX_SIZE >= p.total()) {
                return;
            }
        }
    }

    private ZoneId zone(Actor actor) {
        return companies.find(actor.tenant()).map(org.fieldstone.tenancy.Company::timeZone).orElse(ZoneId.of("UTC"));
    }

    private void requireView(Actor actor) {
        if (!mayView(actor)) {
            throw new Forbidden(Message.of("reports.refused.inventory"));
        }
    }
}
