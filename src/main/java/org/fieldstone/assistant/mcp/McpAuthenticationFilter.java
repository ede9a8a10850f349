package org.fieldstone.assistant.mcp;

import io.modelcontextprotocol.modern.server.transport.McpHeaderDecoder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.assistant.Tool;
import org.fieldstone.assistant.Tools;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Message;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The MCP endpoint as an OAuth protected resource, before the SDK sees anything: the company from the path (unknown:
 * 404), the {@code Origin} (another site's: 403, DNS-rebinding protection; none, as from a desktop client: allowed), the
 * bearer credential only from the {@code Authorization} header (one in the query string: 400), through the one seam
 * {@link McpCredentials}. Without a credential: 401 with {@code WWW-Authenticate: Bearer resource_metadata="…"} (RFC
 * 9728 §5.1); a bad one or another company's: 401 {@code error="invalid_token"}. A {@code tools/call} of a tool the
 * caller may not use (its {@code Mcp-Name} header, which the transport holds to the body): 403
 * {@code error="insufficient_scope", scope="<permission>"}, the MCP authorization spec's step-up answer.
 */
final class McpAuthenticationFilter extends OncePerRequestFilter {

    static final Pattern ENDPOINT = Pattern.compile("^/c/([^/]+)/mcp$");

    private final Companies companies;
    private final McpCredentials credentials;
    private final Tools tools;
    private final McpProblems problems;
    private final String publicUrl;
    private final String origin;

    McpAuthenticationFilter(Companies companies, McpCredentials credentials, Tools tools, McpProblems problems,
                            String publicUrl) {
        this.companies = companies;
        this.credentials = credentials;
        this.tools = tools;
        this.problems = problems;
        this.publicUrl = publicUrl;
        this.origin = McpEndpoint.origin(publicUrl);
    }

    /** The actor an MCP request acts as: the credential's user (narrowed by a token's scopes), through {@code mcp}. */
    static Actor actor(SignedIn signedIn) {
        return signedIn.actor().through(Channel.MCP);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = ENDPOINT.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Company> company = companies.findBySlug(path.group(1));
        if (company.isEmpty()) {
            problems.write(request, response, HttpStatus.NOT_FOUND, null, Message.of("assistant.mcp.refused.company"));
            return;
        }
        McpResource resource = McpResource.of(company.get().id(), company.get().slug(), publicUrl);
        String requestOrigin = request.getHeader(HttpHeaders.ORIGIN);
        if (requestOrigin != null && !requestOrigin.equals(origin)) {
            problems.write(request, response, HttpStatus.FORBIDDEN, null, Message.of("assistant.mcp.refused.origin"));
            return;
        }
        if (tokenInQuery(request.getQueryString())) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, challenge(resource, "error=\"invalid_request\""),
                    Message.of("assistant.mcp.refused.query-token"));
            return;
        }
        List<String> headers = java.util.Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
        if (headers.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, challenge(resource, null),
                    Message.of("assistant.mcp.refused.unauthenticated"));
            return;
        }
        String header = headers.getFirst();
        if (headers.size() > 1 || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, challenge(resource, "error=\"invalid_request\""),
                    Message.of("assistant.mcp.refused.bearer"));
            return;
        }
        Optional<SignedIn> signedIn = credentials.authenticate(header.substring(7).strip(), resource,
                request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
        if (signedIn.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, challenge(resource, "error=\"invalid_token\""),
                    Message.of("assistant.mcp.refused.token"));
            return;
        }
        Actor actor = actor(signedIn.get());
        Optional<Tool> denied = deniedTool(request, actor);
        if (denied.isPresent()) {
            String scope = denied.get().permission().code();
            problems.write(request, response, HttpStatus.FORBIDDEN,
                    challenge(resource, "error=\"insufficient_scope\", scope=\"" + scope + "\""),
                    Message.of("assistant.mcp.refused.scope", scope));
            return;
        }
        request.setAttribute(McpEndpoint.SIGNED_IN, signedIn.get());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(signedIn.get(), null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The tool a {@code tools/call} names that the registry has but {@code actor} may not use. */
    private Optional<Tool> deniedTool(HttpServletRequest request, Actor actor) {
        if (!"tools/call".equals(request.getHeader("Mcp-Method"))) {
            return Optional.empty();
        }
        String raw = request.getHeader("Mcp-Name");
        String name = raw == null ? null : McpHeaderDecoder.decodeValue(raw);
        if (name == null) {
            return Optional.empty();
        }
        return tools.find(name).filter(t -> !tools.available(actor).contains(t));
    }

    /** An {@code access_token} (RFC 6750 §2.3) among the query parameters: refused, whatever it holds. */
    static boolean tokenInQuery(String query) {
        return query != null && org.springframework.web.util.UriComponentsBuilder.newInstance().query(query).build()
                .getQueryParams().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("access_token"));
    }

    /** {@code Bearer resource_metadata="…"} and, after a refusal of a credential, its error. */
    static String challenge(McpResource resource, String error) {
        return "Bearer " + (error == null ? "" : error + ", ") + "resource_metadata=\"" + resource.metadata() + "\"";
    }
}
