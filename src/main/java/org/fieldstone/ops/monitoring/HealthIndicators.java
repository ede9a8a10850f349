package org.fieldstone.ops.monitoring;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.ControlPlane;
import org.fieldstone.tenancy.SecretStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicators of the {@code readiness} group (application.properties). DOWN takes the node out of the load
 * balancer (control plane, company databases, secret store); {@link #DEGRADED} says something needs the operator
 * while the node still serves (clamd, backup age, disk, certificate) and answers 200. Checks that reach another
 * server are cached for {@code fieldstone.monitoring.health-cache} (30 s), so a probe every few seconds costs little.
 */
@Configuration(proxyBeanMethods = false)
class HealthIndicators {

    /** Serving, but the operator has something to do (application.properties maps it to 200). */
    static final Status DEGRADED = new Status("DEGRADED");

    private final Duration cacheFor;

    HealthIndicators(@Value("${fieldstone.monitoring.health-cache:PT30S}") Duration cacheFor) {
        this.cacheFor = cacheFor;
    }

    @Bean
    HealthIndicator controlPlaneHealthIndicator(ControlPlane controlPlane) {
        return cached(() -> {
            Integer one = controlPlane.jdbc().sql("SELECT 1").query(Integer.class).single();
            return one == 1 ? Health.up().build() : Health.down().build();
        });
    }

    /**
     * A sample of two companies whose databases are open on this node (never all, and never opening a cold one: a
     * probe must not warm pools or queue behind a cold start): they answer a query.
     */
    @Bean
    HealthIndicator companyDatabasesHealthIndicator(CompanyDatabases databases) {
        return cached(() -> {
            List<TenantId> open = new ArrayList<>(databases.openTenants());
            Collections.shuffle(open);
            List<TenantId> sample = open.subList(0, Math.min(2, open.size()));
            for (TenantId tenant : sample) {
                databases.of(tenant).jdbc().sql("SELECT 1").query(Integer.class).single();
            }
            return Health.up().withDetail("sampled", sample.size()).build();
        });
    }

    /** clamd answers {@code PING}: uploads wait in quarantine while it does not (fail closed), so only DEGRADED. */
    @Bean
    HealthIndicator clamdHealthIndicator(@Value("${fieldstone.files.clamd-address:127.0.0.1:3310}") String address) {
        return cached(() -> {
            int colon = address.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 1000);
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readNBytes(5), StandardCharsets.US_ASCII);
                return answer.startsWith("PONG") ? Health.up().build() : Health.status(DEGRADED).build();
            } catch (Exception e) {
                return Health.status(DEGRADED).withDetail("clamd", "not answering").build();
            }
        });
    }

    /** The newest backup of every company is at most 12 h old (the backup job's gauge; UP while none is reported). */
    @Bean
    HealthIndicator backupAgeHealthIndicator(ServerSignals signals,
                                    @Value("${fieldstone.alerts.backup-max-age:PT12H}") Duration maxAge) {
        return () -> {
            Double age = signals.gauge("fieldstone.backup.age.max");
            if (age == null) {
                return Health.up().withDetail("backups", "not reported").build();
            }
            return age > maxAge.toSeconds() ? Health.status(DEGRADED).withDetail("ageSeconds", age.longValue()).build()
                    : Health.up().withDetail("ageSeconds", age.longValue()).build();
        };
    }

    @Bean
    HealthIndicator diskFreeHealthIndicator(ServerSignals signals, @Value("${fieldstone.alerts.disk-free-min:0.10}") double min) {
        return () -> {
            Double free = signals.diskFreeRatio();
            if (free == null) {
                return Health.unknown().build();
            }
            return (free < min ? Health.status(DEGRADED) : Health.up()).withDetail("freeRatio", free).build();
        };
    }

    @Bean
    HealthIndicator certificateHealthIndicator(ServerSignals signals, Clock clock,
                                      @Value("${fieldstone.alerts.certificate-min-valid:P14D}") Duration minValid) {
        return () -> {
            Instant notAfter = signals.certificateNotAfter();
            if (notAfter == null) {
                return Health.unknown().build();
            }
            return (Duration.between(clock.instant(), notAfter).compareTo(minValid) < 0 ? Health.status(DEGRADED) : Health.up())
                    .withDetail("notAfter", notAfter.toString()).build();
        };
    }

    /** The platform's secrets open under the platform key (one is revealed; none set is fine). */
    @Bean
    HealthIndicator secretStoreHealthIndicator(SecretStore secrets) {
        return cached(() -> {
            List<SecretStore.Secret> platform = secrets.listPlatform();
            if (!platform.isEmpty()) {
                secrets.revealPlatform(platform.get(0).name()).orElseThrow();
            }
            return Health.up().withDetail("platformSecrets", platform.size()).build();
        });
    }

    private HealthIndicator cached(Supplier<Health> check) {
        return new HealthIndicator() {
            private volatile Health last;
            private volatile long checkedAt;

            @Override
            public Health health() {
                long now = System.nanoTime();
                Health h = last;
                if (h == null || now - checkedAt > cacheFor.toNanos()) {
                    try {
                        h = check.get();
                    } catch (RuntimeException e) {
                        h = Health.down().withDetail("error", e.getClass().getSimpleName()).build();
                    }
                    last = h;
                    checkedAt = now;
                }
                return h;
            }
        };
    }
}
