package org.fieldstone.ops.monitoring;

/**
 * The low-cardinality group a request path belongs to, the {@code group} tag of {@code http.server.requests}: a handful
 * of values, never a slug or an id, so that 1,000 companies do not make 1,000 time series per endpoint.
 */
enum EndpointGroup {
    DASHBOARD, API, PORTAL, WEBHOOKS, MCP, OAUTH, STATUS, STATIC, OTHER;

    /** The tag's value. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static EndpointGroup of(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return OTHER;
        }
        if (path.startsWith("/c/")) {
            // /c/<slug>/mcp, /c/<slug>/oauth2/…, everything else under /c/<slug> is the dashboard
            int slugEnd = path.indexOf('/', 3);
            String rest = slugEnd < 0 ? "" : path.substring(slugEnd);
            if (rest.equals("/mcp") || rest.startsWith("/mcp/")) {
                return MCP;
            }
            if (rest.startsWith("/oauth2/")) {
                return OAUTH;
            }
            return DASHBOARD;
        }
        if (path.startsWith("/api/") || path.startsWith("/v3/api-docs")) {
            return API;
        }
        if (path.startsWith("/p/")) {
            return PORTAL;
        }
        if (path.startsWith("/webhooks/")) {
            return WEBHOOKS;
        }
        if (path.startsWith("/.well-known/oauth-protected-resource")) {
            return MCP;
        }
        if (path.startsWith("/.well-known/oauth-authorization-server")) {
            return OAUTH;
        }
        if (path.startsWith("/status") || path.startsWith("/actuator/health") || path.equals("/livez")
                || path.equals("/readyz") || path.startsWith("/.well-known/")) {
            return STATUS;
        }
        if (path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.startsWith("/images/") || path.equals("/favicon.ico")) {
            return STATIC;
        }
        return OTHER;
    }
}
