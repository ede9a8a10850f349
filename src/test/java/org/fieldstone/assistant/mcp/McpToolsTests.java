package org.fieldstone.assistant.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.JsonRpc;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpTransportResponse;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.assistant.Tool;
import org.fieldstone.assistant.ToolResult;
import org.fieldstone.assistant.Tools;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.junit.jupiter.api.Test;

/**
 * The MCP server over a registry stand-in, through the SDK's own request handling (no HTTP): what tools/list shows an
 * actor, the hints of reads and writes, the channel a call runs in, a refusal as an error result, and that a tool
 * failing inside answers a generic error with nothing internal in it (java-sdk#577).
 */
class McpToolsTests {

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";

    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private final StandIn tools = new StandIn();
    private final McpServer server = McpServer.builder()
            .serverInfo(McpSchema.Implementation.builder("fieldstone", "test").build())
            .jsonMapper(json)
            .feature(ToolsFeature.ofSync(new McpTools(tools, json), json, McpJsonDefaults.getSchemaValidator(), 0L,
                    McpSchema.CacheScope.PRIVATE))
            .feature(new McpPing())
            .build();

    private final Actor technician = new Actor(TenantId.random(), Optional.of(UserId.random()), "Tess", Role.USER,
            Optional.empty(), Channel.MCP, "127.0.0.1", "test");
    private final Actor readOnly = new Actor(TenantId.random(), Optional.of(UserId.random()), "Rea", Role.READ_ONLY,
            Optional.empty(), Channel.MCP, "127.0.0.1", "test");

    @Test
    void listsOnlyWhatTheActorMayUseWithHintsForReadsAndWrites() throws Exception {
        String listed = send(technician, "tools/list", Map.of());
        assertThat(listed).contains("\"name\":\"boom\"", "\"name\":\"create_thing\"", "\"name\":\"send_thing\"");
        McpSchema.Tool create = new McpTools(tools, json).definition(tools.find("create_thing").orElseThrow());
        assertThat(create.annotations().readOnlyHint()).isFalse();
        assertThat(create.annotations().destructiveHint()).as("only adds").isFalse();
        assertThat(create.annotations().idempotentHint()).isFalse();
        McpSchema.Tool send = new McpTools(tools, json).definition(tools.find("send_thing").orElseThrow());
        assertThat(send.annotations().destructiveHint()).isTrue();
        McpSchema.Tool read = new McpTools(tools, json).definition(tools.find("boom").orElseThrow());
        assertThat(read.annotations().readOnlyHint()).isTrue();
        assertThat(read.title()).isEqualTo("Boom");
        assertThat(read.inputSchema()).containsEntry("type", "object");

        String forReadOnly = send(readOnly, "tools/list", Map.of());
        assertThat(forReadOnly).contains("\"name\":\"boom\"").doesNotContain("create_thing", "send_thing");
    }

    @Test
    void pingAnswersAnEmptyResult() throws Exception {
        assertThat(send(technician, "ping", Map.of())).contains("\"result\":{", "\"resultType\":\"complete\"")
                .doesNotContain("\"error\"");
    }

    @Test
    void aToolThatFailsInsideAnswersAGenericErrorWithNothingInternal() throws Exception {
        String answer = send(technician, "tools/call", Map.of("name", "boom", "arguments", Map.of()));
        assertThat(answer).contains("\"isError\":true", "assistant.mcp.internal");
        assertThat(answer).doesNotContain("at org.", "Exception", "IllegalState", "secret detail", "McpToolsTests",
                "\tat ", "java.");
    }

