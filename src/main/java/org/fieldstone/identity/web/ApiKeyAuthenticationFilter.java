package org.fieldstone.identity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.OAuthTokens;
import org.fieldstone.shared.Message;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <API key>} or {@code Bearer <OAuth access token>} ({@code fso_…}, whose audience must be
 * the REST API; its scopes narrow the user's role). A presented key that is unknown, revoked, expired, or whose user
 * or company is no longer active answers 401 at once; a request without one goes on anonymous (and is
 * refused by the authorization rules).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys apiKeys;
    private final OAuthTokens oauthTokens;
    private final ProblemResponses problems;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, OAuthTokens oauthTokens, ProblemResponses problems) {
        this.apiKeys = apiKeys;
        this.oauthTokens = oauthTokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            problems.unauthorized(request, response, Message.of("identity.refused.api-bearer"));
            return;
        }
        String bearer = header.substring(7).strip();
        var signedIn = bearer.startsWith(OAuthTokens.ACCESS_TOKEN_PREFIX)
                ? oauthTokens.authenticate(bearer, oauthTokens.restApiResource(), request.getRemoteAddr(), request.getHeader("User-Agent"))
                : apiKeys.authenticate(bearer, request.getRemoteAddr(), request.getHeader("User-Agent"));
        if (signedIn.isEmpty()) {
            problems.unauthorized(request, response, Message.of("identity.refused.api-key"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SessionCookieContextRepository.authentication(signedIn.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
