package org.fieldstone.assistant.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.fieldstone.assistant.Tools;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.identity.SignedIn;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The MCP server, one endpoint per company: {@code /c/<slug>/mcp}, Streamable HTTP of revision 2026-07-28 through the
 * official SDK's {@code modern} package ({@link McpServer} behind its {@link HttpServletMcpTransport}, to which this
 * controller hands the request). It offers {@code server/discover}, the registry's tools ({@link McpTools}) and
 * {@code ping} ({@link McpPing}). A request without the {@code Mcp-Method} header that 2026-07-28 requires is a client of 2025-11-25 and goes to
 * {@link McpLegacyEndpoint}. By the time a request gets here {@link McpAuthenticationFilter} has resolved the company from the path and
 * the caller from the bearer credential, refused a foreign {@code Origin} and a tool the caller may not use; the
 * transport checks the {@code Mcp-Method}/{@code Mcp-Name} headers against the body and the {@code Origin} once more.
 */
@Controller
class McpEndpoint implements DisposableBean {

    static final String SIGNED_IN = McpEndpoint.class.getName() + ".signedIn";
    static final int MAX_REQUEST_BYTES = 1 << 20;

    private final HttpServletMcpTransport transport;
    private final McpLegacyEndpoint legacy;

    McpEndpoint(Tools tools, KeyRing keys, Clock clock,
                @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl) {
        String version = java.util.Objects.requireNonNullElse(McpEndpoint.class.getPackage().getImplementationVersion(), "dev");
        McpJsonMapper json = McpJsonDefaults.getMapper();
        McpTools mcpTools = new McpTools(tools, json);
        McpServer server = McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder("fieldstone", version).title("Fieldstone").build())
                .instructions("Fieldstone, field service management of one company. Every tool acts as the signed-in "
                        + "user with that user's permissions; tools that change data are marked as such.")
                .jsonMapper(json)
                .feature(ToolsFeature.ofSync(mcpTools, json, McpJsonDefaults.getSchemaValidator(), 0L,
                        McpSchema.CacheScope.PRIVATE))
                .feature(new McpPing())
                .requestStateCodec(new McpRequestStates(keys, json, clock))
                .build();
        this.transport = HttpServletMcpTransport.builder(server)
                .jsonMapper(json)
                .endpoint("/mcp")
                .maxRequestSize(MAX_REQUEST_BYTES)
                .httpHeaderValidator(DefaultServerTransportSecurityValidator.builder().allowedOrigin(origin(publicUrl)).build())
                .keepAliveInterval(Duration.ofSeconds(30))
                .contextExtractor(McpEndpoint::context)
                .build();
        this.legacy = new McpLegacyEndpoint(tools, mcpTools, json, origin(publicUrl), version, McpEndpoint::context);
    }

    @RequestMapping("/c/{slug}/mcp")
    void serve(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (request.getHeader("Mcp-Method") == null) {
            legacy.serve(request, response);
        } else {
            transport.service(request, response);
        }
    }

    private static McpTransportContext context(HttpServletRequest request) {
        if (request.getAttribute(SIGNED_IN) instanceof SignedIn signedIn) {
            return McpTransportContext.create(Map.of(McpTools.ACTOR, McpAuthenticationFilter.actor(signedIn)));
        }
        throw new IllegalStateException("An MCP request reached the endpoint unauthenticated");
    }

    /** {@code https://host[:port]} of the public URL: the only browser origin allowed to call the endpoint. */
    static String origin(String publicUrl) {
        URI uri = URI.create(publicUrl);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public void destroy() {
        transport.closeGracefully();
        legacy.close();
    }
}
