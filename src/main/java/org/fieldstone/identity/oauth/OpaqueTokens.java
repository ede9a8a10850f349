package org.fieldstone.identity.oauth;

import java.time.Clock;
import java.time.Instant;
import org.fieldstone.tenancy.Company;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Component;

/**
 * Opaque reference tokens (decision 0053): {@code fso_<company>_<256 random bits>} for access,
 * {@code fsr_<company>_<…>} for refresh. The company part routes a presented token to its company's database, where
 * only its SHA-256 is kept; its audience is the grant's resource (RFC 8707). A token request naming another resource
 * than its grant's is refused with {@code invalid_target}.
 */
@Component
class OpaqueTokens implements OAuth2TokenGenerator<OAuth2Token> {

    static final String ACCESS_PREFIX = "fso_";
    static final String REFRESH_PREFIX = "fsr_";

    private final OAuthIssuers issuers;
    private final Clock clock;

    OpaqueTokens(OAuthIssuers issuers, Clock clock) {
        this.issuers = issuers;
        this.clock = clock;
    }

    @Override
    public OAuth2Token generate(OAuth2TokenContext context) {
        Company company = issuers.current();
        Instant now = clock.instant();
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            requireSameResource(context);
            return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                    ACCESS_PREFIX + company.id().compact() + "_" + Hashes.random(), now,
                    now.plus(context.getRegisteredClient().getTokenSettings().getAccessTokenTimeToLive()),
                    context.getAuthorizedScopes());
        }
        if (OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
            // public clients get refresh tokens too (OAuth 2.1 §4.3.1): they are rotated on every use, with reuse detection
            return new OAuth2RefreshToken(REFRESH_PREFIX + company.id().compact() + "_" + Hashes.random(), now,
                    now.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
        }
        return null;
    }

    private static void requireSameResource(OAuth2TokenContext context) {
        if (!(context.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant)
                || context.getAuthorization() == null) {
            return;
        }
        Object asked = grant.getAdditionalParameters().get(CompanyAuthorizations.RESOURCE);
        if (asked == null) {
            return;
        }
        OAuth2AuthorizationRequest request = context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName());
        Object granted = request == null ? null : request.getAdditionalParameters().get(CompanyAuthorizations.RESOURCE);
        if (!(asked instanceof String s) || !s.equals(granted)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(ResourceIndicators.INVALID_TARGET,
                    "resource is not the one this grant is for", "https://www.rfc-editor.org/rfc/rfc8707#section-2"));
        }
    }
}
