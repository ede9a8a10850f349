package org.fieldstone.assistant.mcp;

import org.fieldstone.assistant.Tools;
import org.fieldstone.shared.Message;
import org.fieldstone.tenancy.Companies;
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
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The MCP endpoints' own filter chain, ahead of the dashboard's (which would answer with a login redirect): stateless,
 * no session cookie, no CSRF token (a bearer credential in a header is no ambient authority), the credential checked by
 * {@link McpAuthenticationFilter}, refusals as problem+json, the security headers of every other answer.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class McpSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain mcp(HttpSecurity http, Companies companies, McpCredentials credentials, Tools tools,
                            MessageSource messages,
                            @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl)
            throws Exception {
        McpProblems problems = new McpProblems(messages);
        http.securityMatcher("/c/*/mcp", "/.well-known/oauth-protected-resource/c/*/mcp")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.requestCache(new NullRequestCache()))
                .addFilterBefore(new McpAuthenticationFilter(companies, credentials, tools, problems, publicUrl),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/.well-known/oauth-protected-resource/c/*/mcp").permitAll()
                        .requestMatchers("/c/*/mcp").authenticated()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(req, res, HttpStatus.UNAUTHORIZED,
                                "Bearer", Message.of("assistant.mcp.refused.unauthenticated")))
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res, HttpStatus.FORBIDDEN, null,
                                Message.of("identity.refused.api-role"))))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(Customizer.withDefaults())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny())
                        .httpStrictTransportSecurity(s -> s.maxAgeInSeconds(31_536_000).includeSubDomains(true))
                        .contentTypeOptions(Customizer.withDefaults()));
        return http.build();
    }
}
