package org.fieldstone.assistant.mcp;

import java.util.Optional;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.SignedIn;
import org.springframework.stereotype.Component;

/**
 * Until the OAuth 2.1 authorization server arrives: the bearer is one of the company's API keys. A key of another
 * company is refused like an unknown one, so a key only ever opens its own company's endpoint.
 */
@Component
class ApiKeyMcpCredentials implements McpCredentials {

    private final ApiKeys apiKeys;

    ApiKeyMcpCredentials(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public Optional<SignedIn> authenticate(String bearer, McpResource resource, String ip, String userAgent) {
        return apiKeys.authenticate(bearer, ip, userAgent).filter(s -> s.tenant().equals(resource.tenant()));
    }
}
