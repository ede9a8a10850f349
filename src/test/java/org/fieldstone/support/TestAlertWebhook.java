package org.fieldstone.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The operator's alert webhook for the tests: a plain HTTP server on loopback, one per test JVM, recording each POST. */
public final class TestAlertWebhook {

    /** One request as received: its headers (lower-case names) and body. */
    public record Received(Map<String, String> headers, String body) {
    }

    private static TestAlertWebhook instance;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private TestAlertWebhook(HttpServer server) {
        this.server = server;
    }

    public static synchronized TestAlertWebhook start() {
        if (instance == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                TestAlertWebhook hook = new TestAlertWebhook(server);
                server.createContext("/alerts", exchange -> {
                    try (InputStream in = exchange.getRequestBody()) {
                        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        Map<String, String> headers = new java.util.HashMap<>();
                        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
                        hook.received.add(new Received(headers, body));
                    }
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
                server.start();
                instance = hook;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests whose body contains {@code text}, waiting (at most {@code timeout}) until there are {@code count}. */
    public List<Received> awaitContaining(String text, int count, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        List<Received> found;
        while ((found = received.stream().filter(r -> r.body().contains(text)).toList()).size() < count
                && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return found;
    }
}
