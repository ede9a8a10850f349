package org.fieldstone.assistant.mcp;

import java.util.Optional;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.OAuthTokens;
import org.fieldstone.identity.SignedIn;
import org.springframework.stereotype.Component;

/**
 * The bearer of an MCP request: an OAuth 2.1 access token of the company's authorization server whose audience is
 * exactly this endpoint ({@link McpResource#uri()}; a token for the REST API or another company's endpoint is refused)
 * and whose scopes narrow the user's role — or, for integrations that do not speak OAuth, one of the company's API keys.
 * Either way a credential of another company is refused like an unknown one.
 */
@Component
class BearerMcpCredentials implements McpCredentials {

    private final OAuthTokens oauthTokens;
    private final ApiKeys apiKeys;

    BearerMcpCredentials(OAuthTokens oauthTokens, ApiKeys apiKeys) {
        this.oauthTokens = oauthTokens;
        this.apiKeys = apiKeys;
    }

    @Override
    public Optional<SignedIn> authenticate(String bearer, McpResource resource, String ip, String userAgent) {
        Optional<SignedIn> signedIn = bearer.startsWith(OAuthTokens.ACCESS_TOKEN_PREFIX)
                ? oauthTokens.authenticate(bearer, resource.uri(), ip, userAgent)
                : apiKeys.authenticate(bearer, ip, userAgent);
        return signedIn.filter(s -> s.tenant().equals(resource.tenant()));
    }
}
