package org.fieldstone.identity.oauth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serial;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.internal.CookieSessionContexts;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * The resource owner of an authorization request is the dashboard's signed-in user (a full session: password and,
 * where it applies, the second step), of the issuer's company only: the session cookie counts under its own company's
 * path. Nothing is saved: sessions are opened at sign-in.
 */
final class OAuthSessionContext extends CookieSessionContexts {

    private final Sessions sessions;

    OAuthSessionContext(Sessions sessions) {
        this.sessions = sessions;
    }

    /** A user as Spring Authorization Server sees them: named by their user id. */
    static final class ResourceOwner extends PreAuthenticatedAuthenticationToken {
        @Serial
        private static final long serialVersionUID = 1L;

        ResourceOwner(SignedIn user) {
            super(user, null, AuthorityUtils.createAuthorityList("ROLE_" + user.role().name()));
        }

        @Override
        public String getName() {
            return ((SignedIn) getPrincipal()).userId().toString();
        }
    }

    @Override
    protected SecurityContext load(HttpServletRequest request) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        var m = CompanyIssuerFilter.ENDPOINT.matcher(path);
        if (!m.matches() || !"authorize".equals(m.group(2)) || request.getCookies() == null) {
            return context;
        }
        for (Cookie c : request.getCookies()) {
            if (Sessions.COOKIE.equals(c.getName()) && c.getValue() != null) {
                sessions.resolve(c.getValue(), m.group(1), request.getRemoteAddr(), request.getHeader("User-Agent"))
                        .ifPresent(user -> context.setAuthentication(new ResourceOwner(user)));
            }
        }
        return context;
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return false;
    }
}
