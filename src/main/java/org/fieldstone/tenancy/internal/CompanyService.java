package org.fieldstone.tenancy.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyEvents.CompanyProvisioned;
import org.fieldstone.tenancy.CompanyEvents.CompanyResumed;
import org.fieldstone.tenancy.CompanyEvents.CompanySuspended;
import org.fieldstone.tenancy.CompanyStatus;
import org.fieldstone.tenancy.NewCompany;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

final class CompanyService implements Companies {

    private static final Logger log = LoggerFactory.getLogger(CompanyService.class);

    private final CompanyRegistry registry;
    private final DatabaseServer server;
    private final CompanyPools pools;
    private final AuditTrail audit;
    private final KeyRing keys;
    private final ApplicationEventPublisher events;

    CompanyService(CompanyRegistry registry, DatabaseServer server, CompanyPools pools, AuditTrail audit, KeyRing keys,
                   ApplicationEventPublisher events) {
        this.registry = registry;
        this.server = server;
        this.pools = pools;
        this.audit = audit;
        this.keys = keys;
        this.events = events;
    }

    @Override
    public Company provision(NewCompany request, Consumer<CompanyDatabase> seed) {
        if (registry.slugTaken(request.slug())) {
            throw new Conflict("The address \"" + request.slug() + "\" is already taken by another company.");
        }
        TenantId id = TenantId.random();
        String placement = server.placementFor(id);
        try {
            registry.insertProvisioning(id, request, placement);
        } catch (RuntimeException e) {
            if (CompanyDatabase.isDuplicate(e)) {
                throw new Conflict("The address \"" + request.slug() + "\" is already taken by another company.");
            }
            throw e;
        }
        boolean created = false;
        boolean keyed = false;
        try {
            keys.create(KeyOwner.of(id));
            keyed = true;
            server.create(placement);
            created = true;
            CompanyDatabase db = pools.provisioning(id, placement);
            db.inTransaction(() -> {
                seed.accept(db);
                audit.append(db.jdbc(), AuditRecord.of(Actor.system(id, org.fieldstone.shared.Channel.SYSTEM),
                        "company", id, "company.provisioned",
                        new AuditRecord.Change("slug", null, request.slug()),
                        new AuditRecord.Change("name", null, request.name())));
            });
            if (registry.setStatus(id, CompanyStatus.PROVISIONING, CompanyStatus.ACTIVE) != 1) {
                throw new IllegalStateException("Company " + id + " changed while it was provisioned");
            }
        } catch (RuntimeException e) {
            log.warn("Provisioning of company {} failed; removing what was created: {}", request.slug(), e.toString());
            pools.close(id);
            if (created) {
                try {
                    server.drop(placement);
                } catch (RuntimeException dropFailure) {
                    e.addSuppressed(dropFailure);
                }
            }
            try {
                if (keyed) {
                    keys.shred(KeyOwner.of(id));
                }
                registry.delete(id);
            } catch (RuntimeException deleteFailure) {
                e.addSuppressed(deleteFailure);
            }
            throw e;
        }
        Company company = registry.find(id).orElseThrow();
        events.publishEvent(new CompanyProvisioned(id, company.slug()));
        log.info("Provisioned company {} ({})", company.slug(), id);
        return company;
    }

    /**
     * Removes what a provisioning interrupted by a crash left behind (a PROVISIONING row and perhaps its
     * database) once it is clearly not in progress any more, freeing the address again.
     */
    void removeAbandoned(java.time.Duration olderThan) {
        for (var abandoned : registry.provisioningOlderThan(olderThan)) {
            log.warn("Removing company {} ({}), whose provisioning never finished", abandoned.slug(), abandoned.id());
            pools.close(abandoned.id());
            try {
                server.drop(abandoned.placement());
            } catch (RuntimeException e) {
                log.warn("Could not drop the database of abandoned company {}: {}", abandoned.id(), e.toString());
            }
            keys.shred(KeyOwner.of(abandoned.id()));
            registry.delete(abandoned.id());
        }
    }

    @Override
    public Optional<Company> find(TenantId id) {
        return registry.find(id);
    }

    @Override
    public Optional<Company> findBySlug(String slug) {
        return slug == null ? Optional.empty() : registry.findBySlug(slug.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<Company> list() {
        return registry.list();
    }

    @Override
    public Company suspend(String slug, Actor operator) {
        return change(slug, operator, CompanyStatus.ACTIVE, CompanyStatus.SUSPENDED, "company.suspended");
    }

    @Override
    public Company resume(String slug, Actor operator) {
        return change(slug, operator, CompanyStatus.SUSPENDED, CompanyStatus.ACTIVE, "company.resumed");
    }

    private Company change(String slug, Actor operator, CompanyStatus from, CompanyStatus to, String action) {
        Company company = findBySlug(slug).orElseThrow(() -> new InvalidInput("slug", "No company with the address \"" + slug + "\"."));
        if (company.status() != from) {
            throw new Conflict("Company \"" + company.slug() + "\" is " + company.status().name().toLowerCase(Locale.ROOT) + ".");
        }
        if (registry.setStatus(company.id(), from, to) != 1) {
            throw new Conflict("Company \"" + company.slug() + "\" changed meanwhile; try again.");
        }
        CompanyDatabase db = pools.of(company.id());
        Actor actor = new Actor(company.id(), operator.userId(), operator.displayName(), operator.role(),
                operator.apiKeyId(), operator.channel(), operator.ip(), operator.userAgent());
        db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(actor, "company", company.id(), action,
                new AuditRecord.Change("status", from.name(), to.name()))));
        events.publishEvent(to == CompanyStatus.SUSPENDED
                ? new CompanySuspended(company.id(), company.slug())
                : new CompanyResumed(company.id(), company.slug()));
        return registry.find(company.id()).orElseThrow();
    }
}
