package org.fieldstone.assistant.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.fieldstone.assistant.Tool;
import org.fieldstone.assistant.Tools;
import org.fieldstone.shared.Actor;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Clients of the previous revision, 2025-11-25 ({@code initialize}, no {@code Mcp-Method} header), served by the SDK's
 * stateless server of that revision ({@link HttpServletStatelessServerTransport}): no {@code Mcp-Session-Id} is issued,
 * so there is no session to guess or to steal, and every request carries its bearer credential like a 2026-07-28 one.
 * The same tools, listed per caller (the SDK's tool filter over {@link Tools#available}) and called through
 * {@link McpTools#call}. That transport puts an exception's message into {@code -32603} errors (java-sdk#577), so its
 * answers are rewritten here: an internal error says "Internal error" and nothing else.
 */
final class McpLegacyEndpoint {

    static final String VERSION = "2025-11-25";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServletStatelessServerTransport transport;
    private final McpStatelessSyncServer server;

    McpLegacyEndpoint(Tools tools, McpTools modern, McpJsonMapper json, String origin, String version,
                      McpTransportContextExtractor<HttpServletRequest> context) {
        this.transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(json)
                .messageEndpoint("/mcp")
                .contextExtractor(context)
                .httpHeaderValidator(DefaultServerTransportSecurityValidator.builder().allowedOrigin(origin).build())
                .maxRequestSize(McpEndpoint.MAX_REQUEST_BYTES)
                .build();
        this.server = McpServer.sync(transport)
                .serverInfo(new McpSchema.Implementation("fieldstone", "Fieldstone", version))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .tools(tools.all().stream().map(t -> specification(tools, modern, json, t)).toList())
                .addToolFilter((ctx, listed) -> tools.available(McpTools.actor(ctx)).stream()
                        .anyMatch(t -> t.name().equals(listed.name())))
                .build();
    }

    private static McpStatelessServerFeatures.SyncToolSpecification specification(Tools tools, McpTools modern,
                                                                                 McpJsonMapper json, Tool tool) {
        McpSchema.Tool definition = json.convertValue(modern.definition(tool), McpSchema.Tool.class);
        return new McpStatelessServerFeatures.SyncToolSpecification(definition, (McpTransportContext ctx, McpSchema.CallToolRequest request) -> {
            Actor actor = McpTools.actor(ctx);
            Optional<Tool> allowed = tools.available(actor).stream().filter(t -> t.name().equals(tool.name())).findFirst();
            io.modelcontextprotocol.modern.McpSchema.CallToolResult result = allowed.isPresent()
                    ? modern.call(actor, tool, request.arguments())
                    : modern.refusal(McpTools.UNKNOWN_TOOL);
            String text = result.content().stream()
                    .map(c -> ((io.modelcontextprotocol.modern.McpSchema.TextContent) c).text()).reduce("", String::concat);
            return McpSchema.CallToolResult.builder().addTextContent(text).isError(Boolean.TRUE.equals(result.isError())).build();
        });
    }

    void serve(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        transport.service(request, buffered);
        byte[] body = buffered.getContentAsByteArray();
        String clean = withoutInternals(new String(body, StandardCharsets.UTF_8));
        if (clean != null) {
            buffered.resetBuffer();
            buffered.getOutputStream().write(clean.getBytes(StandardCharsets.UTF_8));
        }
        buffered.copyBodyToResponse();
    }

    /**
     * The answer without anything internal, or null when it holds nothing internal (then it goes out as it is). That
     * transport writes its own failures as the serialized exception — {@code jsonRpcError}, {@code stackTrace},
     * {@code cause} — rather than a JSON-RPC response: such an answer becomes a JSON-RPC error of the same code, and
     * an internal error ({@code -32603}) says "Internal error" and nothing else.
     */
    static String withoutInternals(String answer) {
        if (!answer.contains("-32603") && !answer.contains("stackTrace") && !answer.contains("jsonRpcError")) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(answer);
            if (root.has("jsonrpc") && root.get("error") instanceof ObjectNode e) {
                if (e.path("code").asInt() != -32603) {
                    return null;
                }
                e.put("message", "Internal error");
                e.remove("data");
                return JSON.writeValueAsString(root);
            }
            JsonNode error = root.path("jsonRpcError");
            int code = error.path("code").isInt() ? error.path("code").asInt() : -32603;
            String message = code == -32603 || !error.path("message").isString() ? "Internal error" : error.path("message").asString();
            ObjectNode clean = JSON.createObjectNode();
            clean.put("jsonrpc", "2.0");
            clean.putNull("id");
            clean.putObject("error").put("code", code).put("message", message);
            return JSON.writeValueAsString(clean);
        } catch (RuntimeException notJson) {
            return "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}";
        }
    }

    void close() {
        server.close();
    }
}
