package org.fieldstone.tenancy.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanyStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Company pools, opened on first use (migrating the database if the application was upgraded),
 * bounded in number and closed when idle, so one node can serve thousands of companies.
 *
 * <p>A company's pool is opened once however many requests want it at the same moment (single flight), and the
 * opening runs on a few platform threads of its own while the requests wait unmounted: opening connects, may run
 * Flyway, and loads classes under the class loader's and the nested jar's locks. Done on request threads (virtual
 * threads), a burst of first requests once pinned every carrier thread behind such a lock and the node answered
 * nothing at all.
 */
final class CompanyPools implements CompanyDatabases, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompanyPools.class);

    private final DatabaseServer server;
    private final CompanyRegistry registry;
    private final Clock clock;
    private final int maxOpen;
    private final long idleCloseMillis;
    /** A pool used this recently is never closed to make room for another. */
    static final long EVICTION_GRACE_MILLIS = 30_000;

    /** Whether transactions of one company database are queued in the JVM (SQLite: one writer at a time). */
    private final boolean queueWriters;

    private final Map<TenantId, Pool> pools = new ConcurrentHashMap<>();
    /** The opening in flight per company: every request that wants the pool meanwhile waits for this one. */
    private final Map<TenantId, CompletableFuture<Pool>> opening = new ConcurrentHashMap<>();
    private final ExecutorService openers;
    private final Migrations.CompanySchema schema;

    CompanyPools(DatabaseServer server, CompanyRegistry registry, Clock clock, int maxOpen, long idleCloseMillis) {
        this.server = server;
        this.schema = Migrations.companySchema(server.engine());
        this.openers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                Thread.ofPlatform().name("company-opener-", 1).daemon(true).factory());
        this.registry = registry;
        this.clock = clock;
        this.maxOpen = maxOpen;
        this.idleCloseMillis = idleCloseMillis;
        this.queueWriters = "sqlite".equals(server.engine());
    }

    @Override
    public CompanyDatabase of(TenantId tenant) {
        Objects.requireNonNull(tenant, "No company bound: a company database is only reached with a tenant id");
        Pool open = pools.get(tenant);
        if (open != null) {
            // a company's placement never changes: an open pool needs no control-plane lookup
            open.lastUsed = clock.millis();
            return new Handle(tenant, open.placement);
        }
        // a company whose keys and database are being destroyed is not opened again
        Company company = registry.find(tenant).filter(c -> c.status() != CompanyStatus.DESTROYING)
                .orElseThrow(() -> new NotFound(Message.of("tenancy.thing.company")));
        pool(tenant, company.placement());
        return new Handle(tenant, company.placement());
    }

    /** Opens the database at a placement not yet visible in the registry (during provisioning). */
    CompanyDatabase provisioning(TenantId tenant, String placement) {
        pool(tenant, placement);
        return new Handle(tenant, placement);
    }

    @Override
    public int openPools() {
        return pools.size();
    }

    @Override
    public java.util.Set<TenantId> openTenants() {
        return java.util.Set.copyOf(pools.keySet());
    }

    /** Closes a company's pool, e.g. before its database is dropped. */
    void close(TenantId tenant) {
        Pool pool = pools.remove(tenant);
        if (pool != null) {
            pool.dataSource.close();
        }
    }

    private Pool pool(TenantId tenant, String placement) {
        Pool pool = pools.get(tenant);
        if (pool == null) {
            pool = openOnce(tenant, placement);
        }
        pool.lastUsed = clock.millis();
        if (pools.size() > maxOpen) {
            evictLeastRecentlyUsed(tenant);
        }
        return pool;
    }

    /** Opens a company's pool on an opener thread, once for all who ask meanwhile, and waits for it. */
    private Pool openOnce(TenantId tenant, String placement) {
        CompletableFuture<Pool> mine = new CompletableFuture<>();
        CompletableFuture<Pool> flight = opening.putIfAbsent(tenant, mine);
        if (flight == null) {
            flight = mine;
            try {
                openers.execute(() -> {
                    Pool pool;
                    try {
                        // opened just before this flight began: nothing left to do
                        pool = pools.get(tenant);
                        if (pool == null) {
                            pool = open(tenant, placement);
                            pools.put(tenant, pool);
                        }
                    } catch (Throwable e) {
                        // the flight ends before anyone hears of its failure: whoever tries again opens anew
                        opening.remove(tenant, mine);
                        mine.completeExceptionally(e);
                        return;
                    }
                    opening.remove(tenant, mine);
                    mine.complete(pool);
                });
            } catch (RuntimeException rejected) {
                opening.remove(tenant, mine);
                throw new IllegalStateException("Company databases are closing", rejected);
            }
        }
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Pool open(TenantId tenant, String placement) {
        HikariDataSource dataSource = server.open(placement, "company-" + tenant.compact());
        try {
            int executed = schema.migrate(dataSource);
            if (executed > 0) {
                log.info("Migrated company {} to schema version {} ({} migrations)", tenant, schema.latest(), executed);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        var transactions = new DataSourceTransactionManager(dataSource);
        return new Pool(placement, dataSource, JdbcClient.create(dataSource), new TransactionTemplate(transactions));
    }

    /**
     * Closes the least recently used pool beyond the bound — only one nobody used for {@link #EVICTION_GRACE_MILLIS}
     * and with no connection in use, so a request that just looked its pool up never finds it closed. If every
     * pool is busy the bound is exceeded for a while rather than breaking a request.
     */
    private void evictLeastRecentlyUsed(TenantId keep) {
        long cutoff = clock.millis() - EVICTION_GRACE_MILLIS;
        pools.entrySet().stream()
                .filter(e -> !e.getKey().equals(keep) && e.getValue().lastUsed < cutoff && e.getValue().isIdle())
                .min(Comparator.comparingLong(e -> e.getValue().lastUsed))
                .ifPresent(e -> closeIfIdle(e.getKey(), e.getValue()));
    }

    /** Closes pools nobody used for a while and that have no connection in use. */
    @Scheduled(fixedDelayString = "${fieldstone.database.idle-sweep:PT1M}")
    void closeIdlePools() {
        long cutoff = clock.millis() - idleCloseMillis;
        pools.forEach((tenant, pool) -> {
            if (pool.lastUsed < cutoff && pool.isIdle()) {
                closeIfIdle(tenant, pool);
            }
        });
    }

    private void closeIfIdle(TenantId tenant, Pool pool) {
        if (pools.remove(tenant, pool)) {
            pool.dataSource.close();
            log.debug("Closed idle pool of company {}", tenant);
        }
    }

    @Override
    public void close() {
        openers.shutdownNow();
        // nobody waits for an opening that will never run
        opening.values().forEach(f -> f.completeExceptionally(new IllegalStateException("Company databases are closing")));
        pools.values().forEach(p -> p.dataSource.close());
        pools.clear();
    }

    private static final class Pool {
        final String placement;
        final HikariDataSource dataSource;
        final JdbcClient jdbc;
        final TransactionTemplate transactions;
        /**
         * Taken around every transaction of this database when the engine allows only one writer (SQLite). Not fair:
         * a fair lock served a busy company's writers in order but hands the lock over on every release, and under
         * the benchmark's load PATCH p95 rose from 0.16 s to 1.1 s (decision 0028).
         */
        final ReentrantLock writer = new ReentrantLock();
        volatile long lastUsed;

        Pool(String placement, HikariDataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {
            this.placement = placement;
            this.dataSource = dataSource;
            this.jdbc = jdbc;
            this.transactions = transactions;
        }

        boolean isIdle() {
            var mx = dataSource.getHikariPoolMXBean();
            return mx == null || mx.getActiveConnections() == 0;
        }
    }

    /** Resolves the pool on every use, so a handle outlives an idle close and reopens it. */
    private final class Handle implements CompanyDatabase {
        private final TenantId tenant;
        private final String placement;

        Handle(TenantId tenant, String placement) {
            this.tenant = tenant;
            this.placement = placement;
        }

        @Override
        public TenantId tenant() {
            return tenant;
        }

        @Override
        public JdbcClient jdbc() {
            return pool(tenant, placement).jdbc;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            Pool pool = pool(tenant, placement);
            if (!queueWriters) {
                return pool.transactions.execute(status -> work.get());
            }
            // SQLite has one writer per database, and a transaction that finds the write lock taken waits in
            // SQLite's busy handler, sleeping inside native code: that pins a carrier thread of the virtual-thread
            // scheduler (there are as many as cores), and a few such waits stall every request of the node.
            // Writers of one company queue here instead, where waiting unmounts the virtual thread.
            pool.writer.lock();
            try {
                return pool.transactions.execute(status -> work.get());
            } finally {
                pool.writer.unlock();
            }
        }

        @Override
        public String engine() {
            return server.engine();
        }

        @Override
        public String toString() {
            return "CompanyDatabase[" + tenant + "]";
        }
    }

}
