package org.fieldstone.identity.oauth;

import java.util.List;
import java.util.Optional;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.stereotype.Component;

/**
 * Each active company is its own issuer, {@code <fieldstone.public-url>/c/<slug>} — built from the configured public
 * address, never from a request's Host header. The resources a token may be for (RFC 8707) are the company's MCP
 * endpoint and the REST API.
 */
@Component
class OAuthIssuers {

    private final Companies companies;
    private final String publicUrl;

    OAuthIssuers(Companies companies, @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl) {
        this.companies = companies;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    String issuer(String slug) {
        return publicUrl + "/c/" + slug;
    }

    String restApi() {
        return publicUrl + "/api/v1";
    }

    String mcp(String slug) {
        return issuer(slug) + "/mcp";
    }

    List<String> resources(String slug) {
        return List.of(restApi(), mcp(slug));
    }

    Optional<Company> active(String slug) {
        return companies.findBySlug(slug).filter(Company::isActive);
    }

    /** The company of the issuer the current authorization server request is for (set by {@link CompanyIssuerFilter}). */
    Company current() {
        AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
        String prefix = publicUrl + "/c/";
        if (context == null || context.getIssuer() == null || !context.getIssuer().startsWith(prefix)) {
            throw new OAuth2AuthenticationException(new OAuth2Error("server_error", "no issuer", null));
        }
        return active(context.getIssuer().substring(prefix.length()))
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("invalid_request", "unknown issuer", null)));
    }
}
