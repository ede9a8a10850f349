package org.fieldstone.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A fake Nominatim search endpoint on loopback, one per test JVM, started on first use on a free port; every
 * application context's {@code fieldstone.map.geocoder-url} points at it ({@link Engines}). It answers as Nominatim
 * does ({@code format=json}: an array of places with {@code lat} and {@code lon} as strings): a place for a query that
 * contains a street registered with {@link #knows}, nothing ({@code []}) otherwise; a query containing
 * {@link #SLOW} is answered only after {@link #SLOW_ANSWER_MILLIS}, one containing {@link #BROKEN} with text that is
 * no JSON. Each request is recorded with its query and User-Agent.
 */
public final class TestGeocoder {

    public static final String SLOW = "Slow Lane";
    public static final String BROKEN = "Broken Road";
    public static final long SLOW_ANSWER_MILLIS = 4_000;

    private static TestGeocoder instance;

    private final HttpServer server;
    private final Map<String, String[]> places = new ConcurrentHashMap<>();
    private final List<Asked> asked = new CopyOnWriteArrayList<>();

    /** One request as the fake saw it: the decoded {@code q} and the rest of its query, and the User-Agent. */
    public record Asked(String q, String rawQuery, String userAgent) {
    }

    private TestGeocoder() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-geocoder");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/search", this::answer);
        server.start();
    }

    public static synchronized TestGeocoder platform() {
        if (instance == null) {
            instance = new TestGeocoder();
        }
        return instance;
    }

    /** {@code http://127.0.0.1:<port>/search} */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/search";
    }

    /** Answers queries containing {@code street} with this place. */
    public TestGeocoder knows(String street, String lat, String lon) {
        places.put(street, new String[] {lat, lon});
        return this;
    }

    public List<Asked> asked() {
        return List.copyOf(asked);
    }

    /** The requests whose {@code q} contains {@code text}. */
    public List<Asked> askedFor(String text) {
        return asked.stream().filter(a -> a.q() != null && a.q().contains(text)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawQuery();
        String q = null;
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            if (pair.startsWith("q=")) {
                q = URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8);
            }
        }
        asked.add(new Asked(q, raw, exchange.getRequestHeaders().getFirst("User-Agent")));
        String body = "[]";
        if (q != null && q.contains(SLOW)) {
            try {
                Thread.sleep(SLOW_ANSWER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (q != null && q.contains(BROKEN)) {
            body = "<html>Bad gateway</html>";
        } else if (q != null) {
            for (Map.Entry<String, String[]> place : places.entrySet()) {
                if (q.contains(place.getKey())) {
                    body = "[{\"place_id\":1,\"licence\":\"test\",\"lat\":\"" + place.getValue()[0] + "\",\"lon\":\""
                            + place.getValue()[1] + "\",\"display_name\":\"" + place.getKey() + "\",\"importance\":0.5}]";
                }
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up waiting (the slow answer): nothing to tell it any more
        } finally {
            exchange.close();
        }
    }
}
