package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldstone.shared.TenantId;
import org.fieldstone.support.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection budget on a real PostgreSQL server (decision 0066): many companies open at once never hold more
 * backend connections than the budget — counted by the server itself in {@code pg_stat_activity} — a quiet company
 * queued behind a hot one is served, and a request that finds the budget spent for too long is refused, not hung.
 */
class ConnectionBudgetOnPostgresTests {

    final String application = "fs-budget-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> placements = new ArrayList<>();
    PostgresServer server;

    PostgresServer server(int budget, Duration timeout) {
        server = new PostgresServer(SharedPostgres.newControlPlaneUrl(), "postgres", "", new ConnectionBudget(budget),
                timeout, application);
        return server;
    }

    List<HikariDataSource> companies(int n) {
        List<HikariDataSource> pools = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String placement = server.placementFor(new TenantId(UUID.randomUUID()));
            server.create(placement);
            placements.add(placement);
            pools.add(server.open(placement, "budget-" + i));
        }
        return pools;
    }

    @AfterEach
    void dropAll() {
        if (server != null) {
            placements.forEach(server::drop);
            server.close();
        }
    }

    @Test
    void many_companies_at_once_stay_within_the_budget_and_a_quiet_one_is_served_behind_a_hot_one() throws Exception {
        server(4, Duration.ofSeconds(20));
        List<HikariDataSource> pools = companies(10);
        AtomicInteger most = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            try (Connection c = SharedPostgres.connect("postgres"); Statement s = c.createStatement()) {
                while (sampling.get()) {
                    try (ResultSet rs = s.executeQuery(
                            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + application + "'")) {
                        rs.next();
                        most.accumulateAndGet(rs.getInt(1), Math::max);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        AtomicBoolean hotRunning = new AtomicBoolean(true);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // a hot company: far more requests at once than the whole budget
            HikariDataSource hot = pools.get(0);
            AtomicInteger hotServed = new AtomicInteger();
            List<CompletableFuture<Void>> hotLoad = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                hotLoad.add(CompletableFuture.runAsync(() -> {
                    while (hotRunning.get()) {
                        query(hot, "SELECT pg_sleep(0.02)");
                        hotServed.incrementAndGet();
                    }
                }, threads));
            }
            Thread.sleep(300);
            // every other company at the same moment, several requests each
            List<CompletableFuture<Long>> quiet = new ArrayList<>();
            for (HikariDataSource pool : pools.subList(1, pools.size())) {
                for (int r = 0; r < 3; r++) {
                    quiet.add(CompletableFuture.supplyAsync(() -> {
                        long start = System.nanoTime();
                        query(pool, "SELECT pg_sleep(0.01)");
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    }, threads));
                }
            }
            for (var q : quiet) {
                // served while the hot company keeps asking (generous: the test machine may be shared and slow)
                assertThat(q.get(30, TimeUnit.SECONDS)).as("a quiet company's wait in ms").isLessThan(15_000);
            }
            hotRunning.set(false);
            CompletableFuture.allOf(hotLoad.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(hotServed).as("the hot company was served meanwhile").hasPositiveValue();
        } finally {
            hotRunning.set(false);
            threads.shutdown();
            sampling.set(false);
            sampler.get(10, TimeUnit.SECONDS);
        }
        assertThat(most.get()).as("backend connections of the companies, as the server counts them").isBetween(1, 4);
        assertThat(server.budget().inUse()).isLessThanOrEqualTo(4);
    }

    @Test
    void a_request_that_finds_the_budget_spent_is_refused_after_the_timeout_not_hung() throws Exception {
        server(1, Duration.ofMillis(800));
        List<HikariDataSource> pools = companies(2);
        try (Connection held = pools.get(0).getConnection()) {
            held.setAutoCommit(false);
            long start = System.nanoTime();
            assertThatThrownBy(() -> pools.get(1).getConnection()).isInstanceOf(SQLTransientConnectionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        // once given back, the other company gets the connection
        query(pools.get(1), "SELECT 1");
        assertThat(server.budget().inUse()).isEqualTo(1);
    }

    private static void query(HikariDataSource pool, String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
