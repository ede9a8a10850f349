package org.fieldstone.identity.web;

import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.OAuthTokens;
import org.fieldstone.identity.Operators;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SupportAccess;
import org.fieldstone.shared.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Filter chains. {@code /webhooks/**}: signed by the sending service. {@code /api/**}: stateless, Bearer API keys,
 * problem+json for 401/403. {@code /operator/**}: the platform operators' pages, with their own session cookie.
 * Everything else: the dashboard, with its session cookie (or an operator's, only inside a company under its owner's
 * support grant), CSRF tokens on every state-changing request, and a redirect to the company's login page when not
 * signed in. All send the same security headers (SPEC §3.7).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    /** The policy sent with every page: {@link #CSP}, with the map's tile server among the image sources when set. */
    private final String csp;

    SecurityConfiguration(@Value("${fieldstone.map.tile-url:}") String tileUrl,
                          @Value("${fieldstone.payments.checkout-origin:https://checkout.stripe.com}") String checkoutOrigin) {
        this.csp = withCheckout(contentSecurityPolicy(tileUrl), checkoutOrigin);
    }

    /**
     * The policy with the card payments' hosted checkout page among the form targets: the customer portal's Pay button
     * posts to Fieldstone, which answers with a redirect to Stripe Checkout, and browsers hold a form's redirects to
     * {@code form-action} too. Only that one origin ({@code fieldstone.payments.checkout-origin}, Stripe's by default;
     * blank: none) is added.
     */
    static String withCheckout(String policy, String checkoutOrigin) {
        return checkoutOrigin == null || checkoutOrigin.isBlank() ? policy
                : policy.replace("form-action 'self';", "form-action 'self' " + TileOrigin.of(checkoutOrigin) + ";");
    }

    /**
     * {@link #CSP}, its {@code img-src} extended by exactly the origin of the operator's map tile server
     * ({@code fieldstone.map.tile-url}) when one is configured; without one, no page may load an image from anywhere
     * but this server (docs/security.md).
     */
    static String contentSecurityPolicy(String tileUrl) {
        return tileUrl == null || tileUrl.isBlank() ? CSP
                : CSP.replace("img-src 'self' data:;", "img-src 'self' data: " + TileOrigin.of(tileUrl) + ";");
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization: nothing consumes
     * those spans, and they cost about a tenth of an API request's CPU (bench/, docs/performance.md). Requests
     * are still measured as a whole ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Webhooks of outside services ({@code /webhooks/stripe/<slug>}): public and without CSRF tokens or sessions — the
     * service signs each request, and the controller verifies the signature before it reads anything (docs/security.md).
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.requestCache(new NullRequestCache()))
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/webhooks/stripe/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/webhooks/telegram/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/webhooks/twilio/*").permitAll()
                        .anyRequest().denyAll())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(Customizer.withDefaults())
                .headers(this::headers);
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys apiKeys, OAuthTokens oauthTokens, MessageSource messages) throws Exception {
        ProblemResponses problems = new ProblemResponses(messages);
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.requestCache(new NullRequestCache()))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, oauthTokens, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.unauthorized(req, res,
                                Message.of("identity.refused.api-unauthenticated")))
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res, HttpStatus.FORBIDDEN,
                                Message.of("identity.refused.api-role"))))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .headers(this::headers);
        return http.build();
    }

    /**
     * The platform operators' pages ({@code /operator/…}): their own session cookie ({@link Operators#COOKIE}), CSRF
     * tokens, a redirect to their sign-in page. A company's dashboard session counts for nothing here.
     */
    @Bean
    @Order(2)
    SecurityFilterChain operator(HttpSecurity http, Operators operators, CookieCsrfTokenRepository csrfTokens) throws Exception {
        http.securityMatcher("/operator", "/operator/**")
                .securityContext(c -> c.securityContextRepository(new OperatorContextRepository(operators)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(r -> r.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .authorizeHttpRequests(a -> a.requestMatchers("/operator/sign-in").permitAll()
                        .anyRequest().hasRole(OperatorContextRepository.ROLE))
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> res.sendRedirect("/operator/sign-in")))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(Customizer.withDefaults())
                .headers(this::headers);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain dashboard(HttpSecurity http, Sessions sessions, SupportAccess support,
                                  CookieCsrfTokenRepository csrfTokens) throws Exception {
        http.securityContext(c -> c.securityContextRepository(new SessionCookieContextRepository(sessions, support)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(r -> r.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/error", "/error/**", "/favicon.ico", "/css/**", "/js/**", "/webjars/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/c/*/login", "/c/*/login/mfa", "/c/*/login/mfa/enrol", "/c/*/invite/*").permitAll()
                        // private calendar feeds: the secret token in the path is the credential (docs/security.md)
                        .requestMatchers(HttpMethod.GET, "/c/*/calendar/*").permitAll()
                        // the customer portal: its share link or portal session is the credential, checked by the
                        // portal itself (docs/security.md); its forms carry CSRF tokens like every other
                        .requestMatchers("/p/**").permitAll()
                        // the public status page, its feeds and subscriptions, security.txt, the disclosure policy
                        .requestMatchers("/status", "/status.json", "/status.atom", "/status/subscribe", "/status/confirm",
                                "/status/unsubscribe", "/.well-known/security.txt", "/security/disclosure").permitAll()
                        .requestMatchers("/c/*", "/c/*/**").authenticated()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
                    String slug = CompanyPaths.slug(req);
                    if (slug == null) {
                        res.sendError(HttpStatus.NOT_FOUND.value());
                    } else if ("true".equals(req.getHeader("HX-Request"))) {
                        res.setHeader("HX-Redirect", "/c/" + slug + "/login");
                        res.setStatus(HttpStatus.UNAUTHORIZED.value());
                    } else {
                        res.sendRedirect("/c/" + slug + "/login");
                    }
                }))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(Customizer.withDefaults())
                .headers(this::headers);
        return http.build();
    }

    private void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(c -> c.policyDirectives(csp))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(f -> f.deny())
                .httpStrictTransportSecurity(h -> h.maxAgeInSeconds(31_536_000).includeSubDomains(true))
                .contentTypeOptions(Customizer.withDefaults());
    }
}
