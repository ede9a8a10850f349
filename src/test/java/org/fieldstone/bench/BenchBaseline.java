package org.fieldstone.bench;

import java.util.Map;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * BENCHMARK ONLY, never in the production jar (decision 0020). {@code GET /bench/baseline/{companyId}/clients/{id}}
 * reads one client row straight from the company database — no authentication, no security filter chain, no
 * service layer — over the same HTTPS connector, so that {@code bench/run.sh} can report Fieldstone's throughput
 * as a share of what the bare stack does.
 *
 * <p>It exists only where it is imported: the bench jar lists it in its
 * {@code META-INF/spring/…AutoConfiguration.imports} (from {@code bench/resources/}), and {@code BenchBaselineTests}
 * imports it by name. It is an auto-configuration that is its own controller because Spring Boot's component scan
 * skips auto-configuration classes: the scan of {@code org.fieldstone} reaches this package wherever the test
 * classes or the bench jar are on the class path, and a separate {@code @RestController} class would be picked up
 * by every test application on its own.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@RestController
public class BenchBaseline {

    static final String PATH = "/bench/baseline/{tenantId}/clients/{id}";

    private final CompanyDatabases databases;
    private final FieldProtection protection;

    BenchBaseline(CompanyDatabases databases, FieldProtection protection) {
        this.databases = databases;
        this.protection = protection;
    }

    /** The baseline skips the security filter chain, exactly as a bare Spring Boot endpoint would. */
    @Bean
    static WebSecurityCustomizer benchBaselineIsNotSecured() {
        return web -> web.ignoring().requestMatchers("/bench/baseline/**");
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
