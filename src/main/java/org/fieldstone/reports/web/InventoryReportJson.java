package org.fieldstone.reports.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.fieldstone.reports.InventoryReports.InventoryValue;
import org.fieldstone.reports.InventoryReports.PartsUsed;
import org.fieldstone.reports.web.MoneyReportJson.MoneyJson;
import org.fieldstone.shared.Money;

/**
 * The inventory reports in the API's shape: quantities as decimals of the item's unit ({@code 2.5}) as the stock API
 * shows them, money as {@code {"amount": <minor units>, "currency": "CHF"}}.
 */
final class InventoryReportJson {

    private InventoryReportJson() {
    }

    /** @param at the day whose end the stock is of, or null for now */
    record ValueJson(LocalDate at, MoneyJson total, List<LocationJson> locations) {
        static ValueJson of(InventoryValue r) {
            String c = r.currency();
            return new ValueJson(r.at(), money(r.total(), c), r.locations().stream().map(l -> new LocationJson(l.locationId(),
                    l.name(), l.kind(), money(l.total(), c), l.items().stream().map(i -> new ItemJson(i.itemId(), i.sku(),
                            i.name(), i.unit(), i.quantityDecimal(), i.unitCost() == null ? null : money(i.unitCost(), c),
                            money(i.value(), c))).toList())).toList());
        }
    }

    record LocationJson(String id, String name, String kind, MoneyJson total, List<ItemJson> items) {
    }

    record ItemJson(String itemId, String sku, String name, String unit, BigDecimal quantity, MoneyJson unitCost,
                    MoneyJson value) {
    }

    record PartsJson(LocalDate from, LocalDate to, MoneyJson totalAtPrice, MoneyJson totalAtCost, List<JobJson> jobs) {
        static PartsJson of(PartsUsed r) {
            String c = r.currency();
            return new PartsJson(r.from(), r.to(), money(r.totalAtPrice(), c), money(r.totalAtCost(), c),
                    r.jobs().stream().map(j -> new JobJson(j.jobId(), j.number(), j.title(), money(j.totalAtPrice(), c),
                            money(j.totalAtCost(), c), j.parts().stream().map(p -> new PartJson(p.itemId(), p.sku(),
                                    p.name(), p.unit(), p.usedDecimal(), money(p.unitPrice(), c),
                                    p.unitCost() == null ? null : money(p.unitCost(), c), money(p.atPrice(), c),
                                    money(p.atCost(), c))).toList())).toList());
        }
    }

    record JobJson(String jobId, String number, String title, MoneyJson totalAtPrice, MoneyJson totalAtCost,
                   List<PartJson> parts) {
    }

    record PartJson(String itemId, String sku, String name, String unit, BigDecimal quantity, MoneyJson unitPrice,
                    MoneyJson unitCost, MoneyJson valueAtPrice, MoneyJson valueAtCost) {
    }

    private static MoneyJson money(long minor, String currency) {
        return MoneyJson.of(Money.of(minor, currency));
    }
}
