package org.fieldstone.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * A security context read from the session cookie, never saved (sessions are opened at sign-in): read only when
 * something asks for it, and then once per request; it counts as generated (nobody signed in) when it holds no
 * authentication. The dashboard's and the authorization endpoint's repositories say which requests a cookie counts for
 * and how its user is shown to Spring Security ({@link #load}).
 */
public abstract class CookieSessionContexts implements SecurityContextRepository {

    /** The request's context: its signed-in user, or an empty context. */
    protected abstract SecurityContext load(HttpServletRequest request);

    @Override
    public final DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {
            private SecurityContext loaded;

            @Override
            public SecurityContext get() {
                if (loaded == null) {
                    loaded = load(request);
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
    public final SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return load(holder.getRequest());
    }

    @Override
    public final void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    }
}
