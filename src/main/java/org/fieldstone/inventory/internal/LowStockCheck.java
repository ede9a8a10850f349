package org.fieldstone.inventory.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.fieldstone.inventory.Inventory;
import org.fieldstone.inventory.InventoryEvents;
import org.fieldstone.inventory.Reorder;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.DomainEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily low-stock check ({@code fieldstone.inventory.low-stock-cron}, default 06:00 server time): for every active
 * company with items below their threshold it publishes {@link InventoryEvents.ReorderDue} through the outbox; the
 * list itself is {@link Inventory#toReorder} (the dashboard's To reorder card). Off with
 * {@code fieldstone.inventory.low-stock-check.enabled=false} (tests, which call {@link #runOnce}).
 */
@Component
public class LowStockCheck {

    private static final Logger log = LoggerFactory.getLogger(LowStockCheck.class);

    private final Companies companies;
    private final ClusterLocks locks;
    private final CompanyDatabases databases;
    private final Inventory inventory;
    private final DomainEvents events;
    private final Clock clock;
    private final boolean enabled;

    LowStockCheck(Companies companies, ClusterLocks locks, CompanyDatabases databases, Inventory inventory, DomainEvents events, Clock clock,
                  @Value("${fieldstone.inventory.low-stock-check.enabled:true}") boolean enabled) {
        this.companies = companies;
        this.locks = locks;
        this.databases = databases;
        this.inventory = inventory;
        this.events = events;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(cron = "${fieldstone.inventory.low-stock-cron:0 0 6 * * *}")
    void scheduled() {
        if (enabled) {
            locks.runOnce("low-stock-check", java.time.Duration.ofMinutes(50), this::runOnce);
        }
    }

    /** One check of every active company; answers how many companies have something to reorder. */
    public int runOnce() {
        int due = 0;
        for (Company company : companies.list()) {
            if (!company.isActive()) {
                continue;
            }
            try {
                Actor system = Actor.system(company.id(), Channel.SYSTEM);
                List<Reorder> reorder = inventory.toReorder(system);
                if (!reorder.isEmpty()) {
                    CompanyDatabase db = databases.of(company.id());
                    LocalDate day = LocalDate.now(clock.withZone(company.timeZone()));
                    db.inTransaction(() -> events.publish(db, new InventoryEvents.ReorderDue(company.id(), day, reorder.size())));
                    due++;
                }
            } catch (RuntimeException e) {
                // one company's failure must not stop the others'; tomorrow's run tries again
                log.error("The low-stock check failed for company {}", company.slug(), e);
            }
        }
        return due;
    }
}
