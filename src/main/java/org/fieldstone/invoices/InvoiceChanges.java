package org.fieldstone.invoices;

import java.util.List;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.shared.Change;

/** Changes of a draft invoice ({@link Change#keep()} leaves a field alone); lines replace the list. */
public record InvoiceChanges(Change<String> propertyId, Change<String> title, Change<List<LineInput>> lines,
                             Change<Discount> discount, Change<Discount> deposit, Change<String> terms,
                             Change<String> notes, Change<Integer> paymentTermsDays) {
}
