package org.fieldstone.identity.oauth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serial;
import java.util.function.Supplier;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SignedIn;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The resource owner of an authorization request is the dashboard's signed-in user (a full session: password and,
 * where it applies, the second step), of the issuer's company only: the session cookie counts under its own company's
 * path. Nothing is saved: sessions are opened at sign-in.
 */
final class OAuthSessionContext implements SecurityContextRepository {

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
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        Supplier<SecurityContext> loader = () -> load(request);
        return new DeferredSecurityContext() {
            private SecurityContext loaded;

            @Override
            public SecurityContext get() {
                if (loaded == null) {
                    loaded = loader.get();
                }
                return loaded;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return load(holder.getRequest());
    }

    private SecurityContext load(HttpServletRequest request) {
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
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return false;
    }
}
