package org.fieldstone.pricing;

import java.util.List;
import java.util.Locale;
import org.fieldstone.shared.Money;

/**
 * A document's figures as a page shows them: {@link Totals} formatted in the request's locale, with each amount also in
 * minor units ({@code data-amount}) so a test can hold the page to the API. Quotes and invoices share it and its
 * fragment ({@code templates/money/totals.html}); a template never adds up.
 */
public record DocumentFigures(Money subtotal, String subtotalText, Money discount, String discountText,
                              List<TaxRow> taxes, Money tax, String taxText, Money total, String totalText,
                              boolean taxInclusive, Money depositDue, String depositDueText) {

    public static DocumentFigures of(Totals t, Money depositDue, Locale locale) {
        return new DocumentFigures(t.subtotal(), t.subtotal().format(locale), t.discount(), t.discount().format(locale),
                t.taxes().stream().map(x -> new TaxRow(x.name(), x.percent().stripTrailingZeros().toPlainString(),
                        x.base().format(locale), x.tax().format(locale))).toList(),
                t.tax(), t.tax().format(locale), t.total(), t.total().format(locale), t.taxInclusive(), depositDue,
                depositDue == null ? null : depositDue.format(locale));
    }

    public record TaxRow(String name, String percent, String base, String tax) {
    }
}
