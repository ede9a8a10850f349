package org.fieldstone.identity.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.internal.CookieSessionContexts;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Loads the signed-in user of a dashboard request from the session cookie and the company database.
 * A session counts only under its own company's URLs ({@code /c/<slug>/…}): at another company's address
 * the request is anonymous. Nothing is kept in an HTTP session; saving is a no-op because sessions are
 * opened explicitly at login.
 */
final class SessionCookieContextRepository extends CookieSessionContexts {

    private final Sessions sessions;

    SessionCookieContextRepository(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected SecurityContext load(HttpServletRequest request) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        String slug = CompanyPaths.slug(request);
        Optional<String> cookie = cookie(request, Sessions.COOKIE);
        if (slug == null || cookie.isEmpty()) {
            return context;
        }
        sessions.resolve(cookie.get(), slug, request.getRemoteAddr(), request.getHeader("User-Agent"))
                .ifPresent(user -> context.setAuthentication(authentication(user)));
        return context;
    }

    static PreAuthenticatedAuthenticationToken authentication(SignedIn user) {
        return new PreAuthenticatedAuthenticationToken(user, null,
                org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_" + user.role().name()));
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return cookie(request, Sessions.COOKIE).isPresent();
    }

    static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName())) {
                return Optional.ofNullable(c.getValue());
            }
        }
        return Optional.empty();
    }
}
