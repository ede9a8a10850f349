package org.fieldstone.ops.monitoring;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Metrics and the management port: every request's {@code http.server.requests} carries its {@link EndpointGroup}
 * ({@code group}), and the actuator (health with details, Prometheus) is served on its own port
 * ({@code management.server.port}, bound to {@code management.server.address}, 127.0.0.1 by default), never on the
 * public one. Decision 0063.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class MonitoringConfiguration {

    @Bean
    ServerRequestObservationConvention endpointGroupConvention() {
        return new DefaultServerRequestObservationConvention() {
            @Override
            public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
                return super.getLowCardinalityKeyValues(context)
                        .and(KeyValue.of("group", EndpointGroup.of(context.getCarrier().getRequestURI()).tag()));
            }
        };
    }

    /**
     * The management port's requests (the only ones whose local port is {@code management.server.port}): the actuator
     * there is open to whoever reaches the port — loopback by default, a scraper's network when the operator binds it
     * there — and nothing else is served on it. Spring Security applies the application's filter chains to the
     * management port too, so without this chain the dashboard's would send Prometheus to a login page.
     */
    @Bean
    @Order(-10)
    SecurityFilterChain managementPort(HttpSecurity http, @Value("${management.server.port:-1}") int managementPort)
            throws Exception {
        http.securityMatcher(request -> managementPort > 0 && request.getLocalPort() == managementPort)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator", "/actuator/**").permitAll().anyRequest().denyAll())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
        return http.build();
    }
}
