package org.fieldstone.files.internal;

import java.time.Clock;
import org.fieldstone.files.Files;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scans the files still in quarantine of every active company ({@link Files#scanPending}), every 30 s by default
 * ({@code fieldstone.files.scan-interval}): files uploaded while clamd was down are released (or quarantined for good)
 * once it answers. Each file's retries back off ({@link FileAggregate#backoff}); a run finding clamd silent writes
 * nothing. Off with {@code fieldstone.files.scan-job.enabled=false} (tests drive {@link #runOnce()} themselves).
 */
@Component
class FileScanJob {

    private static final Logger log = LoggerFactory.getLogger(FileScanJob.class);

    private final Companies companies;
    private final ClusterLocks locks;
    private final Files files;
    private final Clock clock;
    private final boolean enabled;

    FileScanJob(Companies companies, ClusterLocks locks, Files files, Clock clock,
                @Value("${fieldstone.files.scan-job.enabled:true}") boolean enabled) {
        this.companies = companies;
        this.locks = locks;
        this.files = files;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${fieldstone.files.scan-interval:PT30S}", initialDelayString = "PT20S")
    void scheduled() {
        if (enabled) {
            locks.runOnce("file-scan", java.time.Duration.ofMinutes(10), this::runOnce);
        }
    }

    /** One run over every active company; answers how many files got a verdict. */
    int runOnce() {
        int verdicts = 0;
        for (Company company : companies.list()) {
            if (!company.isActive()) {
                continue;
            }
            try {
                verdicts += files.scanPending(Actor.system(company.id(), Channel.SYSTEM), clock.instant());
            } catch (RuntimeException e) {
                log.error("Scanning the files of company {} failed", company.slug(), e);
            }
        }
        return verdicts;
    }
}
