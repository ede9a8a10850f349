package org.fieldstone.clients.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fieldstone.clients.Geocoder;
import org.fieldstone.clients.NewProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link Geocoder} over a Nominatim-compatible search endpoint ({@code GET <url>?q=…&format=json&limit=1}).
 * Safe by construction: the endpoint is only ever the operator's {@code fieldstone.map.geocoder-url} (an http(s) URL
 * checked at start), users add only the encoded query; redirects are not followed, the connection and the whole
 * answer each have a short timeout ({@code fieldstone.map.geocoder-timeout}, 3 s by default), and at most 256 KiB of an
 * answer is read. It asks as "Fieldstone", as Nominatim's usage policy wants a telling User-Agent.
 */
@Component
class NominatimGeocoder implements Geocoder {

    static final int MAX_ANSWER = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(NominatimGeocoder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    NominatimGeocoder(@Value("${fieldstone.map.geocoder-url:}") String url,
                      @Value("${fieldstone.map.geocoder-timeout:PT3S}") Duration timeout) {
        this.endpoint = url == null || url.isBlank() ? null : endpoint(url.strip());
        this.timeout = timeout;
        this.http = endpoint == null ? null : HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static URI endpoint(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("fieldstone.map.geocoder-url '" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw new IllegalStateException("fieldstone.map.geocoder-url '" + url
                    + "' must be an http(s) URL naming a host, e.g. https://nominatim.example.org/search");
        }
        return uri;
    }

    @Override
    public boolean enabled() {
        return endpoint != null;
    }

    @Override
    public Optional<Coordinates> locate(NewProperty address) {
        String query = query(address);
        if (endpoint == null || query.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder params = new StringBuilder("q=").append(encode(query)).append("&format=json&limit=1");
        String country = address.country() == null ? "" : address.country().strip();
        if (country.matches("[A-Za-z]{2}")) {
            params.append("&countrycodes=").append(country.toLowerCase(Locale.ROOT));
        }
        String existing = endpoint.getRawQuery();
        URI uri = URI.create(endpoint.toString().replaceFirst("\\?.*$", "") + "?"
                + (existing == null || existing.isEmpty() ? "" : existing + "&") + params);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "Fieldstone")
                .header("Accept", "application/json").GET().build();
        // the request timeout covers the answer's head; the deadline below covers its body too
        java.util.concurrent.atomic.AtomicReference<InputStream> open = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CompletableFuture<Optional<Coordinates>> lookup = http
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    open.set(response.body());
                    return read(response);
                });
        try {
            return lookup.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.CancellationException e) {
            // no answer in time, a refused connection, a broken answer: not found, and the user enters them by hand
            log.info("The geocoder did not answer usefully: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
            lookup.cancel(true);
            close(open.get());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lookup.cancel(true);
            close(open.get());
            return Optional.empty();
        }
    }

    private static Optional<Coordinates> read(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                log.info("The geocoder answered {}; no coordinates found", response.statusCode());
                return Optional.empty();
            }
            byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
            if (bytes.length > MAX_ANSWER) {
                log.info("The geocoder's answer is larger than {} bytes; ignored", MAX_ANSWER);
                return Optional.empty();
            }
            return first(JSON.readTree(bytes));
        } catch (IOException | RuntimeException e) {
            log.info("The geocoder's answer could not be read: {}", e.toString());
            return Optional.empty();
        }
    }

    private static void close(InputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // already broken: nothing more to free
            }
        }
    }

    /** The first result's lat/lon (Nominatim sends them as strings), if they are degrees in range. */
    static Optional<Coordinates> first(JsonNode results) {
        if (results == null || !results.isArray() || results.isEmpty()) {
            return Optional.empty();
        }
        JsonNode hit = results.get(0);
        Optional<BigDecimal> lat = degrees(hit.get("lat"), 90);
        Optional<BigDecimal> lon = degrees(hit.get("lon"), 180);
        return lat.isPresent() && lon.isPresent() ? Optional.of(new Coordinates(lat.get(), lon.get())) : Optional.empty();
    }

    private static Optional<BigDecimal> degrees(JsonNode node, int limit) {
        if (node == null || !(node.isString() || node.isNumber())) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(node.isString() ? node.asString().strip() : node.numberValue().toString());
            if (value.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
                return Optional.empty();
            }
            // seven decimals are about a centimetre: more is noise
            return Optional.of(value.setScale(Math.min(value.scale(), 7), RoundingMode.HALF_UP).stripTrailingZeros());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The address in one line, as Nominatim's free-form search reads it: street, postal code and city, region. */
    static String query(NewProperty p) {
        List<String> parts = new ArrayList<>();
        add(parts, p.street());
        String town = (blankToEmpty(p.postalCode()) + " " + blankToEmpty(p.city())).strip();
        add(parts, town);
        add(parts, p.region());
        if (parts.isEmpty()) {
            return "";
        }
        add(parts, p.country());
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String s) {
        if (s != null && !s.isBlank()) {
            parts.add(s.strip());
        }
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
