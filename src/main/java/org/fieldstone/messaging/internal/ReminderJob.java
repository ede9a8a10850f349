package org.fieldstone.messaging.internal;

import org.fieldstone.messaging.Reminders;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the due reminders of every active company ({@link Reminders#sendDue}), hourly by default
 * ({@code fieldstone.reminders.interval}). Safe on several nodes and when runs overlap: each reminder is claimed by a
 * unique row before it is sent. Off with {@code fieldstone.reminders.enabled=false} (CLI commands, tests, which call
 * {@link #runOnce()} themselves).
 */
@Component
class ReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

    private final Companies companies;
    private final ClusterLocks locks;
    private final Reminders reminders;
    private final boolean enabled;

    ReminderJob(Companies companies, ClusterLocks locks, Reminders reminders,
                @Value("${fieldstone.reminders.enabled:true}") boolean enabled) {
        this.companies = companies;
        this.locks = locks;
        this.reminders = reminders;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${fieldstone.reminders.interval:PT1H}", initialDelayString = "PT1M")
    void scheduled() {
        if (enabled) {
            locks.runOnce("invoice-reminders", java.time.Duration.ofMinutes(50), this::runOnce);
        }
    }

    /** One run over every active company; answers how many reminders it claimed (sent, failed or skipped). */
    public int runOnce() {
        int claimed = 0;
        for (Company company : companies.list()) {
            if (!company.isActive()) {
                continue;
            }
            try {
                claimed += reminders.sendDue(company.id());
            } catch (RuntimeException e) {
                // one company's failure must not stop the others'; the next run tries again
                log.error("Sending reminders failed for company {}", company.slug(), e);
            }
        }
        if (claimed > 0) {
            log.info("Reminders: {} claimed in this run", claimed);
        }
        return claimed;
    }
}
