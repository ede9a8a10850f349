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
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Twilio REST API on loopback for tests, one per test JVM, started on first use ({@link #start()}); every
 * application context's {@code fieldstone.sms.twilio.api-base-url} points at {@link #apiBase()} ({@link Engines}), so
 * the application talks to it through the real twilio-java client (its hosts rewritten by the sms module's
 * {@code RebasingHttpClient}).
 *
 * <p>The API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json} (form-encoded, as twilio-java sends it) records
 * the message ({@link #sent()}) and answers a Message resource with a new {@code SM…} sid; {@code GET
 * /2010-04-01/Accounts/{sid}.json} answers the Account. Both check HTTP Basic credentials against the accounts
 * registered with {@link #account} (else 401 with Twilio's error JSON, code 20003). {@link #failWith} makes an
 * account's message requests fail with a status and Twilio error code (500, 429, 400 with 21211, …) until
 * {@link #recover}.
 */
public final class FakeTwilio {

    private static final Pattern MESSAGES = Pattern.compile("^/2010-04-01/Accounts/(AC[0-9a-f]{32})/Messages\\.json$");
    private static final Pattern ACCOUNT = Pattern.compile("^/2010-04-01/Accounts/(AC[0-9a-f]{32})\\.json$");
    private static FakeTwilio instance;

    private final HttpServer server;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, int[]> failures = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    /** A message the fake accepted. {@code from} is the number or Messaging Service SID it was sent from. */
    public record Sent(String accountSid, String sid, String to, String from, String body, String statusCallback) {
    }

    private FakeTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2010-04-01/", this::api);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-twilio");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The fake of this test JVM, started on first use. */
    public static synchronized FakeTwilio start() {
        if (instance == null) {
            try {
                instance = new FakeTwilio();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** What {@code fieldstone.sms.twilio.api-base-url} is set to: {@code http://127.0.0.1:<port>}. */
    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new account SID ({@code AC} and 32 hex digits) that the fake accepts with {@code token}. */
    public String account(String token) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String sid = "AC" + HexFormat.of().formatHex(b);
        tokens.put(sid, token);
        return sid;
    }

    /** Message requests of {@code accountSid} fail with this HTTP status and Twilio error code until {@link #recover}. */
    public void failWith(String accountSid, int status, int code) {
        failures.put(accountSid, new int[] {status, code});
    }

    public void recover(String accountSid) {
        failures.remove(accountSid);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The messages sent on one account, in order. */
    public List<Sent> sent(String accountSid) {
        return sent.stream().filter(s -> s.accountSid().equals(accountSid)).toList();
    }

    /** Requests refused for their credentials: "<method> <path>". */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher messages = MESSAGES.matcher(path);
            Matcher account = ACCOUNT.matcher(path);
            String sid = messages.matches() ? messages.group(1) : account.matches() ? account.group(1) : null;
            if (sid == null) {
                answer(exchange, 404, error(20404, "The requested resource was not found", 404));
                return;
            }
            if (!authorized(exchange, sid)) {
                refused.add(exchange.getRequestMethod() + " " + path);
                answer(exchange, 401, error(20003, "Authenticate", 401));
                return;
            }
            if (account.matches() && exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 200, """
                        {"sid": "%s", "friendly_name": "Fake account", "status": "active", "type": "Trial",
                         "owner_account_sid": "%s", "uri": "/2010-04-01/Accounts/%s.json"}""".formatted(sid, sid, sid));
                return;
            }
            if (!messages.matches() || !exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, error(20004, "Method not allowed", 405));
                return;
            }
            int[] failure = failures.get(sid);
            if (failure != null) {
                answer(exchange, failure[0], error(failure[1], "Fake failure", failure[0]));
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String from = form.containsKey("MessagingServiceSid") ? form.get("MessagingServiceSid") : form.get("From");
            if (form.get("To") == null || from == null || form.get("Body") == null) {
                answer(exchange, 400, error(21604, "A 'To' phone number, a sender and a Body are required.", 400));
                return;
            }
            byte[] b = new byte[16];
            random.nextBytes(b);
            String messageSid = "SM" + HexFormat.of().formatHex(b);
            sent.add(new Sent(sid, messageSid, form.get("To"), from, form.get("Body"), form.get("StatusCallback")));
            answer(exchange, 201, """
                    {"sid": "%s", "account_sid": "%s", "to": %s, "from": %s, "body": %s, "status": "queued",
                     "direction": "outbound-api", "api_version": "2010-04-01", "num_segments": "1"}"""
                    .formatted(messageSid, sid, json(form.get("To")), json(form.get("From")), json(form.get("Body"))));
        }
    }

    private boolean authorized(HttpExchange exchange, String sid) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        String token = tokens.get(sid);
        return token != null && decoded.equals(sid + ":" + token);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String error(int code, String message, int status) {
        return """
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
                .formatted(code, message, code, status);
    }

    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
