package org.fieldstone.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;

/**
 * The inventory reports: the value of the stock at each location (stock × unit cost) and the parts used on each job in
 * a range of days (USE less RETURN, at unit price and at unit cost). Both show costs, which are management data, so
 * reading needs {@code reports:view} and {@code inventory:manage} (owners and admins); a USER is refused. Quantities
 * are thousandths of the item's unit; a line's value is {@code quantity × unit amount / 1000} rounded half-up to a
 * whole minor unit <em>per line</em>, and every total is the sum of its (rounded) lines.
 */
public interface InventoryReports {

    /**
     * Stock value per location now, or — given {@code at} before today (the company's day) — as it was at the end of
     * that day (the movements recorded up to its midnight; the items' unit costs are today's).
     */
    InventoryValue value(Actor actor, Optional<LocalDate> at);

    /** Parts used per job from {@code from} to {@code to} (company days, both included; default this month so far). */
    PartsUsed partsUsed(Actor actor, Optional<LocalDate> from, Optional<LocalDate> to);

    boolean mayView(Actor actor);

    /** {@code thousandths × minorPerUnit / 1000}, rounded half-up to a whole minor unit. */
    static long lineValue(long thousandths, long minorPerUnit) {
        return BigDecimal.valueOf(thousandths).multiply(BigDecimal.valueOf(minorPerUnit)).movePointLeft(3)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * @param currency the company's currency (amounts in its minor units)
     * @param at       the day whose end the stock is of, or null for now
     * @param total    the sum of the locations' totals
     */
    record InventoryValue(String currency, LocalDate at, List<LocationValue> locations, long total) {

        public org.fieldstone.shared.Money money(long minorUnits) {
            return org.fieldstone.shared.Money.of(minorUnits, currency);
        }
    }

    /** @param total the sum of its lines' values */
    record LocationValue(String locationId, String name, String kind, List<ItemValue> items, long total) {
    }

    /**
     * @param quantity thousandths
     * @param unitCost minor units, or null when the item has no cost (its value is then 0)
     * @param value    {@link #lineValue} of quantity and unit cost
     */
    record ItemValue(String itemId, String sku, String name, String unit, long quantity, Long unitCost, long value) {

        public BigDecimal quantityDecimal() {
            return org.fieldstone.inventory.Quantities.toDecimal(quantity);
        }
    }

    record PartsUsed(String currency, LocalDate from, LocalDate to, List<JobParts> jobs, long totalAtPrice,
                     long totalAtCost) {

        public org.fieldstone.shared.Money money(long minorUnits) {
            return org.fieldstone.shared.Money.of(minorUnits, currency);
        }
    }

    /** @param number and {@code title}: the job's, or null when the job is not (or no longer) found */
    record JobParts(String jobId, String number, String title, List<PartLine> parts, long totalAtPrice, long totalAtCost) {
    }

    /**
     * @param used     thousandths used less returned
     * @param atPrice  {@link #lineValue} of used and the item's current unit price
     * @param atCost   {@link #lineValue} of used and the item's unit cost (0 when it has none)
     */
    record PartLine(String itemId, String sku, String name, String unit, long used, long unitPrice, Long unitCost,
                    long atPrice, long atCost) {

        public BigDecimal usedDecimal() {
            return org.fieldstone.inventory.Quantities.toDecimal(used);
        }
    }
}
