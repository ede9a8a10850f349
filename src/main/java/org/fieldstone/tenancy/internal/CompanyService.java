package org.fieldstone.tenancy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyEvents.CompanyDeleted;
import org.fieldstone.tenancy.CompanyEvents.CompanyDestroyed;
import org.fieldstone.tenancy.CompanyEvents.CompanyProvisioned;
import org.fieldstone.tenancy.CompanyEvents.CompanyRestored;
import org.fieldstone.tenancy.CompanyEvents.CompanyResumed;
import org.fieldstone.tenancy.CompanyEvents.CompanySuspended;
import org.fieldstone.tenancy.CompanyStatus;
import org.fieldstone.tenancy.DestroyedCompany;
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
    private final Tombstones tombstones;
    private final Clock clock;
    private final Duration deletionGrace;

    static final Duration MAX_GRACE = Duration.ofDays(365);

    CompanyService(CompanyRegistry registry, DatabaseServer server, CompanyPools pools, AuditTrail audit, KeyRing keys,
                   ApplicationEventPublisher events, Tombstones tombstones, Clock clock, Duration deletionGrace) {
        this.tombstones = tombstones;
        this.clock = clock;
        this.deletionGrace = checkGrace(deletionGrace);
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
            throw new Conflict(Message.of("tenancy.refused.slug-taken", request.slug()));
        }
        TenantId id = TenantId.random();
        String placement = server.placementFor(id);
        try {
            registry.insertProvisioning(id, request, placement);
        } catch (RuntimeException e) {
            if (CompanyDatabase.isDuplicate(e)) {
                throw new Conflict(Message.of("tenancy.refused.slug-taken", request.slug()));
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
    public List<DestroyedCompany> destroyed() {
        return tombstones.list();
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
        Company company = findBySlug(slug).orElseThrow(() -> new InvalidInput("slug", Message.of("tenancy.refused.no-company", slug)));
        if (company.status() != from) {
            throw new Conflict(Message.of("tenancy.refused.status", company.slug(), company.status().word()));
        }
        if (registry.setStatus(company.id(), from, to) != 1) {
            throw new Conflict(Message.of("tenancy.refused.changed", company.slug()));
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

    // ---- deletion (decision 0016)

    @Override
    public Duration deletionGrace() {
        return deletionGrace;
    }

    @Override
    public Company rename(Actor actor, String expectedName, String name) {
        actor.require(Permission.COMPANY_RENAME);
        Company company = find(actor.tenant()).orElseThrow(() -> new org.fieldstone.shared.NotFound(
                Message.of("tenancy.thing.company")));
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", Message.of("tenancy.refused.name-required"));
        }
        String newName = name.strip();
        if (newName.length() > 200) {
            throw new InvalidInput("name", Message.of("tenancy.refused.name-too-long", 200));
        }
        if (newName.equals(company.name())) {
            return company;
        }
        if (expectedName == null || !expectedName.equals(company.name())
                || registry.rename(company.id(), company.name(), newName) != 1) {
            throw new Conflict(Message.of("tenancy.refused.renamed-meanwhile", company.name()));
        }
        try {
            CompanyDatabase db = pools.of(company.id());
            db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(inCompany(company, actor), "company",
                    company.id(), "company.renamed", new AuditRecord.Change("name", company.name(), newName))));
        } catch (RuntimeException e) {
            // not recorded, not done
            registry.rename(company.id(), newName, company.name());
            throw e;
        }
        return registry.find(company.id()).orElseThrow();
    }

    @Override
    public Company delete(String slug, Actor actor, Duration grace) {
        actor.require(Permission.COMPANY_DELETE);
        checkGrace(grace);
        Company company = ownCompany(slug, actor);
        CompanyStatus from = company.status();
        if (from != CompanyStatus.ACTIVE && from != CompanyStatus.SUSPENDED) {
            throw new Conflict(from == CompanyStatus.DELETED
                    ? Message.of("tenancy.refused.deleted-already", company.slug(), company.deleteAfter().toString())
                    : Message.of("tenancy.refused.status", company.slug(), from.word()));
        }
        Instant now = Instant.ofEpochMilli(clock.millis()); // as stored
        Instant deleteAfter = now.plus(grace);
        if (registry.markDeleted(company.id(), from, now, deleteAfter) != 1) {
            throw new Conflict(Message.of("tenancy.refused.changed", company.slug()));
        }
        try {
            CompanyDatabase db = pools.of(company.id());
            db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(inCompany(company, actor), "company", company.id(),
                    "company.deleted", new AuditRecord.Change("status", from.name(), CompanyStatus.DELETED.name()),
                    new AuditRecord.Change("delete_after", null, deleteAfter.toString()))));
        } catch (RuntimeException e) {
            // not recorded, not done: a deletion nobody can trace would be worse than one that has to be repeated
            registry.restore(company.id());
            throw e;
        }
        events.publishEvent(new CompanyDeleted(company.id(), company.slug(), deleteAfter));
        log.info("Company {} ({}) deleted through {}: refused from now on; its keys and database are destroyed after {}",
                company.slug(), company.id(), actor.channel().code(), deleteAfter);
        return registry.find(company.id()).orElseThrow();
    }

    @Override
    public Company restore(String slug, Actor operator) {
        operator.require(Permission.COMPANY_DELETE);
        Company company = ownCompany(slug, operator);
        if (company.status() != CompanyStatus.DELETED) {
            throw new Conflict(company.status() == CompanyStatus.DESTROYING
                    ? Message.of("tenancy.refused.being-destroyed", company.slug())
                    : Message.of("tenancy.refused.not-deleted", company.slug()));
        }
        if (registry.restore(company.id()) != 1) {
            throw new Conflict(Message.of("tenancy.refused.changed", company.slug()));
        }
        Company restored = registry.find(company.id()).orElseThrow();
        CompanyDatabase db = pools.of(company.id());
        db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(inCompany(company, operator), "company", company.id(),
                "company.restored", new AuditRecord.Change("status", CompanyStatus.DELETED.name(), restored.status().name()),
                new AuditRecord.Change("delete_after", company.deleteAfter().toString(), null))));
        events.publishEvent(new CompanyRestored(company.id(), company.slug()));
        log.info("Company {} ({}) restored through {}", company.slug(), company.id(), operator.channel().code());
        return restored;
    }

    @Override
    public DestroyedCompany destroy(String slug) {
        Company company = findBySlug(slug).orElseThrow(() -> new InvalidInput("slug", Message.of("tenancy.refused.no-company", slug)));
        if (company.status() == CompanyStatus.DELETED && company.deleteAfter().isAfter(clock.instant())) {
            throw new Conflict(Message.of("tenancy.refused.kept-until", company.slug(),
                    company.deleteAfter().toString()));
        }
        if (company.status() != CompanyStatus.DELETED && company.status() != CompanyStatus.DESTROYING) {
            throw new Conflict(Message.of("tenancy.refused.delete-first", company.slug(), company.status().word()));
        }
        return destroy(company).orElseThrow(() -> new Conflict(Message.of("tenancy.refused.changed", company.slug())));
    }

    @Override
    public List<DestroyedCompany> destroyDue() {
        List<DestroyedCompany> destroyed = new ArrayList<>();
        for (Company company : registry.dueForDestruction()) {
            try {
                destroy(company).ifPresent(destroyed::add);
            } catch (RuntimeException e) {
                log.error("Destroying company {} ({}) did not complete; it is tried again at the next run", company.slug(),
                        company.id(), e);
            }
        }
        return destroyed;
    }

    /**
     * Keys first: once the keyset is gone, every copy of the company's data — the database, a copy of its file, a
     * backup made at any time — is ciphertext nobody can open, even if removing the database then fails (the
     * next run tries again). Then the database, then the control plane's row and anchor (replaced by a tombstone),
     * and finally the control plane's files are rid of what was deleted from them.
     */
    private Optional<DestroyedCompany> destroy(Company company) {
        if (!registry.claimForDestruction(company.id())) {
            return Optional.empty();
        }
        Instant deletedAt = registry.deletedAt(company.id()).orElse(Instant.ofEpochMilli(clock.millis()));
        audit.flushAnchors(); // no anchor of its trail is written after the anchor was removed
        pools.close(company.id());
        keys.shred(KeyOwner.of(company.id()));
        log.info("Destroyed the keys of company {} ({}): its data can no longer be read", company.slug(), company.id());
        server.drop(company.placement());
        pools.close(company.id()); // in case a request that was under way opened it again meanwhile
        DestroyedCompany tombstone = tombstones.entomb(company, deletedAt, Instant.ofEpochMilli(clock.millis()));
        if (!server.scrubControlPlane()) {
            log.warn("The control plane's write-ahead log could not be emptied now (a reader held it); it is at the "
                    + "next destruction or checkpoint");
        }
        log.info("Destroyed company {} ({}), deleted {}: keyset, database and audit anchor removed; a tombstone remains",
                company.slug(), company.id(), deletedAt);
        events.publishEvent(new CompanyDestroyed(company.id(), company.slug()));
        return Optional.of(tombstone);
    }

    /** The company at {@code slug} if it is the actor's own; another company's is not found. */
    private Company ownCompany(String slug, Actor actor) {
        return findBySlug(slug).filter(c -> c.id().equals(actor.tenant()))
                .orElseThrow(() -> new InvalidInput("slug", Message.of("tenancy.refused.no-company", slug)));
    }

    /** The acting operator or user as recorded in the company's own trail. */
    private static Actor inCompany(Company company, Actor a) {
        return new Actor(company.id(), a.userId(), a.displayName(), a.role(), a.apiKeyId(), a.channel(), a.ip(), a.userAgent());
    }

    private static Duration checkGrace(Duration grace) {
        if (grace == null || grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new InvalidInput("grace", Message.of("tenancy.refused.grace", 365));
        }
        return grace;
    }
}
