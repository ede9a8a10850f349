package org.fieldstone.assistant.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpAsyncResponse;
import io.modelcontextprotocol.modern.server.McpFeature;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * {@code ping}, answered with an empty result: the SDK's 2.2.0 {@code modern} server has no ping of its own (revision
 * 2026-07-28 has no sessions to keep alive), but clients and gateways still use it to check that the endpoint and the
 * credential work. A feature plugged into the SDK's dispatch like its own, so version, capabilities and errors are the
 * SDK's.
 */
final class McpPing implements McpFeature {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pong(@JsonProperty("resultType") String resultType, @JsonProperty("_meta") Map<String, Object> meta)
            implements McpSchema.Result {
    }

    private static final McpAsyncResponse<McpSchema.Result> PONG = McpAsyncResponse.result(new Pong("complete", null));

    @Override
    public Set<String> methods() {
        return Set.of("ping");
    }

    @Override
    public Mono<McpAsyncResponse<McpSchema.Result>> handle(McpRequestContext ctx, Object params) {
        return Mono.just(PONG);
    }
}
