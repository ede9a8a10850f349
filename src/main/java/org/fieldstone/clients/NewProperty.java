package org.fieldstone.clients;

import java.util.stream.Stream;

/**
 * A property as entered, not yet checked. {@code country} defaults to the company's; latitude and
 * longitude are decimal degrees as text, both or neither.
 */
public record NewProperty(String label, String street, String city, String region, String postalCode, String country,
                          String latitude, String longitude) {

    /** Whether nothing at all was entered (an empty "first property" part of a form). */
    public boolean isBlank() {
        return Stream.of(label, street, city, region, postalCode, country, latitude, longitude)
                .allMatch(v -> v == null || v.isBlank());
    }
}
