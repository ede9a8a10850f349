package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.util.List;
import org.fieldstone.shared.Money;

/**
 * A document's figures as the {@link TotalsCalculator} reckoned them: what every page, PDF, email and API answer shows.
 * <ul>
 *   <li>Prices without tax: {@code total = subtotal − discount + tax}.</li>
 *   <li>Prices with tax included: {@code total = subtotal − discount}, and {@code tax} is the part of it that is tax.</li>
 * </ul>
 * Either way {@code tax} is the sum of {@code taxes}, each the sum of its lines' taxes, and the {@code taxes}' bases
 * add up to what the taxed lines come to after the document's discount (less the tax, where prices include it).
 *
 * @param lines    every line, counted or not, in the document's order
 * @param subtotal the sum of the counted lines' {@link Line#net()}
 * @param discount the document's discount, at most the subtotal
 * @param taxes    per tax rate (by id, in the order first used)
 */
public record Totals(String currency, boolean taxInclusive, List<Line> lines, Money subtotal, Money discount,
                     List<Tax> taxes, Money tax, Money total) {

    /**
     * One line's figures.
     *
     * @param amount           quantity × unit price, half-up to the minor unit
     * @param discount         the line's own discount, half-up
     * @param net              {@code amount − discount}: the line's total as shown
     * @param documentDiscount its share of the document's discount (in proportion to {@code net}; the shares add up to
     *                         the document's discount exactly)
     * @param tax              tax on {@code net − documentDiscount}, half-up on this line
     */
    public record Line(String id, Money amount, Money discount, Money net, Money documentDiscount, Money tax,
                       boolean counted) {
    }

    /** The tax of one rate: its base (the lines' {@code net − documentDiscount}, less tax where included) and amount. */
    public record Tax(String taxRateId, String name, BigDecimal percent, Money base, Money tax) {
    }

    /** The line with {@code id}, if the document has it. */
    public java.util.Optional<Line> line(String id) {
        return lines.stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
