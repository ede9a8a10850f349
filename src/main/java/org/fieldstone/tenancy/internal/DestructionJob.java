package org.fieldstone.tenancy.internal;

import java.time.Duration;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.Companies;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Destroys deleted companies once their grace period is over ({@link Companies#destroyDue}), hourly by default, on one node at a time.
 * Off in CLI commands (a command does only what it was asked) and in tests, which call it themselves.
 */
@Component
class DestructionJob {

    private final Companies companies;
    private final ClusterLocks locks;
    private final boolean enabled;

    DestructionJob(Companies companies, ClusterLocks locks, @Value("${fieldstone.companies.destruction.enabled:true}") boolean enabled) {
        this.companies = companies;
        this.locks = locks;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${fieldstone.companies.destruction.interval:PT1H}", initialDelayString = "PT1M")
    void run() {
        if (enabled) {
            locks.runOnce("company-destruction", Duration.ofMinutes(50), companies::destroyDue);
        }
    }
}
