package org.fieldstone.identity;

import java.util.Optional;

/**
 * OAuth 2.1 access tokens issued by the company's authorization server (decision 0053), for the modules that accept
 * them (the REST API, the MCP server). Tokens are opaque, {@code fso_<company>_<random>}, checked locally on every
 * request, so a revoked grant stops working at once.
 */
public interface OAuthTokens {

    /** The prefix of every access token: a bearer value starting with it is an OAuth token, not an API key. */
    String ACCESS_TOKEN_PREFIX = "fso_";

    /**
     * The user an access token acts for, narrowed to its scopes ({@link SignedIn#actor()}); empty unless the token
     * exists, has not expired or been revoked, its grant, user and company are active, and its audience is exactly
     * {@code resource} (e.g. {@code https://<public-url>/api/v1} or {@code https://<public-url>/c/<slug>/mcp}).
     */
    Optional<SignedIn> authenticate(String bearer, String resource, String ip, String userAgent);

    /** The REST API's resource identifier, {@code <public-url>/api/v1}. */
    String restApiResource();

    /** A company's MCP endpoint's resource identifier, {@code <public-url>/c/<slug>/mcp}. */
    String mcpResource(String companySlug);
}
