package org.fieldstone.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The tax of one document line as the document keeps it: the company's {@link TaxRate} it was chosen from, and that
 * rate's name and percent at the time.
 */
public record LineTax(String taxRateId, String name, BigDecimal percent) {

    public LineTax {
        Objects.requireNonNull(taxRateId, "taxRateId");
        Objects.requireNonNull(percent, "percent");
        name = name == null ? "" : name;
    }
}
