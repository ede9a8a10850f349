package org.fieldstone.assistant.mcp;

import java.util.Optional;
import org.fieldstone.identity.SignedIn;

/**
 * The one seam through which the MCP endpoint learns who calls it: a bearer credential presented to one company's
 * endpoint ({@link McpResource}) becomes the signed-in user it stands for, or nothing. The credential is an OAuth 2.1
 * access token whose audience must equal {@link McpResource#uri()} and whose scopes narrow the user's role
 * ({@link org.fieldstone.shared.Actor#withScopes}), or an API key of that company ({@link BearerMcpCredentials}). Whatever implements it must refuse a credential of another company.
 */
public interface McpCredentials {

    /**
     * @param bearer    the credential from {@code Authorization: Bearer …} (never from the query string)
     * @param resource  the endpoint it was presented to
     * @return the user, of {@code resource}'s company, the credential stands for; empty when it is unknown, revoked,
     *         expired, for another company or resource, or its user or company is not active
     */
    Optional<SignedIn> authenticate(String bearer, McpResource resource, String ip, String userAgent);
}
