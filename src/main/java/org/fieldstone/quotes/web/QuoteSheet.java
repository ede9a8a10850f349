package org.fieldstone.quotes.web;

import java.util.List;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.Letterhead;
import org.fieldstone.pricing.Totals;
import org.fieldstone.quotes.Quote;
import org.fieldstone.shared.Money;

/**
 * A quote as printed (the PDF, and the page that shows it): who it comes from and goes to, and every figure as the
 * {@link org.fieldstone.pricing.TotalsCalculator} reckoned it — the template formats them, it never adds anything up.
 * Dates and times are already in the company's time zone.
 *
 * @param clientName      the client's name, or blank where the client is gone
 * @param propertyAddress the property's address line by line (empty where the quote has none)
 * @param date            when it was sent, or made (a draft), {@code yyyy-MM-dd}
 * @param approvedAt      when it was approved, {@code yyyy-MM-dd HH:mm}, or null
 */
record QuoteSheet(Letterhead from, Quote quote, String clientName, List<String> propertyAddress, String date,
                  String expiresOn, List<Line> lines, Totals totals, Money depositDue, String approvedAt) {

    /**
     * One line as printed.
     *
     * @param description     the line's text line by line
     * @param quantity        without trailing zeros ({@code 2}, {@code 1.5})
     * @param discountPercent without trailing zeros, or null for none
     * @param taxName         the tax rate's name, or null for none
     * @param total           the line's total ({@link Totals.Line#net()}); shown, but not counted unless {@code counted}
     */
    record Line(List<String> description, String quantity, Money unitPrice, String discountPercent, String taxName,
                Money total, boolean counted, boolean optional, String group) {

        static Line of(DocumentLine line, Totals.Line figures, String currency) {
            return new Line(line.description() == null ? List.of() : line.description().lines().toList(),
                    line.quantity().stripTrailingZeros().toPlainString(), Money.of(line.unitPrice(), currency),
                    line.discountPercent().signum() == 0 ? null : line.discountPercent().stripTrailingZeros().toPlainString(),
                    line.tax() == null ? null : line.tax().name(), figures.net(), figures.counted(), line.optional(),
                    line.group());
        }
    }
}
