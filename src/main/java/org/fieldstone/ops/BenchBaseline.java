package org.fieldstone.ops;

import java.util.Map;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * BENCHMARK ONLY — never enable it on an installation that holds real data. With
 * {@code fieldstone.bench.baseline-enabled=true} (default {@code false}), {@code GET
 * /bench/baseline/{companyId}/clients/{id}} reads one client row straight from the company database — no
 * authentication, no security filter chain, no service layer — over the same HTTPS connector, so that
 * {@code bench/run.sh} can report Fieldstone's throughput as a share of what the bare stack does. Without
 * the property neither the endpoint nor the exemption from Spring Security exists (the path then falls to
 * the dashboard chain's deny-all and answers 404).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "fieldstone.bench.baseline-enabled", havingValue = "true")
class BenchBaseline {

    static final String PATH = "/bench/baseline/{tenantId}/clients/{id}";

    /** The baseline skips the security filter chain, exactly as a bare Spring Boot endpoint would. */
    @Bean
    WebSecurityCustomizer benchBaselineIsNotSecured() {
        return web -> web.ignoring().requestMatchers("/bench/baseline/**");
    }

    /** Carries the condition itself: component scanning finds it on its own, not only through the outer class. */
    @RestController
    @ConditionalOnWebApplication
    @ConditionalOnProperty(name = "fieldstone.bench.baseline-enabled", havingValue = "true")
    static final class Endpoint {
        private final CompanyDatabases databases;
        private final FieldProtection protection;

        Endpoint(CompanyDatabases databases, FieldProtection protection) {
            this.databases = databases;
            this.protection = protection;
        }

        @GetMapping(PATH)
        ResponseEntity<Map<String, Object>> client(@PathVariable String tenantId, @PathVariable String id) {
            TenantId tenant = TenantId.parse(tenantId);
            // the name is encrypted at rest: a bare application serving it has to open it too
            return databases.of(tenant).jdbc()
                    .sql("SELECT id, name, version FROM clients WHERE id = :id").param("id", id)
                    .query((rs, i) -> Map.<String, Object>of("id", rs.getString(1),
                            "name", protection.open(tenant, "clients", "name", rs.getString(1), rs.getString(2)),
                            "version", rs.getLong(3)))
                    .optional().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
        }
    }
}
