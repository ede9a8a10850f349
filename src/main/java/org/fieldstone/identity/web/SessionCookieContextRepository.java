package org.fieldstone.identity.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.fieldstone.identity.Operators;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SupportAccess;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.internal.CookieSessionContexts;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Loads the signed-in user of a dashboard request from the session cookie and the company database.
 * A session counts only under its own company's URLs ({@code /c/<slug>/…}): at another company's address
 * the request is anonymous. Without a dashboard session, a platform operator's session counts inside the one company
 * the operator entered, while its owner's support grant to them is in force ({@link SupportAccess#resolve}). Nothing is kept in an HTTP session; saving is a no-op because sessions are
 * opened explicitly at login.
 */
final class SessionCookieContextRepository extends CookieSessionContexts {

    private final Sessions sessions;
    private final SupportAccess support;

    SessionCookieContextRepository(Sessions sessions, SupportAccess support) {
        this.sessions = sessions;
        this.support = support;
    }

    @Override
    protected SecurityContext load(HttpServletRequest request) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        String slug = CompanyPaths.slug(request);
        if (slug == null) {
            return context;
        }
        String ip = request.getRemoteAddr();
        String userAgent = request.getHeader("User-Agent");
        Optional<SignedIn> user = cookie(request, Sessions.COOKIE).flatMap(c -> sessions.resolve(c, slug, ip, userAgent));
        // a platform operator counts here only inside the company they entered, under a grant in force now
        if (user.isEmpty()) {
            user = cookie(request, Operators.COOKIE).flatMap(c -> support.resolve(c, slug, ip, userAgent));
        }
        user.ifPresent(u -> context.setAuthentication(authentication(u)));
        return context;
    }

    static PreAuthenticatedAuthenticationToken authentication(SignedIn user) {
        return new PreAuthenticatedAuthenticationToken(user, null,
                org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_" + user.role().name()));
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return cookie(request, Sessions.COOKIE).isPresent() || cookie(request, Operators.COOKIE).isPresent();
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
