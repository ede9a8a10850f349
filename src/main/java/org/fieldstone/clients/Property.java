package org.fieldstone.clients;

import org.fieldstone.shared.Versioned;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A service site of a client: where the work happens.
 *
 * @param country   ISO 3166-1 alpha-2
 * @param latitude  −90..90, or null (then so is {@code longitude})
 * @param longitude −180..180, or null
 */
public record Property(String id, String clientId, String label, String street, String city, String region,
                       String postalCode, String country, BigDecimal latitude, BigDecimal longitude, long version,
                       Instant createdAt, Instant updatedAt) implements Versioned {

    /** The address as printed, line by line: label, street, postal code and city, region, country (blanks left out). */
    public java.util.List<String> addressLines() {
        String town = String.join(" ", nonBlank(postalCode, city));
        return nonBlank(label, street, town, region, country);
    }

    private static java.util.List<String> nonBlank(String... parts) {
        return java.util.Arrays.stream(parts).filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }
}
