package org.fieldstone.identity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.shared.Message;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <API key>}. A presented key that is unknown, revoked, expired, or whose user
 * or company is no longer active answers 401 at once; a request without one goes on anonymous (and is
 * refused by the authorization rules).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys apiKeys;
    private final ProblemResponses problems;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, ProblemResponses problems) {
        this.apiKeys = apiKeys;
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
        var signedIn = apiKeys.authenticate(header.substring(7).strip(), request.getRemoteAddr(), request.getHeader("User-Agent"));
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
