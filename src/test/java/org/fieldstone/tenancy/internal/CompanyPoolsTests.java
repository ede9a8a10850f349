package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.fieldstone.shared.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening company pools without Spring: once per company however many ask at once, and off the request threads. */
class CompanyPoolsTests {

    @TempDir
    Path dataDir;

    private CountingServer server;
    private CompanyPools pools;

    @BeforeEach
    void start() {
        server = new CountingServer(new SqliteServer(dataDir));
        pools = new CompanyPools(server, null, Clock.systemUTC(), 100, 600_000);
    }

    @AfterEach
    void stop() {
        pools.close();
        server.close();
    }

    @Test
    void opensACompanysPoolOnceForABurstOfVirtualThreadsAndNeverOnThem() throws Exception {
        TenantId tenant = TenantId.random();
        String placement = server.placementFor(tenant);
        server.create(placement);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> burst = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                burst.add(threads.submit(() -> {
                    go.await();
                    return pools.provisioning(tenant, placement).jdbc().sql("SELECT count(*) FROM clients").query(Integer.class).single();
                }));
            }
            go.countDown();
            for (Future<Integer> answer : burst) {
                assertThat(answer.get()).isZero();
            }
        }
        assertThat(server.opened).hasValue(1);
        assertThat(server.openedOn.get().isVirtual()).as("opened on a platform thread of the pools' own").isFalse();
    }

    @Test
    void runsFlywayOnlyWhereTheSchemaIsBehind() {
        var schema = Migrations.companySchema("sqlite");
        TenantId tenant = TenantId.random();
        String placement = server.placementFor(tenant);
        server.create(placement);
        try (HikariDataSource db = server.open(placement, "test")) {
            assertThat(schema.isCurrent(db)).as("a new, empty database").isFalse();
            Migrations.company(db, "sqlite", "2");
            assertThat(schema.isCurrent(db)).as("a database an older release left").isFalse();
            assertThat(schema.migrate(db)).isPositive();
            assertThat(schema.isCurrent(db)).isTrue();
            assertThat(schema.migrate(db)).as("nothing to do, and Flyway not asked").isZero();
        }
    }

    @Test
    void aFailedOpeningIsReportedToEveryoneWaitingAndTriedAgainNextTime() {
        TenantId tenant = TenantId.random();
        String placement = server.placementFor(tenant); // never created: opening it fails
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                pools.provisioning(tenant, placement).jdbc().sql("SELECT 1").query(Integer.class).single();
                throw new AssertionError("a missing database opened");
            } catch (RuntimeException expected) {
                assertThat(expected).isNotInstanceOf(AssertionError.class);
            }
        }
        assertThat(server.opened).hasValue(2);
        assertThat(pools.openPools()).isZero();
    }

    /** The SQLite server, counting the pools it opens and noting the thread that opened the last. */
    private static final class CountingServer implements DatabaseServer {
        private final DatabaseServer delegate;
        final AtomicInteger opened = new AtomicInteger();
        final AtomicReference<Thread> openedOn = new AtomicReference<>();

        CountingServer(DatabaseServer delegate) {
            this.delegate = delegate;
        }

        @Override
        public String engine() {
            return delegate.engine();
        }

        @Override
        public DataSource controlPlane() {
            return delegate.controlPlane();
        }

        @Override
        public String placementFor(TenantId tenant) {
            return delegate.placementFor(tenant);
        }

        @Override
        public void create(String placement) {
            delegate.create(placement);
        }

        @Override
        public void drop(String placement) {
            delegate.drop(placement);
        }

        @Override
        public boolean scrubControlPlane() {
            return delegate.scrubControlPlane();
        }

        @Override
        public HikariDataSource open(String placement, String poolName) {
            opened.incrementAndGet();
            openedOn.set(Thread.currentThread());
            return delegate.open(placement, poolName);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