    @Test
    void theOlderTransportsInternalErrorsAreRewrittenToSayNothing() {
        String leaky = "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32603,\"message\":\"Unexpected error: "
                + "tools.jackson.databind.exc.MismatchedInputException: Cannot construct io.modelcontextprotocol.spec.McpSchema$CallToolRequest\","
                + "\"data\":\"java.lang.IllegalStateException\\n\\tat org.fieldstone.X\"}}";
        String clean = McpLegacyEndpoint.withoutInternals(leaky);
        assertThat(clean).contains("\"id\":7", "\"code\":-32603", "\"message\":\"Internal error\"")
                .doesNotContain("Exception", "io.modelcontextprotocol", "at org.", "data");
        assertThat(McpLegacyEndpoint.withoutInternals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")).isNull();
        assertThat(McpLegacyEndpoint.withoutInternals("-32603 java.lang.Oops at org.x")).doesNotContain("java.", "org.");
        String serializedException = "{\"jsonRpcError\":{\"code\":-32603,\"message\":\"Failed to handle request: tools.jackson.X\"},"
                + "\"cause\":null,\"stackTrace\":[{\"className\":\"io.modelcontextprotocol.spec.McpError$Builder\"}],\"suppressed\":[]}";
        assertThat(McpLegacyEndpoint.withoutInternals(serializedException))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}");
        String invalid = "{\"jsonRpcError\":{\"code\":-32600,\"message\":\"Invalid message format\"},\"stackTrace\":[]}";
        assertThat(McpLegacyEndpoint.withoutInternals(invalid)).contains("-32600", "Invalid message format").doesNotContain("stackTrace");
    }

    @Test
    void aCallRunsThroughTheMcpChannelAndARefusalIsAnErrorResult() throws Exception {
        Actor api = new Actor(technician.tenant(), technician.userId(), "Tess", Role.USER, Optional.empty(), Channel.API,
                null, null);
        String created = send(api, "tools/call", Map.of("name", "create_thing", "arguments", Map.of()));
        assertThat(created).contains("\"isError\":false", "{\\\"ok\\\":true}");
        assertThat(tools.channels).containsExactly(Channel.MCP);

        String refused = send(technician, "tools/call", Map.of("name", "send_thing", "arguments", Map.of()));
        assertThat(refused).contains("\"isError\":true", "shared.refused.permission");
    }

    @Test
    void aToolTheActorMayNotUseIsUnknownToIt() throws Exception {
        String answer = send(readOnly, "tools/call", Map.of("name", "create_thing", "arguments", Map.of()));
        assertThat(answer).contains("Unknown tool").doesNotContain("\"ok\"");
        assertThat(tools.channels).isEmpty();
    }

    private String send(Actor actor, String method, Map<String, Object> params) throws Exception {
        Map<String, Object> withMeta = new java.util.LinkedHashMap<>(params);
        withMeta.put("_meta", Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities", Map.of()));
        McpTransportContext context = McpTransportContext.create(Map.of(McpTools.ACTOR, actor));
        McpTransportResponse response = server.handleBlocking(context,
                new JsonRpc.JSONRPCRequest("2.0", method, 1, withMeta)).block();
        JsonRpc.JSONRPCResponse body = response instanceof McpTransportResponse.Result r ? r.response()
                : ((McpTransportResponse.Error) response).response();
        return json.writeValueAsString(body);
    }

    /** A registry of three tools: a read that fails inside, an additive write, and a write the services refuse. */
    static final class StandIn implements Tools {

        final List<Channel> channels = new ArrayList<>();
        private final List<Tool> all = List.of(
                new Tool("boom", "Boom", "A read that fails inside.", SCHEMA, Permission.JOBS_READ, false),
                new Tool("create_thing", "Create a thing", "Adds a thing.", SCHEMA, Permission.CLIENTS_WRITE, true),
                new Tool("send_thing", "Send a thing", "Sends a thing.", SCHEMA, Permission.CLIENTS_WRITE, true));

        @Override
        public List<Tool> all() {
            return all;
        }

        @Override
        public List<Tool> available(Actor actor) {
            return all.stream().filter(t -> actor.can(t.permission())).toList();
        }

        @Override
        public Optional<Tool> find(String name) {
            return all.stream().filter(t -> t.name().equals(name)).findFirst();
        }

        @Override
        public ToolResult call(Actor actor, String name, String arguments) {
            return switch (name) {
                case "boom" -> throw new IllegalStateException("secret detail at org.fieldstone.Somewhere");
                case "create_thing" -> {
                    channels.add(actor.channel());
                    yield ToolResult.ok("{\"ok\":true}");
                }
                default -> ToolResult.refused("{\"error\":\"shared.refused.permission\",\"message\":\"No.\"}");
            };
        }

        @Override
        public ToolResult preview(Actor actor, String name, String arguments) {
            return ToolResult.refused("{}");
        }
    }
}
