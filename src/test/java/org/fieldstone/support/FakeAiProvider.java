package org.fieldstone.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake AI provider on loopback for tests, one per test JVM ({@link #start()}), speaking two real wire formats so the
 * application talks to it through Spring AI's real clients (the official anthropic-java and openai-java SDKs):
 * <ul>
 *   <li>Anthropic's Messages API: {@code POST /v1/messages}, key in {@code x-api-key}, answers {@code type: message}
 *       with {@code text} and {@code tool_use} content blocks ({@code stop_reason} {@code end_turn}/{@code tool_use});
 *       the application's base URL is {@link #anthropicBase()};</li>
 *   <li>OpenAI's Chat Completions: {@code POST /v1/chat/completions}, key in {@code Authorization: Bearer},
 *       answers {@code chat.completion} with {@code tool_calls} ({@code finish_reason} {@code stop}/{@code tool_calls});
 *       base URL {@link #openAiBase()}.</li>
 * </ul>
 * Each test company uses its own API key, and the fake keeps a script and the recorded requests per key, so tests
 * running side by side never see each other's: {@link #script(String, Step...)} queues what the model answers to the
 * next requests with that key ({@link Step#tool}: a tool call; {@link Step#text}: a final answer; {@link Step#error}:
 * an HTTP error in the provider's own error format), {@link #requests(String)} lists what arrived. With the script empty
 * the model answers "(no script)". Non-streaming only: Spring AI's {@code call()} does not stream.
 */
public final class FakeAiProvider {

    private static FakeAiProvider instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Request>> requests = new ConcurrentHashMap<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** What the model does next: call a tool with arguments, answer text, or fail with an HTTP status. */
    public record Step(String tool, String arguments, String text, int status) {

        public static Step tool(String name, String argumentsJson) {
            return new Step(name, argumentsJson, null, 200);
        }

        public static Step text(String answer) {
            return new Step(null, null, answer, 200);
        }

        public static Step error(int status) {
            return new Step(null, null, null, status);
        }
    }

    /**
     * A request as the fake saw it.
     *
     * @param api    {@code anthropic} or {@code openai}
     * @param apiKey the key from its header ({@code x-api-key} or the bearer token)
     * @param body   the JSON body as sent
     */
    public record Request(String api, String path, String apiKey, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The names of the tools offered to the model. */
        public List<String> toolNames() {
            JsonNode tools = json().get("tools");
            if (tools == null || !tools.isArray()) {
                return List.of();
            }
            return tools.valueStream().map(t -> t.has("function") ? t.get("function").get("name").asString()
                    : t.get("name").asString()).toList();
        }
    }

    private FakeAiProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-ai");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static synchronized FakeAiProvider start() {
        if (instance == null) {
            try {
                instance = new FakeAiProvider();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Anthropic's base URL for this fake (the SDK adds {@code /v1/messages}). */
    public String anthropicBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An OpenAI-compatible base URL for this fake (the SDK adds {@code /chat/completions}). */
    public String openAiBase() {
        return anthropicBase() + "/v1";
    }

    public void script(String apiKey, Step... steps) {
        scripts.computeIfAbsent(apiKey, k -> new ArrayDeque<>()).addAll(List.of(steps));
    }

    public List<Request> requests(String apiKey) {
        return List.copyOf(requests.getOrDefault(apiKey, List.of()));
    }

    /** Every request that arrived, with any key. */
    public List<Request> all() {
        return List.copyOf(all);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean anthropic = path.equals("/v1/messages");
            boolean openai = path.equals("/v1/chat/completions");
            if (!exchange.getRequestMethod().equals("POST") || !(anthropic || openai)) {
                send(exchange, 404, "{\"error\":{\"type\":\"not_found_error\",\"message\":\"Not found\"}}");
                return;
            }
            String key = anthropic ? exchange.getRequestHeaders().getFirst("x-api-key")
                    : bearer(exchange.getRequestHeaders().getFirst("Authorization"));
            Request request = new Request(anthropic ? "anthropic" : "openai", path, key,
                    Map.copyOf(exchange.getRequestHeaders()), body);
            all.add(request);
            if (key == null || key.isBlank()) {
                send(exchange, 401, error(anthropic, 401));
                return;
            }
            requests.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(request);
            Deque<Step> script = scripts.get(key);
            Step step;
            synchronized (this) {
                step = script == null || script.isEmpty() ? Step.text("(no script)") : script.poll();
            }
            if (step.status() != 200) {
                exchange.getResponseHeaders().add("retry-after", "0");
                send(exchange, step.status(), error(anthropic, step.status()));
                return;
            }
            JsonNode json = JSON.readTree(body);
            String model = json.has("model") ? json.get("model").asString() : "fake";
            send(exchange, 200, anthropic ? anthropicAnswer(model, step) : openAiAnswer(model, step));
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private static String bearer(String header) {
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    }

    private String anthropicAnswer(String model, Step step) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_fake_" + ids.incrementAndGet());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        ArrayNode content = message.putArray("content");
        if (step.tool() != null) {
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", "toolu_fake_" + ids.incrementAndGet());
            use.put("name", step.tool());
            use.set("input", JSON.readTree(step.arguments()));
            message.put("stop_reason", "tool_use");
        } else {
            ObjectNode text = content.addObject();
            text.put("type", "text");
            text.put("text", step.text());
            text.putNull("citations");
            message.put("stop_reason", "end_turn");
        }
        message.putNull("stop_sequence");
        message.putNull("container");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", 10);
        usage.put("output_tokens", 5);
        usage.putNull("cache_creation_input_tokens");
        usage.putNull("cache_read_input_tokens");
        usage.putNull("cache_creation");
        usage.putNull("server_tool_use");
        usage.putNull("service_tier");
        return JSON.writeValueAsString(message);
    }

    private String openAiAnswer(String model, Step step) {
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-fake-" + ids.incrementAndGet());
        completion.put("object", "chat.completion");
        completion.put("created", 1_700_000_000L);
        completion.put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putNull("logprobs");
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.putNull("refusal");
        if (step.tool() != null) {
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", "call_fake_" + ids.incrementAndGet());
            call.put("type", "function");
            ObjectNode function = call.putObject("function");
            function.put("name", step.tool());
            function.put("arguments", step.arguments());
            choice.put("finish_reason", "tool_calls");
        } else {
            message.put("content", step.text());
            choice.put("finish_reason", "stop");
        }
        ObjectNode usage = completion.putObject("usage");
        usage.put("prompt_tokens", 10);
        usage.put("completion_tokens", 5);
        usage.put("total_tokens", 15);
        return JSON.writeValueAsString(completion);
    }

    private static String error(boolean anthropic, int status) {
        String type = switch (status) {
            case 401 -> anthropic ? "authentication_error" : "invalid_api_key";
            case 429 -> anthropic ? "rate_limit_error" : "rate_limit_exceeded";
            default -> anthropic ? "api_error" : "server_error";
        };
        Map<String, Object> error = new LinkedHashMap<>();
        if (anthropic) {
            error.put("type", "error");
            error.put("error", Map.of("type", type, "message", "fake " + status));
        } else {
            error.put("error", Map.of("type", type, "message", "fake " + status, "code", type));
        }
        return JSON.writeValueAsString(error);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("request-id", "req_fake");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
