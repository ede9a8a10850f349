package org.fieldstone.pricing;

import java.util.List;
import org.fieldstone.shared.Money;

/**
 * One line of a quote or invoice as printed (the PDF, and the pages that show a document): its figures as the
 * {@link TotalsCalculator} reckoned them, ready to format — the template adds nothing up.
 *
 * @param description     the line's text line by line
 * @param quantity        without trailing zeros ({@code 2}, {@code 1.5})
 * @param discountPercent without trailing zeros, or null for none
 * @param taxName         the tax rate's name, or null for none
 * @param total           the line's total ({@link Totals.Line#net()}); shown, but not counted unless {@code counted}
 */
public record PrintedLine(List<String> description, String quantity, Money unitPrice, String discountPercent,
                          String taxName, Money total, boolean counted, boolean optional, String group) {

    public static PrintedLine of(DocumentLine line, Totals.Line figures, String currency) {
        return new PrintedLine(line.description() == null ? List.of() : line.description().lines().toList(),
                line.quantity().stripTrailingZeros().toPlainString(), Money.of(line.unitPrice(), currency),
                line.discountPercent().signum() == 0 ? null : line.discountPercent().stripTrailingZeros().toPlainString(),
                line.tax() == null ? null : line.tax().name(), figures.net(), figures.counted(), line.optional(),
                line.group());
    }

    /** Every line of a document with its figures. */
    public static List<PrintedLine> of(List<DocumentLine> lines, Totals totals) {
        return lines.stream().map(l -> of(l, totals.line(l.id()).orElseThrow(), totals.currency())).toList();
    }
}
