package org.fieldstone.pricing;

import java.math.BigDecimal;
import org.fieldstone.shared.Versioned;

/**
 * A named tax rate of the company, e.g. "VAT 8.1 %". A document's line names its rate by id and keeps the rate's name
 * and percent as they were when the document was last edited ({@link LineTax}), so a rate changed later does not
 * change a document already sent. An archived rate is no longer offered for new lines.
 *
 * @param percent e.g. {@code 8.1}; 0 to 100 with up to 3 decimals
 */
public record TaxRate(String id, String name, BigDecimal percent, boolean archived, long version) implements Versioned {

    /** The rate as a document's line keeps it. */
    public LineTax asLineTax() {
        return new LineTax(id, name, percent);
    }
}
