package org.fieldstone.pricing;

import org.fieldstone.shared.Versioned;

/**
 * One of the company's products and services, offered when a line is added to a quote, job or invoice: its name,
 * description and default price and tax rate are copied into the line, which may then be changed.
 *
 * @param unitPrice in minor units of the company's currency
 * @param taxRateId the default {@link TaxRate}, or null
 * @param unit      what one is, e.g. {@code h} or {@code pc}, or null
 */
public record Product(String id, Kind kind, String name, String description, long unitPrice, String taxRateId,
                      String unit, boolean archived, long version) implements Versioned {

    public enum Kind { SERVICE, PRODUCT }
}
