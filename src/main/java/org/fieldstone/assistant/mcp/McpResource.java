package org.fieldstone.assistant.mcp;

import org.fieldstone.shared.TenantId;

/**
 * One company's MCP endpoint as an OAuth protected resource (RFC 9728).
 *
 * @param tenant the company
 * @param slug   its address, {@code /c/<slug>/…}
 * @param uri    the resource identifier {@code https://<public-url>/c/<slug>/mcp}: what an access token's audience
 *               must be
 * @param issuer the company's authorization server {@code https://<public-url>/c/<slug>}
 * @param metadata where the protected resource metadata is served:
 *                 {@code https://<public-url>/.well-known/oauth-protected-resource/c/<slug>/mcp}
 */
public record McpResource(TenantId tenant, String slug, String uri, String issuer, String metadata) {

    /** The resource of {@code slug}'s endpoint under {@code publicUrl} (no trailing slash). */
    public static McpResource of(TenantId tenant, String slug, String publicUrl) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return new McpResource(tenant, slug, base + "/c/" + slug + "/mcp", base + "/c/" + slug,
                base + "/.well-known/oauth-protected-resource/c/" + slug + "/mcp");
    }
}
