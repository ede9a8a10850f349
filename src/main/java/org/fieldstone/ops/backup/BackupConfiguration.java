package org.fieldstone.ops.backup;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
class BackupConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BackupConfiguration.class);

    @Bean
    Backups backups(BackupProperties properties, @Value("${fieldstone.data-dir:data}") Path dataDir, Companies companies,
                    CompanyDatabases databases, CompanySnapshots snapshots, KeyRing keys, AuditTrail audit, Clock clock,
                    ObjectProvider<MeterRegistry> meters) {
        Path dir = location(properties.dir(), dataDir);
        var keep = properties.keep();
        return new Backups(dir, companies, databases, snapshots, keys, audit, clock,
                new Retention(keep.hourly(), keep.daily(), keep.monthly()), meters.getIfAvailable());
    }

    /**
     * The backup location: the configured directory, or {@code <data-dir>-backups} beside the data directory. Refused
     * inside the data directory (or holding it): a backup must survive the loss of the data it copies.
     */
    static Path location(Path configured, Path dataDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path dir = (configured != null ? configured : data.resolveSibling(data.getFileName() + "-backups"))
                .toAbsolutePath().normalize();
        if (dir.startsWith(data) || data.startsWith(dir)) {
            throw new IllegalStateException("fieldstone.backup.dir (" + dir + ") must not be inside the data directory ("
                    + data + ") nor hold it: put backups on another directory or volume");
        }
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the backup location " + dir, e);
        }
        return dir;
    }

    @Bean
    BackupSchedule backupSchedule(Backups backups, ClusterLocks locks, BackupProperties properties) {
        return new BackupSchedule(backups, locks, properties.schedule());
    }

    /**
     * Backups hourly and a restore drill daily (by default), each on one node at a time. Off in CLI commands, which do
     * only what they were asked.
     */
    static final class BackupSchedule {
        private final Backups backups;
        private final ClusterLocks locks;
        private final boolean enabled;

        BackupSchedule(Backups backups, ClusterLocks locks, boolean enabled) {
            this.backups = backups;
            this.locks = locks;
            this.enabled = enabled;
        }

        @Scheduled(fixedDelayString = "${fieldstone.backup.interval:PT1H}", initialDelayString = "${fieldstone.backup.interval:PT1H}")
        void backUp() {
            if (enabled) {
                locks.runOnce("backups", Duration.ofMinutes(55), () -> {
                    int taken = backups.backUpAll(line -> log.debug("{}", line));
                    log.info("Backup round: {} backup(s) taken into {}", taken, backups.location());
                    backups.registerGauges();
                });
            }
        }

        @Scheduled(fixedDelayString = "${fieldstone.backup.drill:P1D}", initialDelayString = "PT2H")
        void drill() {
            if (enabled) {
                locks.runOnce("restore-drill", Duration.ofHours(2), () -> backups.drill(java.util.Optional.empty(), line -> log.debug("{}", line)));
            }
        }

        /** The per-company gauges exist from the start, not only after the first round. */
        @Scheduled(initialDelayString = "PT10S", fixedDelayString = "PT10M")
        void gauges() {
            backups.registerGauges();
        }
    }
}
