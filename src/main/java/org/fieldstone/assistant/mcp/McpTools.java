package org.fieldstone.assistant.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.assistant.Tool;
import org.fieldstone.assistant.ToolResult;
import org.fieldstone.assistant.Tools;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's tools as the MCP SDK sees them: {@code tools/list} is what the calling actor may use
 * ({@link Tools#available}), {@code tools/call} runs {@link Tools#call} as that actor through the {@code mcp} channel.
 * A refusal of the registry is an error result ({@code isError: true}) with the registry's JSON; anything unexpected
 * is logged here and answered with a generic error result, never an exception's text or stack.
 */
final class McpTools implements McpSyncToolRepository {

    /** The transport context's key for the calling {@link Actor} (put there by {@link McpEndpoint}). */
    static final String ACTOR = "fieldstone.actor";

    static final String INTERNAL_ERROR = "{\"error\":\"assistant.mcp.internal\",\"message\":\"The tool failed unexpectedly. Nothing was changed; try again later.\"}";

    static final String UNKNOWN_TOOL = "{\"error\":\"assistant.refused.unknown-tool\",\"message\":\"There is no such tool, or you may not use it.\"}";

    private static final Logger log = LoggerFactory.getLogger(McpTools.class);

    private final Tools tools;
    private final McpJsonMapper json;

    McpTools(Tools tools, McpJsonMapper json) {
        this.tools = tools;
        this.json = json;
    }

    @Override
    public ToolsPage list(McpRequestContext ctx, String cursor) {
        return ToolsPage.of(tools.available(actor(ctx.transportContext())).stream().map(this::definition).toList());
    }

    @Override
    public McpSyncTool find(McpRequestContext ctx, String name) {
        Actor actor = actor(ctx.transportContext());
        Optional<Tool> tool = tools.available(actor).stream().filter(t -> t.name().equals(name)).findFirst();
        return tool.map(t -> McpSyncTool.of(definition(t), (c, request) -> McpSyncResponse.result(call(actor, t, request.arguments()))))
                .orElse(null);
    }

    McpSchema.CallToolResult call(Actor actor, Tool tool, Map<String, Object> arguments) {
        ToolResult result;
        try {
            result = tools.call(actor.through(Channel.MCP), tool.name(), json.writeValueAsString(arguments == null ? Map.of() : arguments));
        } catch (IOException | RuntimeException e) {
            log.error("MCP tool {} failed for {}", tool.name(), actor.tenant(), e);
            result = ToolResult.refused(INTERNAL_ERROR);
        }
        return McpSchema.CallToolResult.builder().addContent(McpSchema.TextContent.builder(result.content()).build())
                .isError(result.error()).build();
    }

    /** An error result with this JSON text. */
    McpSchema.CallToolResult refusal(String json) {
        return McpSchema.CallToolResult.builder().addContent(McpSchema.TextContent.builder(json).build()).isError(true).build();
    }

    /**
     * name, title, description, inputSchema and the hints: a read is read-only and idempotent; a write is neither, and
     * destructive unless it only adds ({@code create_…}, {@code add_…}, {@code record_…}, {@code schedule_…}): sending a
     * quote or moving a visit changes what was there. No tool reaches outside Fieldstone ({@code openWorldHint} false).
     */
    McpSchema.Tool definition(Tool tool) {
        McpSchema.ToolAnnotations hints = McpSchema.ToolAnnotations.builder().title(tool.title())
                .readOnlyHint(!tool.writes())
                .destructiveHint(tool.writes() ? !additive(tool.name()) : null)
                .idempotentHint(tool.writes() ? Boolean.FALSE : Boolean.TRUE)
                .openWorldHint(false)
                .build();
        return McpSchema.Tool.builder(tool.name(), json, tool.inputSchema()).title(tool.title())
                .description(tool.description()).annotations(hints).build();
    }

    static Actor actor(McpTransportContext context) {
        if (context.get(ACTOR) instanceof Actor actor) {
            return actor;
        }
        throw new IllegalStateException("An MCP request reached the tools without an authenticated actor");
    }

    static boolean additive(String name) {
        return ADDITIVE.stream().anyMatch(name::startsWith);
    }

    private static final List<String> ADDITIVE = List.of("create_", "add_", "record_", "schedule_");
}
