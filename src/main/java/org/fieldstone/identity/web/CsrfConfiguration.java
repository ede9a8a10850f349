package org.fieldstone.identity.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * The dashboard's CSRF tokens: a {@code __Host-} cookie; forms and htmx carry masked copies. A bean of its
 * own (not inside the web-only filter chains) because the sign-in controller renews the token.
 */
@Configuration(proxyBeanMethods = false)
class CsrfConfiguration {

    static final String CSRF_COOKIE = "__Host-fs_csrf";

    @Bean
    CookieCsrfTokenRepository dashboardCsrfTokens() {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName(CSRF_COOKIE);
        csrfTokens.setCookiePath("/");
        csrfTokens.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Lax"));
        return csrfTokens;
    }
}
