package org.fieldstone.reports.web;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fieldstone.inventory.Quantities;
import org.fieldstone.reports.InventoryReports.InventoryValue;
import org.fieldstone.reports.InventoryReports.ItemValue;
import org.fieldstone.reports.InventoryReports.JobParts;
import org.fieldstone.reports.InventoryReports.LocationValue;
import org.fieldstone.reports.InventoryReports.PartLine;
import org.fieldstone.reports.InventoryReports.PartsUsed;
import org.fieldstone.shared.Money;

/**
 * The inventory reports as RFC 4180 CSV, as {@link MoneyCsv} and {@link WorkCsv} write theirs: text cells (names,
 * SKUs, ids) neutralised as in {@link AuditCsv#cell}; quantities (decimals of the item's unit) and amounts (the
 * currency's major unit) are numbers this class writes itself. An item without a unit cost has an empty cost cell.
 */
final class InventoryCsv {

    static final String VALUE_HEADER = "row,location_id,location,kind,item_id,sku,item,unit,quantity,currency,unit_cost,"
            + "value\r\n";
    static final String PARTS_HEADER = "row,job_id,job_number,job_title,item_id,sku,item,unit,quantity,currency,"
            + "unit_price,unit_cost,value_at_price,value_at_cost\r\n";

    private InventoryCsv() {
    }

    /** A row per item and location, per location and a total. */
    static String value(InventoryValue r) {
        StringBuilder out = new StringBuilder(VALUE_HEADER);
        String c = r.currency();
        for (LocationValue l : r.locations()) {
            for (ItemValue i : l.items()) {
                out.append(text("item", l.locationId(), l.name(), l.kind(), i.itemId(), nz(i.sku()), i.name(), nz(i.unit())))
                        .append(',').append(Quantities.toDecimal(i.quantity()).toPlainString())
                        .append(',').append(text(c))
                        .append(',').append(i.unitCost() == null ? "" : plain(i.unitCost(), c))
                        .append(',').append(plain(i.value(), c)).append("\r\n");
            }
            out.append(text("location", l.locationId(), l.name(), l.kind(), "", "", "", "")).append(",,")
                    .append(text(c)).append(",,").append(plain(l.total(), c)).append("\r\n");
        }
        return out.append(text("total", "", "", "", "", "", "", "")).append(",,").append(text(c)).append(",,")
                .append(plain(r.total(), c)).append("\r\n").toString();
    }

    /** A row per job and item, per job and a total. */
    static String parts(PartsUsed r) {
        StringBuilder out = new StringBuilder(PARTS_HEADER);
        String c = r.currency();
        for (JobParts j : r.jobs()) {
            for (PartLine p : j.parts()) {
                out.append(text("part", j.jobId(), nz(j.number()), nz(j.title()), p.itemId(), nz(p.sku()), p.name(),
                                nz(p.unit())))
                        .append(',').append(Quantities.toDecimal(p.used()).toPlainString())
                        .append(',').append(text(c))
                        .append(',').append(plain(p.unitPrice(), c))
                        .append(',').append(p.unitCost() == null ? "" : plain(p.unitCost(), c))
                        .append(',').append(plain(p.atPrice(), c))
                        .append(',').append(plain(p.atCost(), c)).append("\r\n");
            }
            out.append(text("job", j.jobId(), nz(j.number()), nz(j.title()), "", "", "", "")).append(",,")
                    .append(text(c)).append(",,,").append(plain(j.totalAtPrice(), c)).append(',')
                    .append(plain(j.totalAtCost(), c)).append("\r\n");
        }
        return out.append(text("total", "", "", "", "", "", "", "")).append(",,").append(text(c)).append(",,,")
                .append(plain(r.totalAtPrice(), c)).append(',').append(plain(r.totalAtCost(), c)).append("\r\n")
                .toString();
    }

    private static String plain(long minor, String currency) {
        return Money.of(minor, currency).plain();
    }

    private static String text(String... cells) {
        return Stream.of(cells).map(AuditCsv::cell).collect(Collectors.joining(","));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
