package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldstone.tenancy.ClusterLocks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled work runs on one node at a time: a second node (its own lock provider on the same control plane) skips
 * while the first holds the lock, and takes it once released; a lock left by a dead node is taken after it expires,
 * not before.
 */
abstract class ClusterLocksContract {

    @Autowired
    ClusterLocks locks;

    @Autowired
    DatabaseServer server;

    @Test
    void a_second_node_skips_the_job_while_the_first_runs_it_and_takes_it_afterwards() throws Exception {
        String job = "test-" + UUID.randomUUID();
        ClusterLocks otherNode = new ShedLocks(server.controlPlane(), server.engine(), "node-b");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> locks.runOnce(job, Duration.ofMinutes(5), () -> {
            runs.incrementAndGet();
            started.countDown();
            await(release);
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(otherNode.runOnce(job, Duration.ofMinutes(5), runs::incrementAndGet)).isFalse();
        assertThat(locks.runOnce(job, Duration.ofMinutes(5), runs::incrementAndGet)).isFalse();
        assertThat(runs).hasValue(1);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(otherNode.runOnce(job, Duration.ofMinutes(5), runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void a_lock_left_by_a_dead_node_holds_until_it_expires() {
        String held = "test-" + UUID.randomUUID();
        String expired = "test-" + UUID.randomUUID();
        JdbcTemplate controlPlane = new JdbcTemplate(server.controlPlane());
        Instant now = Instant.now();
        insertLock(controlPlane, held, now.plus(Duration.ofMinutes(10)), now.minusSeconds(5));
        insertLock(controlPlane, expired, now.minusSeconds(1), now.minus(Duration.ofMinutes(30)));
        AtomicInteger runs = new AtomicInteger();

        assertThat(locks.runOnce(held, Duration.ofMinutes(5), runs::incrementAndGet)).isFalse();
        assertThat(locks.runOnce(expired, Duration.ofMinutes(5), runs::incrementAndGet)).isTrue();

        assertThat(runs).hasValue(1);
    }

    private static void insertLock(JdbcTemplate controlPlane, String name, Instant until, Instant at) {
        controlPlane.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, ?, ?, ?)",
                name, Timestamp.from(until), Timestamp.from(at), "dead-node");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
