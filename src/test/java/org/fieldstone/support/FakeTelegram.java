package org.fieldstone.support;

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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;

/**
 * A fake Telegram Bot API on loopback for tests, one per test JVM, started on first use; every application context's
 * {@code fieldstone.telegram.api-url} points at {@link #apiUrl()} ({@link Engines}), so the application talks to it
 * through the real java-telegram-bot-api client (form-encoded {@code POST /bot<token>/<method>}).
 *
 * <p>Methods: getMe, setWebhook, deleteWebhook, sendMessage, answerCallbackQuery, editMessageReplyMarkup, answered
 * as Telegram does ({@code {"ok":true,"result":…}}); a token not {@linkplain #register registered} gets 401
 * {@code {"ok":false,"error_code":401,"description":"Unauthorized"}}, an unknown method 404. A chat marked
 * {@linkplain #block blocked} gets 403 on sendMessage; {@link #failNext} makes the next sendMessage answer a status.
 * Every call is recorded ({@link #calls()}). Tests deliver updates to the application with {@link #deliver}, and build
 * them with {@link #message} and {@link #callback}.
 */
public final class FakeTelegram {

    private static FakeTelegram instance;

    private final HttpServer server;
    private final Map<String, String> bots = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger messageIds = new AtomicInteger(1000);
    private final AtomicLong updateIds = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private final Map<String, Integer> failNext = new ConcurrentHashMap<>();
    private volatile HttpClient client;

    /** A call as the fake saw it: the bot's token, the method and its decoded form fields. */
    public record Call(String token, String method, Map<String, String> params) {
        public String param(String name) {
            return params.get(name);
        }
    }

    private FakeTelegram() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::api);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-telegram");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static synchronized FakeTelegram start() {
        if (instance == null) {
            try {
                instance = new FakeTelegram();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** What {@code fieldstone.telegram.api-url} is set to: {@code http://127.0.0.1:<port>/bot}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/bot";
    }

    /** Makes a token valid, for a bot with this @username. */
    public void register(String token, String username) {
        bots.put(token, username);
    }

    /** Makes a token invalid again (revoked in BotFather). */
    public void revoke(String token) {
        bots.remove(token);
    }

    /** The chat blocked the bot: sendMessage to it answers 403. */
    public void block(String chatId) {
        blocked.add(chatId);
    }

    /** The next sendMessage of this token answers {@code status} (429, 500…). */
    public void failNext(String token, int status) {
        failNext.put(token, status);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String token, String method) {
        return calls.stream().filter(c -> c.token().equals(token) && c.method().equals(method)).toList();
    }

    /** What the bot of {@code token} sent to {@code chatId}, oldest first. */
    public List<Call> sentTo(String token, long chatId) {
        return calls(token, "sendMessage").stream().filter(c -> String.valueOf(chatId).equals(c.param("chat_id")))
                .toList();
    }

    /** The last setWebhook of the token (its url and secret_token), or null. */
    public Call webhook(String token) {
        List<Call> set = calls(token, "setWebhook");
        return set.isEmpty() ? null : set.getLast();
    }

    public long nextUpdateId() {
        return updateIds.incrementAndGet();
    }

    /** An update with a text message from a private chat (chat id = user id). */
    public String message(long updateId, long chatId, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private","first_name":"Test"},
                 "from":{"id":%d,"is_bot":false,"first_name":"Test"},"text":%s}}"""
                .formatted(updateId, messageIds.incrementAndGet(), System.currentTimeMillis() / 1000, chatId, chatId,
                        quote(text));
    }

    /** An update with a callback query: {@code fromId} tapped a button of message {@code messageId} in {@code chatId}. */
    public String callback(long updateId, long chatId, long fromId, int messageId, String data) {
        return """
                {"update_id":%d,"callback_query":{"id":"cb%d","from":{"id":%d,"is_bot":false,"first_name":"Test"},
                 "chat_instance":"ci","data":%s,"message":{"message_id":%d,"date":%d,
                 "chat":{"id":%d,"type":"private","first_name":"Test"},"text":"…"}}}"""
                .formatted(updateId, updateId, fromId, quote(data), messageId, System.currentTimeMillis() / 1000,
                        chatId);
    }

    /** Posts an update to the application's webhook with the secret token header (null: none). */
    public HttpResponse<String> deliver(URI url, String secretToken, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secretToken != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secretToken);
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

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!path.startsWith("/bot") || path.indexOf('/', 4) < 0) {
                answer(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
                return;
            }
            String token = path.substring(4, path.indexOf('/', 4));
            String method = path.substring(path.indexOf('/', 4) + 1);
            Map<String, String> params = form(body);
            String username = bots.get(token);
            if (username == null) {
                answer(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                return;
            }
            calls.add(new Call(token, method, params));
            switch (method) {
                case "getMe" -> answer(exchange, 200, """
                        {"ok":true,"result":{"id":%d,"is_bot":true,"first_name":"Fieldstone test bot","username":"%s"}}"""
                        .formatted(Math.abs((long) token.hashCode()), username));
                case "setWebhook", "deleteWebhook", "answerCallbackQuery", "editMessageReplyMarkup" ->
                        answer(exchange, 200, "{\"ok\":true,\"result\":true}");
                case "sendMessage" -> {
                    Integer fail = failNext.remove(token);
                    String chat = params.getOrDefault("chat_id", "0");
                    if (fail != null) {
                        answer(exchange, fail, "{\"ok\":false,\"error_code\":%d,\"description\":\"Failed\"}".formatted(fail));
                    } else if (blocked.contains(chat)) {
                        answer(exchange, 403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
                    } else {
                        answer(exchange, 200, """
                                {"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":%s,"type":"private"},"text":%s}}"""
                                .formatted(messageIds.incrementAndGet(), System.currentTimeMillis() / 1000, chat,
                                        quote(params.getOrDefault("text", ""))));
                    }
                }
                default -> answer(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String quote(String s) {
        return new com.google.gson.Gson().toJson(s);
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

    private HttpClient client() {
        if (client == null) {
            SSLParameters tls = new SSLParameters();
            tls.setProtocols(new String[] {"TLSv1.3"});
            client = HttpClient.newBuilder().sslContext(Https.trustingTestCertificate()).sslParameters(tls)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }
}
