package org.fieldstone.clients;

import org.fieldstone.shared.Change;

/**
 * A partial change of a property, as entered; absent fields stay, null ones are cleared (a cleared country
 * goes back to the company's).
 */
public record PropertyChanges(Change<String> label, Change<String> street, Change<String> city, Change<String> region,
                              Change<String> postalCode, Change<String> country, Change<String> latitude,
                              Change<String> longitude) {

    public PropertyChanges {
        label = label == null ? Change.keep() : label;
        street = street == null ? Change.keep() : street;
        city = city == null ? Change.keep() : city;
        region = region == null ? Change.keep() : region;
        postalCode = postalCode == null ? Change.keep() : postalCode;
        country = country == null ? Change.keep() : country;
        latitude = latitude == null ? Change.keep() : latitude;
        longitude = longitude == null ? Change.keep() : longitude;
    }

    /** Every field set, as an edit form submits them. */
    public static PropertyChanges all(NewProperty p) {
        return new PropertyChanges(Change.to(p.label()), Change.to(p.street()), Change.to(p.city()),
                Change.to(p.region()), Change.to(p.postalCode()), Change.to(p.country()), Change.to(p.latitude()),
                Change.to(p.longitude()));
    }
}
