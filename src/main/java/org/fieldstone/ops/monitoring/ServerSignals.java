package org.fieldstone.ops.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.File;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * The server's own signals, as Micrometer gauges and as the alert rules' {@link Readings}: free space of the data
 * directory's volume, the TLS certificate's expiry, open company pools; and what other modules and the backup job
 * report into the registry (backup age, drill, audit verification failures, failed sign-ins, requests and errors).
 */
@Component
class ServerSignals {

    static final String TLS_BUNDLE = "fieldstone";

    private final MeterRegistry meters;
    private final Clock clock;
    private final File dataDir;
    private final ObjectProvider<SslBundles> bundles;
    private volatile Instant certificateNotAfter;
    private volatile long certificateReadAt;

    ServerSignals(MeterRegistry meters, Clock clock, CompanyDatabases databases, ObjectProvider<SslBundles> bundles,
                  @Value("${fieldstone.data-dir:data}") String dataDir) {
        this.meters = meters;
        this.clock = clock;
        this.bundles = bundles;
        this.dataDir = Path.of(dataDir).toAbsolutePath().toFile();
        Gauge.builder("fieldstone.disk.free.ratio", this, s -> s.diskFreeRatio() == null ? Double.NaN : s.diskFreeRatio())
                .description("Free share (0-1) of the data directory's volume").register(meters);
        Gauge.builder("fieldstone.tls.certificate.expiry", this, s -> {
                    Instant notAfter = s.certificateNotAfter();
                    return notAfter == null ? Double.NaN : notAfter.getEpochSecond() - s.clock.instant().getEpochSecond();
                }).baseUnit("seconds").description("Seconds until the server's TLS certificate expires").register(meters);
        Gauge.builder("fieldstone.company.pools.open", databases, CompanyDatabases::openPools)
                .description("Company database pools open on this node").register(meters);
        // registered here too, so the series exists (at 0) before the first failure
        Counter.builder("fieldstone.audit.verification.failures").register(meters);
    }

    Double diskFreeRatio() {
        long total = dataDir.getTotalSpace();
        return total <= 0 ? null : (double) dataDir.getUsableSpace() / total;
    }

    File dataDir() {
        return dataDir;
    }

    /** When the HTTPS connector's certificate (the earliest of its chain's leaf certificates) expires; read once a minute. */
    Instant certificateNotAfter() {
        long now = System.nanoTime();
        if (certificateReadAt == 0 || now - certificateReadAt > 60_000_000_000L) {
            certificateNotAfter = readCertificate();
            certificateReadAt = now;
        }
        return certificateNotAfter;
    }

    private Instant readCertificate() {
        SslBundles all = bundles.getIfAvailable();
        if (all == null || !all.getBundleNames().contains(TLS_BUNDLE)) {
            return null;
        }
        try {
            KeyStore store = all.getBundle(TLS_BUNDLE).getStores().getKeyStore();
            Instant earliest = null;
            for (String alias : Collections.list(store.aliases())) {
                Certificate c = store.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    Instant notAfter = x.getNotAfter().toInstant();
                    earliest = earliest == null || notAfter.isBefore(earliest) ? notAfter : earliest;
                }
            }
            return earliest;
        } catch (KeyStoreException | RuntimeException e) {
            return null;
        }
    }

    Double gauge(String name) {
        Gauge g = meters.find(name).gauge();
        if (g == null) {
            return null;
        }
        double v = g.value();
        return Double.isNaN(v) ? null : v;
    }

    /** The readings the alert rules look at, now. */
    Readings read() {
        long requests = 0;
        long errors = 0;
        for (Timer t : meters.find("http.server.requests").timers()) {
            requests += t.count();
            if ("SERVER_ERROR".equals(t.getId().getTag("outcome"))) {
                errors += t.count();
            }
        }
        Map<String, Long> failures = new HashMap<>();
        for (Counter c : meters.find("fieldstone.login.failures").counters()) {
            String company = c.getId().getTag("company");
            if (company != null) {
                failures.merge(company, (long) c.count(), Long::sum);
            }
        }
        Counter audit = meters.find("fieldstone.audit.verification.failures").counter();
        Double outbox = gauge("fieldstone.outbox.backlog");
        Double scan = gauge("fieldstone.files.scan.backlog");
        return new Readings(clock.instant(), gauge("fieldstone.backup.age.max"), gauge("fieldstone.backup.drill.failed"),
                diskFreeRatio(), certificateNotAfter(), requests, errors,
                outbox == null ? null : outbox.longValue(), scan == null ? null : scan.longValue(),
                audit == null ? null : (long) audit.count(), failures);
    }
}
