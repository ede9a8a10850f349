import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The benchmark's fake Telegram Bot API and Twilio REST API on loopback: a single-file program (no Spring, no test
 * class path) that bench/run.sh starts for {@code --mix telegram|twilio|fanout} and points the seed and the server at
 * ({@code fieldstone.telegram.api-url=<url>/bot}, {@code fieldstone.sms.twilio.api-base-url=<url>}), so the
 * application's outbound calls go through the real SDKs to something that answers at once, as the providers do.
 *
 * <p>Telegram ({@code POST /bot<token>/<method>}): getMe (a bot {@code bench_bot}), setWebhook, deleteWebhook,
 * answerCallbackQuery, editMessageReplyMarkup ({@code true}) and sendMessage (a message) — every token is accepted.
 * Twilio: {@code GET /2010-04-01/Accounts/<sid>.json} (the account) and
 * {@code POST /2010-04-01/Accounts/<sid>/Messages.json} (a queued message with a fresh {@code SM…} SID) — any Basic
 * credentials are accepted. {@code GET /counts} answers {@code telegram_sent=<n> twilio_sent=<n>};
 * {@code GET /telegram/last?chat_id=<id>} the last text sent to a chat.
 *
 * <p>{@code java bench/src/FakeProviders.java <file>}: listens on a free loopback port and writes its base URL
 * ({@code http://127.0.0.1:<port>}) into the file once it does.
 */
public class FakeProviders {

    static final Pattern TELEGRAM = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)$");
    static final Pattern ACCOUNT = Pattern.compile("^/2010-04-01/Accounts/(AC[0-9a-f]{32})\\.json$");
    static final Pattern MESSAGES = Pattern.compile("^/2010-04-01/Accounts/(AC[0-9a-f]{32})/Messages\\.json$");
    static final AtomicLong telegramSent = new AtomicLong();
    static final AtomicLong twilioSent = new AtomicLong();
    static final AtomicLong messageIds = new AtomicLong(1000);
    /** The last text sent to each chat ({@code GET /telegram/last?chat_id=}: the driver checks its linking so). */
    static final Map<String, String> lastSent = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", FakeProviders::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Path out = Path.of(args[0]);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, url + "\n");
        Files.move(tmp, out);
    }

    static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            var telegram = TELEGRAM.matcher(path);
            if (telegram.matches()) {
                String result = switch (telegram.group(2)) {
                    case "getMe" -> """
                            {"id":1000001,"is_bot":true,"first_name":"Bench","username":"bench_bot"}""";
                    case "sendMessage" -> {
                        telegramSent.incrementAndGet();
                        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
                        if (form.get("chat_id") != null) {
                            lastSent.put(form.get("chat_id"), form.getOrDefault("text", ""));
                        }
                        yield """
                                {"message_id":%d,"date":%d,"chat":{"id":1,"type":"private"},"text":"ok"}"""
                                .formatted(messageIds.incrementAndGet(), System.currentTimeMillis() / 1000);
                    }
                    case "setWebhook", "deleteWebhook", "answerCallbackQuery", "editMessageReplyMarkup" -> "true";
                    default -> null;
                };
                if (result == null) {
                    answer(exchange, 404, """
                            {"ok":false,"error_code":404,"description":"Not Found"}""");
                } else {
                    answer(exchange, 200, "{\"ok\":true,\"result\":" + result + "}");
                }
                return;
            }
            var account = ACCOUNT.matcher(path);
            if (account.matches() && method.equals("GET")) {
                answer(exchange, 200, """
                        {"sid": "%s", "friendly_name": "Bench account", "status": "active", "type": "Full",
                         "owner_account_sid": "%s", "uri": "/2010-04-01/Accounts/%s.json"}"""
                        .formatted(account.group(1), account.group(1), account.group(1)));
                return;
            }
            var messages = MESSAGES.matcher(path);
            if (messages.matches() && method.equals("POST")) {
                twilioSent.incrementAndGet();
                byte[] b = new byte[16];
                ThreadLocalRandom.current().nextBytes(b);
                answer(exchange, 201, """
                        {"sid": "SM%s", "account_sid": "%s", "status": "queued", "direction": "outbound-api",
                         "api_version": "2010-04-01", "num_segments": "1"}"""
                        .formatted(HexFormat.of().formatHex(b), messages.group(1)));
                return;
            }
            if (path.equals("/telegram/last")) {
                String query = exchange.getRequestURI().getRawQuery();
                String chat = query == null ? null : form(query).get("chat_id");
                answer(exchange, 200, chat == null ? "" : lastSent.getOrDefault(chat, ""));
                return;
            }
            if (path.equals("/counts")) {
                answer(exchange, 200, "telegram_sent=" + telegramSent.get() + " twilio_sent=" + twilioSent.get());
                return;
            }
            answer(exchange, 404, "{}");
        }
    }

    /** A form-encoded body's fields (java-telegram-bot-api posts its parameters so). */
    static Map<String, String> form(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
