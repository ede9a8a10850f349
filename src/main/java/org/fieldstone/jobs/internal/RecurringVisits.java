package org.fieldstone.jobs.internal;

import java.time.Clock;
import org.fieldstone.jobs.Visits;
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
 * Generates the visits of every company's recurring jobs up to the rolling horizon ({@link Jobs#generateVisits}),
 * hourly by default. One node at a time ({@link ClusterLocks}); idempotent besides. Off in CLI commands and
 * in tests, which call it themselves.
 */
@Component
class RecurringVisits {

    private static final Logger log = LoggerFactory.getLogger(RecurringVisits.class);

    private final Companies companies;
    private final Visits jobVisits;
    private final Clock clock;
    private final ClusterLocks locks;
    private final boolean enabled;

    RecurringVisits(Companies companies, Visits jobVisits, Clock clock, ClusterLocks locks,
                    @Value("${fieldstone.schedule.recurrence.enabled:true}") boolean enabled) {
        this.companies = companies;
        this.jobVisits = jobVisits;
        this.clock = clock;
        this.locks = locks;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${fieldstone.schedule.recurrence.interval:PT1H}", initialDelayString = "PT30S")
    void scheduled() {
        if (enabled) {
            locks.runOnce("recurrence", java.time.Duration.ofMinutes(50), this::run);
        }
    }

    void run() {
        for (Company company : companies.list()) {
            if (!company.isActive()) {
                continue;
            }
            try {
                int added = jobVisits.generateVisits(Actor.system(company.id(), Channel.SYSTEM), clock.instant());
                if (added > 0) {
                    log.info("Generated {} recurring visits for company {}", added, company.slug());
                }
            } catch (RuntimeException e) {
                // one company's failure must not stop the others'; the next run tries again
                log.error("Generating recurring visits failed for company {}", company.slug(), e);
            }
        }
    }
}
