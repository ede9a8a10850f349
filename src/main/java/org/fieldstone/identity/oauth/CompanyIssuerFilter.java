package org.fieldstone.identity.oauth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.tenancy.Company;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the issuer of an authorization server request from its company's path, {@code /c/<slug>/oauth2/…} or
 * {@code /.well-known/oauth-authorization-server/c/<slug>}: an unknown or inactive company answers 404 before
 * Spring Authorization Server sees the request, and the issuer is {@code <public-url>/c/<slug>}, not what the Host
 * header says. Also sends the consent redirect to the company's own consent page ({@code /c/<slug>/oauth2/consent}).
 */
final class CompanyIssuerFilter extends OncePerRequestFilter {

    static final Pattern ENDPOINT = Pattern.compile("^/c/([a-z0-9-]{1,40})/oauth2/(authorize|token|revoke)$");
    static final Pattern METADATA = Pattern.compile("^/\\.well-known/oauth-authorization-server/c/([a-z0-9-]{1,40})$");
    static final String CONSENT = "/oauth2/consent";

    private final OAuthIssuers issuers;
    private final AuthorizationServerSettings settings;

    CompanyIssuerFilter(OAuthIssuers issuers, AuthorizationServerSettings settings) {
        this.issuers = issuers;
        this.settings = settings;
    }

    static String slug(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher m = ENDPOINT.matcher(path);
        if (m.matches()) {
            return m.group(1);
        }
        m = METADATA.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String slug = slug(request);
        Optional<Company> company = slug == null ? Optional.empty() : issuers.active(slug);
        if (company.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String issuer = issuers.issuer(company.get().slug());
        AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
            @Override
            public String getIssuer() {
                return issuer;
            }

            @Override
            public AuthorizationServerSettings getAuthorizationServerSettings() {
                return settings;
            }
        });
        try {
            chain.doFilter(request, new ConsentRedirects(response, issuer));
        } finally {
            AuthorizationServerContextHolder.resetContext();
        }
    }

    /** Spring Authorization Server's consent redirect names one path for all issuers: this puts the company in it. */
    private static final class ConsentRedirects extends HttpServletResponseWrapper {

        private final String issuer;

        ConsentRedirects(HttpServletResponse response, String issuer) {
            super(response);
            this.issuer = issuer;
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            URI uri = URI.create(location);
            if (CONSENT.equals(uri.getRawPath()) && (uri.getHost() == null || !location.startsWith(issuer))) {
                super.sendRedirect(issuer + CONSENT + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                return;
            }
            super.sendRedirect(location);
        }
    }
}
