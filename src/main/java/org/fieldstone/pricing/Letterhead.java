package org.fieldstone.pricing;

/**
 * Who a company's quotes and invoices come from, as printed at their head.
 *
 * @param name      the company's name (from the control plane)
 * @param address   its postal address, lines separated by line breaks; blank where never set
 * @param taxNumber its VAT or tax number (e.g. {@code CHE-123.456.789 MWST}); blank where never set
 * @param logo      its logo, or null where it has none
 */
public record Letterhead(String name, String address, String taxNumber, Logo logo) {

    public Letterhead {
        address = address == null ? "" : address;
        taxNumber = taxNumber == null ? "" : taxNumber;
    }

    public Letterhead(String name, String address, String taxNumber) {
        this(name, address, taxNumber, null);
    }

    /** The address line by line, for printing. */
    public java.util.List<String> addressLines() {
        return address.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The logo as a {@code data:} URI, or null where the company has none. */
    public String logoDataUri() {
        return logo == null ? null : logo.dataUri();
    }
}
