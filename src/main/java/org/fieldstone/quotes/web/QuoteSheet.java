package org.fieldstone.quotes.web;

import java.util.List;
import org.fieldstone.pricing.PrintedLine;
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
                  String expiresOn, List<PrintedLine> lines, Totals totals, Money depositDue, String approvedAt) {

}
