package org.fieldstone.reports.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.fieldstone.reports.Aging;
import org.fieldstone.reports.Revenue;
import org.fieldstone.shared.Money;

/**
 * The money reports as RFC 4180 CSV, amounts in the currency's major unit ({@code 1234.50}, a refund {@code -10.00}).
 * Text cells (client names) are neutralised as in {@link AuditCsv#cell}; amounts and counts are numbers this class
 * writes itself, left as they are so that a spreadsheet adds them up.
 */
final class MoneyCsv {

    static final String REVENUE_HEADER = "row,currency,month,client_id,client,payments,received\r\n";

    private MoneyCsv() {
    }

    /** A row per month, per client and a total, per currency. */
    static String revenue(Revenue revenue) {
        StringBuilder out = new StringBuilder(REVENUE_HEADER);
        for (Revenue.InCurrency c : revenue.currencies()) {
            for (Revenue.Month m : c.months()) {
                out.append(line(List.of("month", c.currency(), m.month(), "", ""), m.payments(), m.received()));
            }
            for (Revenue.ClientRevenue k : c.clients()) {
                out.append(line(List.of("client", c.currency(), "", nz(k.clientId()), nz(k.name())), k.payments(), k.received()));
            }
            int count = c.months().stream().mapToInt(Revenue.Month::payments).sum();
            out.append(line(List.of("total", c.currency(), Integer.toString(revenue.year()), "", ""), count, c.total()));
        }
        return out.toString();
    }

    static String agingHeader() {
        List<String> columns = new ArrayList<>(List.of("row", "currency", "client_id", "client"));
        for (Aging.Bucket b : Aging.Bucket.values()) {
            String name = b.name().toLowerCase();
            columns.add(name + "_count");
            columns.add(name);
        }
        columns.add("total_count");
        columns.add("total");
        return String.join(",", columns) + "\r\n";
    }

    /** A row per client owing and a total, per currency: count and balance per bucket. */
    static String aging(Aging aging) {
        StringBuilder out = new StringBuilder(agingHeader());
        for (Aging.InCurrency c : aging.currencies()) {
            for (Aging.ClientAging k : c.clients()) {
                out.append(agingLine(List.of("client", c.currency(), nz(k.clientId()), nz(k.name())), k.buckets(), k.total()));
            }
            out.append(agingLine(List.of("total", c.currency(), "", ""), c.buckets(), c.total()));
        }
        return out.toString();
    }

    private static String line(List<String> text, int count, Money amount) {
        return text.stream().map(AuditCsv::cell).collect(Collectors.joining(",")) + "," + count + "," + amount.plain()
                + "\r\n";
    }

    private static String agingLine(List<String> text, List<Aging.Amount> buckets, Aging.Amount total) {
        StringBuilder row = new StringBuilder(text.stream().map(AuditCsv::cell).collect(Collectors.joining(",")));
        for (Aging.Amount a : buckets) {
            row.append(',').append(a.count()).append(',').append(a.balance().plain());
        }
        return row.append(',').append(total.count()).append(',').append(total.balance().plain()).append("\r\n").toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
