package org.fieldstone.assistant.internal;

import java.time.Clock;
import org.fieldstone.assistant.Assistant;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Trims every active company's assistant history ({@link Assistant#trim}) hourly by default
 * ({@code fieldstone.assistant.trim.interval}); off with {@code fieldstone.assistant.trim.enabled=false}. Runs on every
 * node like the other per-company jobs (no ShedLock yet): two overlapping runs delete through the write path with
 * versions, so one of them meets a version conflict for that company and the next run finishes the work.
 */
@Component
@EnableConfigurationProperties(AssistantProperties.class)
class AssistantTrimJob {

    private static final Logger log = LoggerFactory.getLogger(AssistantTrimJob.class);

    private final Companies companies;
    private final ClusterLocks locks;
    private final Assistant assistant;
    private final AssistantProperties properties;
    private final Clock clock;

    AssistantTrimJob(Companies companies, ClusterLocks locks, Assistant assistant, AssistantProperties properties, Clock clock) {
        this.companies = companies;
        this.locks = locks;
        this.assistant = assistant;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${fieldstone.assistant.trim.interval:PT1H}", initialDelayString = "PT2M")
    void scheduled() {
        if (properties.trim().enabled()) {
            locks.runOnce("assistant-trim", java.time.Duration.ofMinutes(50), this::runOnce);
        }
    }

    /** One run over every active company; answers how many messages it deleted. */
    public int runOnce() {
        int deleted = 0;
        for (Company company : companies.list()) {
            if (!company.isActive()) {
                continue;
            }
            try {
                deleted += assistant.trim(company.id(), clock.instant());
            } catch (RuntimeException e) {
                log.error("Trimming the assistant's history failed for company {}", company.slug(), e);
            }
        }
        if (deleted > 0) {
            log.info("Assistant history: {} messages trimmed", deleted);
        }
        return deleted;
    }
}
