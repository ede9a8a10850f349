package org.fieldstone.support;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLParameters;

/**
 * A fake Stripe on loopback for tests, one per test JVM, started on first use ({@link #start()}); every application
 * context's {@code fieldstone.payments.stripe.api-base} points at {@link #apiBase()} ({@link Engines}), so the
 * application talks to it through the real stripe-java client.
 *
 * <p>The API: {@code POST /v1/checkout/sessions} (form-encoded as stripe-java sends it) and
 * {@code GET /v1/checkout/sessions/{id}}, answered with JSON shaped like Stripe's ({@code object: "checkout.session"});
 * the {@code Authorization: Bearer} key must start {@code sk_test_} (else 401 with Stripe's error JSON, as an unknown
 * path is 404 with it). Each API request is recorded ({@link #requests()}), each session kept ({@link #sessions()}).
 *
 * <p>The hosted checkout page: {@code GET /pay/{session id}} is a plain HTML page with a "Pay" button in a
 * {@code <form method="post">}; its POST marks the session paid, sends a {@code checkout.session.completed} event
 * signed with {@code Webhook.Signature.generateSignatureHeader} to the webhook registered for the session's company
 * ({@link #registerWebhook}) and redirects (303) to the session's {@code success_url}. Tests build other events with
 * {@link #event}, sign them with {@link #signature} and send them with {@link #deliver}.
 *
 * <p>The application's TLS certificate is the test's self-signed one: webhooks are sent trusting exactly it
 * ({@link Https#trustingTestCertificate()}), in tests only.
 */
public final class FakeStripe {

    private static FakeStripe instance;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> sessions = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> webhooks = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private volatile HttpClient client;

    /** An API request as the fake saw it: method, path, the bearer key and the decoded form fields. */
    public record Request(String method, String path, String apiKey, Map<String, String> form) {
    }

    /** A webhook endpoint of a company: where to send its events and the secret to sign them with. */
    public record Endpoint(URI url, String secret) {
    }

    /** A webhook the fake sent and the application's answer. */
    public record Delivery(String slug, String eventId, String type, int status, String body) {
    }

