package org.fieldstone.identity.oauth;

import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * RFC 8707 on the authorization request: {@code resource}, when given, must be exactly one of the company's resources
 * (its MCP endpoint or the REST API); anything else — another company's MCP endpoint, an unknown URL, two values — is
 * answered {@code invalid_target} (to the client's registered redirect URI). Without one the grant is for the REST API.
 */
final class ResourceIndicators implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String INVALID_TARGET = "invalid_target";

    private final OAuthIssuers issuers;

    ResourceIndicators(OAuthIssuers issuers) {
        this.issuers = issuers;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Object resource = request.getAdditionalParameters().get(CompanyAuthorizations.RESOURCE);
        if (resource == null) {
            return;
        }
        if (!(resource instanceof String s) || !issuers.resources(issuers.current().slug()).contains(s)) {
            String redirectUri = request.getRedirectUri() != null ? request.getRedirectUri()
                    : context.getRegisteredClient().getRedirectUris().iterator().next();
            OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                    request.getAuthorizationUri(), request.getClientId(),
                    (org.springframework.security.core.Authentication) request.getPrincipal(), redirectUri,
                    request.getState(), request.getScopes(), request.getAdditionalParameters());
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(INVALID_TARGET,
                    "resource", "https://www.rfc-editor.org/rfc/rfc8707#section-2"), result);
        }
    }
}
