package org.fieldstone.identity.oauth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A public client (no secret: PKCE at the code exchange) presenting its refresh token, or revoking a token, names
 * itself by {@code client_id} alone (OAuth 2.1 §4.3.1 allows refresh tokens for public clients when they are rotated,
 * as here). Spring Authorization Server authenticates public clients only with a {@code code_verifier}; this converter
 * and provider cover the refresh and revocation requests of a client registered with method {@code none}.
 */
final class PublicClientRefresh {

    private PublicClientRefresh() {
    }

    static final AuthenticationConverter CONVERTER = PublicClientRefresh::convert;

    private static Authentication convert(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
            return null;
        }
        boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
        boolean revoke = request.getRequestURI().endsWith("/oauth2/revoke");
        if (!refresh && !revoke) {
            return null;
        }
        String[] ids = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
        if (ids == null) {
            return null;
        }
        if (ids.length != 1 || ids[0].isBlank()) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
        }
        return new OAuth2ClientAuthenticationToken(ids[0], ClientAuthenticationMethod.NONE, null, java.util.Map.of());
    }

    static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken presented = (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(presented.getClientAuthenticationMethod())
                    || presented.getCredentials() != null) {
                return null;
            }
            // a code exchange is PKCE's (PublicClientAuthenticationProvider): only refresh and revocation come here
            if (presented.getAdditionalParameters().containsKey("code_verifier")) {
                return null;
            }
            RegisteredClient client = clients.findByClientId(presented.getPrincipal().toString());
            if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