    private FakeStripe() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::api);
        server.createContext("/pay/", this::hostedPage);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-stripe");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The fake of this test JVM, started on first use. */
    public static synchronized FakeStripe start() {
        if (instance == null) {
            try {
                instance = new FakeStripe();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** What {@code fieldstone.payments.stripe.api-base} is set to: {@code http://127.0.0.1:<port>}. */
    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where checkout.session.completed of sessions whose metadata names company {@code slug} is sent. */
    public void registerWebhook(String slug, URI url, String secret) {
        webhooks.put(slug, new Endpoint(url, secret));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The Checkout Sessions made, by id, as the API answers them. */
    public Map<String, JsonObject> sessions() {
        return Map.copyOf(sessions);
    }

    public JsonObject session(String id) {
        return sessions.get(id);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The last request to create a Checkout Session. */
    public Request lastCheckout() {
        return requests.reversed().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/checkout/sessions"))
                .findFirst().orElseThrow(() -> new AssertionError("no Checkout Session was created"));
    }

    /**
     * Marks a session paid as Stripe does when the customer pays (payment_status {@code paid}, status
     * {@code complete}, a new PaymentIntent) and returns it; not yet told to anyone.
     */
    public JsonObject pay(String sessionId) {
        JsonObject session = sessions.get(sessionId);
        if (session == null) {
            throw new IllegalArgumentException("no session " + sessionId);
        }
        synchronized (session) {
            if (!"paid".equals(session.get("payment_status").getAsString())) {
                session.addProperty("payment_status", "paid");
                session.addProperty("status", "complete");
                session.addProperty("payment_intent", id("pi"));
            }
        }
        return session;
    }

    /** An event of {@code type} about {@code object}, as Stripe sends it, with the API version stripe-java reads. */
    public String event(String type, JsonObject object) {
        return event(id("evt"), type, object, Stripe.API_VERSION);
    }

    /** An event with a given id and API version (a replay keeps its id; another version leaves data empty). */
    public String event(String eventId, String type, JsonObject object, String apiVersion) {
        JsonObject event = new JsonObject();
        event.addProperty("id", eventId);
        event.addProperty("object", "event");
        event.addProperty("api_version", apiVersion);
        event.addProperty("created", Instant.now().getEpochSecond());
        JsonObject data = new JsonObject();
        data.add("object", object.deepCopy());
        event.add("data", data);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        JsonObject request = new JsonObject();
        request.add("id", com.google.gson.JsonNull.INSTANCE);
        request.add("idempotency_key", com.google.gson.JsonNull.INSTANCE);
        event.add("request", request);
        event.addProperty("type", type);
        return event.toString();
    }

    /** A {@code Stripe-Signature} header for {@code payload}, signed now with {@code secret} by stripe-java itself. */
    public static String signature(String payload, String secret) {
        return signature(payload, secret, Instant.now().getEpochSecond());
    }

    /** Signed at {@code timestampSeconds} (a stale one is more than 300 s ago). */
    public static String signature(String payload, String secret, long timestampSeconds) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, timestampSeconds);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A charge of a paid session's PaymentIntent, as {@code charge.refunded} carries it. */
    public JsonObject charge(String paymentIntentId, long amount, long amountRefunded, String currency) {
        JsonObject charge = new JsonObject();
        charge.addProperty("id", id("ch"));
        charge.addProperty("object", "charge");
        charge.addProperty("amount", amount);
        charge.addProperty("amount_refunded", amountRefunded);
        charge.addProperty("currency", currency);
        charge.addProperty("payment_intent", paymentIntentId);
        charge.addProperty("refunded", amountRefunded >= amount);
        charge.addProperty("paid", true);
        charge.addProperty("status", "succeeded");
        charge.addProperty("livemode", false);
        return charge;
    }

    /** A dispute of a charge, as {@code charge.dispute.created} carries it. */
    public JsonObject dispute(String chargeId, String paymentIntentId, long amount, String currency) {
        JsonObject dispute = new JsonObject();
        dispute.addProperty("id", id("dp"));
        dispute.addProperty("object", "dispute");
        dispute.addProperty("amount", amount);
        dispute.addProperty("currency", currency);
        dispute.addProperty("charge", chargeId);
        dispute.addProperty("payment_intent", paymentIntentId);
        dispute.addProperty("reason", "fraudulent");
        dispute.addProperty("status", "needs_response");
        dispute.addProperty("livemode", false);
        return dispute;
    }

    /** Posts {@code payload} with {@code signature} (null: no header) to {@code url}; returns status and body. */
    public HttpResponse<String> deliver(URI url, String payload, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        try {
            return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code type} about the session to its company's registered webhook, signed with its secret. */
    public Delivery deliverSessionEvent(String type, String sessionId) {
        JsonObject session = sessions.get(sessionId);
        String slug = session.getAsJsonObject("metadata").get("fieldstone_company").getAsString();
        Endpoint endpoint = webhooks.get(slug);
        if (endpoint == null) {
            throw new IllegalStateException("no webhook registered for " + slug);
        }
        String payload = event(type, session);
        HttpResponse<String> answer = deliver(endpoint.url(), payload, signature(payload, endpoint.secret()));
        String eventId = JsonParser.parseString(payload).getAsJsonObject().get("id").getAsString();
        Delivery delivery = new Delivery(slug, eventId, type, answer.statusCode(), answer.body());
        deliveries.add(delivery);
        return delivery;
    }

    // ---- the server

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(new Request(method, path, key, form));
            if (key == null || !key.startsWith("sk_test_")) {
                error(exchange, 401, "invalid_request_error", "Invalid API Key provided: " + mask(key));
                return;
            }
            if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
                json(exchange, 200, createSession(form));
            } else if (method.equals("GET") && path.startsWith("/v1/checkout/sessions/")) {
                JsonObject session = sessions.get(path.substring("/v1/checkout/sessions/".length()));
                if (session == null) {
                    error(exchange, 404, "invalid_request_error", "No such checkout.session");
                } else {
                    json(exchange, 200, session);
                }
            } else {
                error(exchange, 404, "invalid_request_error", "Unrecognized request URL (" + method + ": " + path + ")");
            }
        }
    }

    private JsonObject createSession(Map<String, String> form) {
        String id = id("cs_test");
        JsonObject s = new JsonObject();
        s.addProperty("id", id);
        s.addProperty("object", "checkout.session");
        long amount = Long.parseLong(form.getOrDefault("line_items[0][price_data][unit_amount]", "0"))
                * Long.parseLong(form.getOrDefault("line_items[0][quantity]", "1"));
        s.addProperty("amount_subtotal", amount);
        s.addProperty("amount_total", amount);
        s.addProperty("currency", form.get("line_items[0][price_data][currency]"));
        s.addProperty("mode", form.get("mode"));
        s.addProperty("client_reference_id", form.get("client_reference_id"));
        s.addProperty("success_url", form.get("success_url"));
        s.addProperty("cancel_url", form.get("cancel_url"));
        s.addProperty("payment_status", "unpaid");
        s.addProperty("status", "open");
        s.add("payment_intent", com.google.gson.JsonNull.INSTANCE);
        s.addProperty("livemode", false);
        s.addProperty("created", Instant.now().getEpochSecond());
        s.addProperty("expires_at", Instant.now().plus(Duration.ofHours(24)).getEpochSecond());
        s.addProperty("url", apiBase() + "/pay/" + id);
        JsonObject metadata = new JsonObject();
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                metadata.addProperty(k.substring("metadata[".length(), k.length() - 1), v);
            }
        });
        s.add("metadata", metadata);
        sessions.put(id, s);
        return s;
    }

    private void hostedPage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/pay/".length());
            JsonObject session = sessions.get(id);
            if (session == null) {
                html(exchange, 404, "<!DOCTYPE html><title>Not found</title><p>No such checkout session.</p>");
                return;
            }
            if (exchange.getRequestMethod().equals("GET")) {
                html(exchange, 200, """
                        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Fake Stripe Checkout</title></head>
                        <body><main><h1>Pay %s</h1><p id="amount">%s %s</p>
                        <form method="post" action="/pay/%s"><button type="submit" id="pay">Pay</button></form>
                        </main></body></html>""".formatted(escape(session.get("client_reference_id")),
                        session.get("amount_total").getAsLong(), escape(session.get("currency")), id));
                return;
            }
            pay(id);
            deliverSessionEvent("checkout.session.completed", id);
            String success = session.get("success_url").getAsString().replace("{CHECKOUT_SESSION_ID}", id);
            exchange.getResponseHeaders().add("Location", success);
            exchange.sendResponseHeaders(303, -1);
        }
    }

    private HttpClient client() {
        if (client == null) {
            SSLParameters tls = new SSLParameters();
            tls.setProtocols(new String[] {"TLSv1.3"});
            client = HttpClient.newBuilder().sslContext(Https.trustingTestCertificate()).sslParameters(tls)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(k, v);
        }
        return form;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_fake");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(com.google.gson.JsonElement e) {
        return e == null || e.isJsonNull() ? "" : e.getAsString().replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String mask(String key) {
        return key == null ? "(none)" : key.length() <= 8 ? "****" : key.substring(0, 8) + "****";
    }

    private String id(String prefix) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }
}
