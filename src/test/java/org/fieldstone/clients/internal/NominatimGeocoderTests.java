package org.fieldstone.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.fieldstone.clients.Geocoder.Coordinates;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.support.TestGeocoder;
import org.junit.jupiter.api.Test;

/**
 * The geocoder against a fake Nominatim on loopback: a known address gives its coordinates; an unknown one, a slow
 * answer (beyond the timeout), a broken answer, a server that is not there, and no configured geocoder at all give
 * nothing and never an exception. The endpoint comes from the configuration only, and only as http(s).
 */
class NominatimGeocoderTests {

    static final Duration TIMEOUT = Duration.ofMillis(800);
    final TestGeocoder fake = TestGeocoder.platform().knows("Geocodestrasse 7", "47.3621853", "8.54801234");

    @Test
    void aKnownAddressIsFoundAndAskedForPolitely() {
        NominatimGeocoder geocoder = new NominatimGeocoder(fake.url(), TIMEOUT);
        assertThat(geocoder.enabled()).isTrue();
        assertThat(geocoder.locate(address("Geocodestrasse 7", "8008", "Zürich", "CH")))
                .contains(new Coordinates(new java.math.BigDecimal("47.3621853"), new java.math.BigDecimal("8.5480123")));
        TestGeocoder.Asked asked = fake.askedFor("Geocodestrasse 7").getLast();
        assertThat(asked.q()).isEqualTo("Geocodestrasse 7, 8008 Zürich, CH");
        assertThat(asked.rawQuery()).contains("format=json").contains("limit=1").contains("countrycodes=ch");
        assertThat(asked.userAgent()).isEqualTo("Fieldstone");
    }

    @Test
    void anUnknownSlowOrBrokenAnswerIsNotFoundWithoutAnError() {
        NominatimGeocoder geocoder = new NominatimGeocoder(fake.url(), TIMEOUT);
        assertThat(geocoder.locate(address("Unknown Way 1", "9999", "Nowhere", "CH"))).isEmpty();
        assertThat(geocoder.locate(address("Broken Road 2", "8000", "Zürich", "CH"))).isEmpty();
        long started = System.nanoTime();
        assertThat(geocoder.locate(address(TestGeocoder.SLOW + " 3", "8000", "Zürich", "CH"))).isEmpty();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMillis).isLessThan(TestGeocoder.SLOW_ANSWER_MILLIS - 1_000);
        assertThat(fake.askedFor(TestGeocoder.SLOW)).isNotEmpty();
    }

    @Test
    void aGeocoderThatIsNotThereIsNotFound() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        NominatimGeocoder geocoder = new NominatimGeocoder("http://127.0.0.1:" + closed + "/search", TIMEOUT);
        assertThat(geocoder.locate(address("Geocodestrasse 7", "8008", "Zürich", "CH"))).isEmpty();
    }

    @Test
    void withoutAConfiguredGeocoderNothingIsLookedUp() {
        int before = fake.asked().size();
        NominatimGeocoder geocoder = new NominatimGeocoder("", TIMEOUT);
        assertThat(geocoder.enabled()).isFalse();
        assertThat(geocoder.locate(address("Geocodestrasse 7", "8008", "Zürich", "CH"))).isEmpty();
        // and an address with nothing to look for is not sent either
        assertThat(new NominatimGeocoder(fake.url(), TIMEOUT).locate(new NewProperty("Depot", " ", null, null, "", null, null, null)))
                .isEmpty();
        assertThat(fake.asked()).hasSize(before);
    }

    @Test
    void theEndpointMustBeAnHttpUrlWithAHost() {
        for (String bad : new String[] {"file:///etc/passwd", "nominatim.example.org/search", "gopher://x/",
                "https://user:pw@nominatim.example.org/search", "https:///search"}) {
            assertThatThrownBy(() -> new NominatimGeocoder(bad, TIMEOUT)).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("fieldstone.map.geocoder-url");
        }
    }

    @Test
    void resultsOutOfRangeOrWithoutNumbersAreNotCoordinates() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(NominatimGeocoder.first(json.readTree("[{\"lat\":\"91\",\"lon\":\"8\"}]"))).isEmpty();
        assertThat(NominatimGeocoder.first(json.readTree("[{\"lat\":\"47\",\"lon\":\"east\"}]"))).isEmpty();
        assertThat(NominatimGeocoder.first(json.readTree("{\"lat\":\"47\",\"lon\":\"8\"}"))).isEmpty();
        assertThat(NominatimGeocoder.first(json.readTree("[{\"lat\":47.5,\"lon\":-8.25}]")))
                .contains(new Coordinates(new java.math.BigDecimal("47.5"), new java.math.BigDecimal("-8.25")));
    }

    private static NewProperty address(String street, String postalCode, String city, String country) {
        return new NewProperty(null, street, city, null, postalCode, country, null, null);
    }
}
