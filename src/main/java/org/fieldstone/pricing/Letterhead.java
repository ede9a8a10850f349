package org.fieldstone.pricing;

/**
 * Who a company's quotes and invoices come from, as printed at their head.
 *
 * @param name      the company's name (from the control plane)
 * @param address   its postal address, lines separated by line breaks; blank where never set
 * @param taxNumber its VAT or tax number (e.g. {@code CHE-123.456.789 MWST}); blank where never set
 */
public record Letterhead(String name, String address, String taxNumber) {

    public Letterhead {
        address = address == null ? "" : address;
        taxNumber = taxNumber == null ? "" : taxNumber;
    }

    /** The address line by line, for printing. */
    public java.util.List<String> addressLines() {
        return address.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
