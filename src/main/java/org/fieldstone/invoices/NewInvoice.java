package org.fieldstone.invoices;

import java.util.List;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.LineInput;

/** A standalone invoice to create (a draft); paymentTermsDays null: the company's default. */
public record NewInvoice(String clientId, String propertyId, String title, List<LineInput> lines, Discount discount,
                         Discount deposit, String terms, String notes, Integer paymentTermsDays) {
}
