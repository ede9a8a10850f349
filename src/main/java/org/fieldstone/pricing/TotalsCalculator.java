package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldstone.shared.Money;

/**
 * The one calculator of a document's figures (quotes, jobs, invoices; pages, PDFs, emails and the API alike), so a
 * total never differs by a cent between them. Per line, in the currency's minor unit:
 * <ol>
 *   <li>{@code amount = quantity × unit price}, rounded half-up;</li>
 *   <li>{@code net = amount − discount%} of it (the line's discount rounded half-up): the line's total as shown;</li>
 *   <li>the document's discount (an amount, or a percent of the subtotal rounded half-up; never more than the
 *       subtotal) is shared out over the counted lines in proportion to their net, by largest remainder, so the shares
 *       add up to it exactly;</li>
 *   <li>the line's tax on {@code net − share}: {@code × rate / 100} on top, or, where prices include tax,
 *       {@code × rate / (100 + rate)} of it — rounded half-up on each line (the commercial convention: a half is
 *       rounded away from zero).</li>
 * </ol>
 * The document adds the lines' figures up without rounding again ({@link Totals}). Pure and stateless; its properties
 * are proven over random documents in {@code TotalsCalculatorTests}.
 */
public final class TotalsCalculator {

    private TotalsCalculator() {
    }

    /**
     * The figures of a document in {@code currency} whose lines are {@code lines} (quantities and prices not negative)
     * and whose discount is {@code discount} (null: none).
     */
    public static Totals calculate(String currency, boolean taxInclusive, List<PricedLine> lines, Discount discount) {
        String code = Money.code(currency);
        Money zero = Money.zero(code);
        int n = lines.size();
        Money[] amount = new Money[n];
        Money[] lineDiscount = new Money[n];
        Money[] net = new Money[n];
        Money subtotal = zero;
        for (int i = 0; i < n; i++) {
            PricedLine line = lines.get(i);
            if (line.quantity().signum() < 0 || line.unitPrice() < 0 || line.discountPercent().signum() < 0
                    || line.discountPercent().compareTo(Discount.HUNDRED) > 0) {
                throw new IllegalArgumentException("A line's quantity, price and discount are not negative: " + line);
            }
            amount[i] = Money.of(line.unitPrice(), code).times(line.quantity());
            lineDiscount[i] = amount[i].percent(line.discountPercent());
            net[i] = amount[i].minus(lineDiscount[i]);
            if (line.counted()) {
                subtotal = subtotal.plus(net[i]);
            }
        }
        Money documentDiscount = discount == null ? zero : discount.of(subtotal);
        long[] shares = share(documentDiscount.amount(), lines, net, subtotal.amount());

        Map<String, long[]> byRate = new LinkedHashMap<>(); // id → {base, tax}
        Map<String, LineTax> rates = new LinkedHashMap<>();
        List<Totals.Line> shown = new ArrayList<>(n);
        long taxTotal = 0;
        for (int i = 0; i < n; i++) {
            PricedLine line = lines.get(i);
            long tax = 0;
            if (line.counted() && line.tax() != null) {
                long base = net[i].amount() - shares[i];
                tax = taxInclusive ? divideHalfUp(BigDecimal.valueOf(base).multiply(line.tax().percent()),
                        Discount.HUNDRED.add(line.tax().percent()))
                        : Money.roundHalfUp(BigDecimal.valueOf(base).multiply(line.tax().percent()).movePointLeft(2));
                long[] sums = byRate.computeIfAbsent(line.tax().taxRateId(), id -> new long[2]);
                rates.putIfAbsent(line.tax().taxRateId(), line.tax());
                sums[0] = Math.addExact(sums[0], taxInclusive ? base - tax : base);
                sums[1] = Math.addExact(sums[1], tax);
                taxTotal = Math.addExact(taxTotal, tax);
            }
            shown.add(new Totals.Line(line.id(), amount[i], lineDiscount[i], net[i], Money.of(shares[i], code),
                    Money.of(tax, code), line.counted()));
        }
        List<Totals.Tax> taxes = new ArrayList<>();
        byRate.forEach((id, sums) -> taxes.add(new Totals.Tax(id, rates.get(id).name(), rates.get(id).percent(),
                Money.of(sums[0], code), Money.of(sums[1], code))));
        Money tax = Money.of(taxTotal, code);
        Money afterDiscount = subtotal.minus(documentDiscount);
        Money total = taxInclusive ? afterDiscount : afterDiscount.plus(tax);
        return new Totals(code, taxInclusive, List.copyOf(shown), subtotal, documentDiscount, List.copyOf(taxes), tax, total);
    }

    /** The discount's share of each counted line, in proportion to its net, adding up to {@code discount} exactly. */
    private static long[] share(long discount, List<PricedLine> lines, Money[] net, long subtotal) {
        long[] shares = new long[lines.size()];
        if (discount == 0 || subtotal <= 0) {
            return shares;
        }
        BigInteger d = BigInteger.valueOf(discount);
        BigInteger s = BigInteger.valueOf(subtotal);
        long given = 0;
        List<long[]> remainders = new ArrayList<>(); // {index, remainder}
        for (int i = 0; i < shares.length; i++) {
            if (!lines.get(i).counted() || net[i].amount() <= 0) {
                continue;
            }
            BigInteger[] qr = d.multiply(BigInteger.valueOf(net[i].amount())).divideAndRemainder(s);
            shares[i] = qr[0].longValueExact();
            given += shares[i];
            remainders.add(new long[] {i, qr[1].longValueExact()});
        }
        // the minor units left go to the largest remainders, the earlier line first among equals
        remainders.sort(Comparator.<long[]>comparingLong(r -> -r[1]).thenComparingLong(r -> r[0]));
        for (int k = 0; given < discount; k++) {
            shares[(int) remainders.get(k)[0]]++;
            given++;
        }
        return shares;
    }

    /** {@code numerator / denominator} rounded half-up (a half away from zero) to a whole number, exactly. */
    static long divideHalfUp(BigDecimal numerator, BigDecimal denominator) {
        int scale = Math.max(Math.max(numerator.scale(), denominator.scale()), 0);
        BigInteger num = numerator.movePointRight(scale).toBigIntegerExact();
        BigInteger den = denominator.movePointRight(scale).toBigIntegerExact();
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger q = qr[0];
        if (qr[1].abs().shiftLeft(1).compareTo(den.abs()) >= 0) {
            q = q.add(BigInteger.valueOf(num.signum() * den.signum()));
        }
        return q.longValueExact();
    }
}
