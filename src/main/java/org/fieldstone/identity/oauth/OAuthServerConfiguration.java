package org.fieldstone.identity.oauth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.web.AfterSignIn;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.util.HtmlUtils;
import org.springframework.context.MessageSource;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The OAuth 2.1 authorization server (Spring Authorization Server; decision 0053): one issuer per company,
 * {@code <public-url>/c/<slug>}, with its metadata at {@code /.well-known/oauth-authorization-server/c/<slug>} and its
 * endpoints at {@code /c/<slug>/oauth2/authorize|token|revoke}. Authorization code with PKCE S256 and refresh tokens
 * only; no OpenID Connect, no introspection endpoint (tokens are checked locally), no dynamic registration. Its own
 * filter chain, before the dashboard's, whose signed-in user is the resource owner.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OAuthServerConfiguration {

    static final String HEADERS_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Bean
    @Order(-1)
    SecurityFilterChain oauthServer(HttpSecurity http, OAuthIssuers issuers, CompanyClients clients,
                                    CompanyAuthorizations authorizations, CompanyConsents consents, OpaqueTokens tokens,
                                    Sessions sessions, ClientMetadataDocuments documents, MessageSource messages) throws Exception {
        AuthorizationServerSettings settings = AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new AndRequestMatcher(server.getEndpointsMatcher(),
                        new OrRequestMatcher(paths.matcher("/c/*/oauth2/**"), paths.matcher("/.well-known/oauth-authorization-server/**"))))
                .with(server, as -> as
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .authorizationConsentService(consents)
                        .authorizationServerSettings(settings)
                        .tokenGenerator(tokens)
                        .clientAuthentication(c -> c
                                .authenticationConverter(PublicClientRefresh.CONVERTER)
                                .authenticationProvider(new PublicClientRefresh.Provider(clients))
                                .authenticationProviders(providers -> providers.forEach(p -> {
                                    if (p instanceof ClientSecretAuthenticationProvider secrets) {
                                        secrets.setPasswordEncoder(Hashes.SECRETS);
                                    }
                                })))
                        .authorizationEndpoint(e -> e
                                .consentPage(CompanyIssuerFilter.CONSENT)
                                .authenticationProviders(providers -> providers.forEach(p -> {
                                    if (p instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
                                        requests.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                                .andThen(new ResourceIndicators(issuers)));
                                    }
                                }))
                                .authorizationResponseHandler(withIssuer())
                                .errorResponseHandler(errorWithIssuer(documents, messages)))
                        .authorizationServerMetadataEndpoint(m -> m.authorizationServerMetadataCustomizer(meta -> meta
                                .grantTypes(g -> {
                                    g.clear();
                                    g.addAll(List.of("authorization_code", "refresh_token"));
                                })
                                .responseTypes(r -> {
                                    r.clear();
                                    r.add("code");
                                })
                                .claims(claims -> {
                                    claims.remove("introspection_endpoint");
                                    claims.remove("introspection_endpoint_auth_methods_supported");
                                    claims.remove("jwks_uri");
                                    claims.remove("device_authorization_endpoint");
                                    claims.remove("pushed_authorization_request_endpoint");
                                    claims.remove("require_pushed_authorization_requests");
                                    claims.remove("dpop_signing_alg_values_supported");
                                    claims.remove("tls_client_certificate_bound_access_tokens");
                                    claims.put("authorization_response_iss_parameter_supported", true);
                                    claims.put("client_id_metadata_document_supported", true);
                                })
                                .tokenEndpointAuthenticationMethods(t -> {
                                    t.clear();
                                    t.addAll(List.of("client_secret_basic", "client_secret_post", "none"));
                                })
                                .scopes(s -> {
                                    s.clear();
                                    for (org.fieldstone.shared.Permission p : org.fieldstone.shared.Permission.values()) {
                                        s.add(p.code());
                                    }
                                }))))
                .addFilterBefore(new CompanyIssuerFilter(issuers, settings), CsrfFilter.class)
                .securityContext(c -> c.securityContextRepository(new OAuthSessionContext(sessions)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(r -> r.requestCache(new NullRequestCache()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    String slug = CompanyIssuerFilter.slug(request);
                    if (slug == null || !request.getRequestURI().endsWith("/oauth2/authorize")) {
                        response.sendError(HttpStatus.UNAUTHORIZED.value());
                        return;
                    }
                    // sign in first (and the second step), then back to this request
                    AfterSignIn.remember(request, response);
                    response.sendRedirect("/c/" + slug + "/login");
                }))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(Customizer.withDefaults())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(HEADERS_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny())
                        .httpStrictTransportSecurity(s -> s.maxAgeInSeconds(31_536_000).includeSubDomains(true))
                        .contentTypeOptions(Customizer.withDefaults()));
        return http.build();
    }

    /** The code goes back to the client with {@code iss} (RFC 9207), so a client talking to several issuers can tell. */
    private static AuthenticationSuccessHandler withIssuer() {
        return (request, response, authentication) -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
                    .queryParam("code", result.getAuthorizationCode().getTokenValue());
            if (StringUtils.hasText(result.getState())) {
                uri.queryParam("state", UriUtils.encode(result.getState(), StandardCharsets.UTF_8));
            }
            uri.queryParam("iss", UriUtils.encode(AuthorizationServerContextHolder.getContext().getIssuer(), StandardCharsets.UTF_8));
            response.sendRedirect(uri.build(true).toUriString());
        };
    }

    /**
     * Errors go back to the client's registered redirect URI with {@code iss}; without a valid one, a plain 400 — or,
     * when the client names itself by a metadata document that could not be read, a page saying so (never a redirect
     * to a URI nobody vouched for).
     */
    private static AuthenticationFailureHandler errorWithIssuer(ClientMetadataDocuments documents, MessageSource messages) {
        return (request, response, exception) -> {
            String clientId = request.getParameter("client_id");
            if (ClientMetadataDocuments.isUrl(clientId)
                    && documents.cached(clientId).map(r -> r.document().isEmpty()).orElse(true)) {
                String host = ClientMetadataDocuments.hostOf(clientId);
                String text = messages.getMessage("oauth.client-metadata.unreadable",
                        new Object[] {host == null ? "?" : host}, request.getLocale());
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("<!DOCTYPE html><html><head><title>" + HtmlUtils.htmlEscape(text)
                        + "</title></head><body><main><h1>" + HtmlUtils.htmlEscape(text) + "</h1></main></body></html>");
                return;
            }
            OAuth2AuthorizationCodeRequestAuthenticationToken result =
                    exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e ? e.getAuthorizationCodeRequestAuthentication() : null;
            OAuth2Error error = exception instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException e
                    ? e.getError() : new OAuth2Error("invalid_request");
            if (result == null || !StringUtils.hasText(result.getRedirectUri())) {
                response.sendError(HttpStatus.BAD_REQUEST.value(), error.getErrorCode());
                return;
            }
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
                    .queryParam("error", error.getErrorCode());
            if (StringUtils.hasText(error.getDescription())) {
                uri.queryParam("error_description", UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
            }
            if (StringUtils.hasText(result.getState())) {
                uri.queryParam("state", UriUtils.encode(result.getState(), StandardCharsets.UTF_8));
            }
            uri.queryParam("iss", UriUtils.encode(AuthorizationServerContextHolder.getContext().getIssuer(), StandardCharsets.UTF_8));
            response.sendRedirect(uri.build(true).toUriString());
        };
    }

}
