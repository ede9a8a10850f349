package org.fieldstone.clients;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Finds a property's coordinates from its address, through the geocoder the operator configured
 * ({@code fieldstone.map.geocoder-url}, a Nominatim-compatible search endpoint). Without one nothing is looked up:
 * coordinates are entered by hand. A lookup never fails loudly: no answer, a slow answer (a few seconds at most) or a
 * broken one is simply "not found", and nothing is stored by it — the coordinates found go into the property form for
 * the user to check and save through the one write path.
 */
public interface Geocoder {

    /** Whether the operator configured a geocoder. */
    boolean enabled();

    /** The coordinates of the address, if the geocoder knows it; empty when not enabled, not found or not answered. */
    Optional<Coordinates> locate(NewProperty address);

    /** A point in decimal degrees, latitude −90..90, longitude −180..180. */
    record Coordinates(BigDecimal latitude, BigDecimal longitude) {
    }
}
