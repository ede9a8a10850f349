package org.fieldstone.quotes;

import java.util.List;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.LineInput;

/** A quote to create; expiresOn as ISO date text (default: in 30 days). */
public record NewQuote(String clientId, String propertyId, String title, List<LineInput> lines, Discount discount,
                       Discount deposit, String terms, String notes, String expiresOn) {
}
