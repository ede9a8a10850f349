package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.Sessions;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.HeardEvents;
import org.fieldstone.support.HeardEvents.TestEvent;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.PostgresApplicationTest;
import org.fieldstone.support.SecondNode;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.CompanyDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two application nodes on one PostgreSQL server (issue 17): node 1 is the shared PostgreSQL application context of
 * the test suite, node 2 a second application started beside it on the same control plane, master key and data
 * directory ({@link SecondNode}). Nothing a node keeps in memory may outlive what the other node changed.
 */
@PostgresApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesOnPostgresTests {

    @Autowired Environment environment;
    @Autowired TestClock clock;
    @Autowired Fixtures fixtures;
    @Autowired ApiKeys apiKeys;
    @Autowired ClusterLocks locks;
    @Autowired Outbox outbox;
    @Autowired CompanyPools pools;
    @Autowired HeardEvents heard;

    ConfigurableApplicationContext node2;
    int port1;
    int port2;

    @BeforeAll
    void startSecondNode() {
        node2 = SecondNode.start(environment, clock);
        port1 = environment.getRequiredProperty("server.port", Integer.class);
        port2 = node2.getEnvironment().getRequiredProperty("server.port", Integer.class);
        assertThat(port2).isNotEqualTo(port1);
    }

    @AfterAll
    void stopSecondNode() {
        if (node2 != null) {
            node2.close();
        }
    }

    @Test
    void a_session_opened_on_one_node_works_on_the_other_and_ends_on_both_when_signed_out_on_either() {
        TestCompany c = fixtures.company("nodes");
        Https onNode1 = new Https(port1);
        assertThat(onNode1.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String cookie = onNode1.cookie(Sessions.COOKIE);

        Https onNode2 = new Https(port2);
        onNode1.cookies().forEach(onNode2::setCookie);
        Response home = onNode2.get("/c/" + c.slug() + "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Owner of " + c.slug());

        // signed out on node 2 (its form, its CSRF cookie): the same cookie is refused on node 1 at the next request
        assertThat(onNode2.post("/c/" + c.slug() + "/logout", Map.of()).status()).isEqualTo(302);
        Https replay = new Https(port1);
        replay.setCookie(Sessions.COOKIE, cookie);
        assertThat(replay.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        Https replay2 = new Https(port2);
        replay2.setCookie(Sessions.COOKIE, cookie);
        assertThat(replay2.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
    }

    @Test
    void an_api_key_revoked_on_one_node_fails_on_both_at_the_next_request() {
        TestCompany c = fixtures.company("nodes-key");
        ApiKeys.CreatedKey key = apiKeys.createFor(c.system(), c.owner().id(), "two nodes", Optional.empty(), Optional.empty());
        Https node1 = new Https(port1);
        Https node2Client = new Https(port2);
        assertThat(node1.get("/api/v1/me", key.secret()).status()).isEqualTo(200);
        assertThat(node2Client.get("/api/v1/me", key.secret()).status()).isEqualTo(200);

        // revoked through node 2's own service
        node2.getBean(ApiKeys.class).revoke(c.system(), key.key().id());

        assertThat(node1.get("/api/v1/me", key.secret()).status()).isEqualTo(401);
        assertThat(node2Client.get("/api/v1/me", key.secret()).status()).isEqualTo(401);
    }

    @Test
    void failed_sign_ins_on_both_nodes_count_towards_one_lockout() {
        TestCompany c = fixtures.company("nodes-lock");
        Https node1 = new Https(port1);
        Https node2Client = new Https(port2);
        for (int i = 0; i < 4; i++) {
            Https node = i % 2 == 0 ? node1 : node2Client;
            assertThat(node.signIn(c.slug(), c.ownerEmail(), "wrong password " + i).status()).as("failure %d", i).isEqualTo(401);
        }
        // the fifth failure, on node 1, is the fifth of the account (two were on node 2): it starts the lockout
        assertThat(node1.signIn(c.slug(), c.ownerEmail(), "wrong password 4").status()).isEqualTo(429);
        // both nodes refuse even the right password now
        Response locked1 = node1.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Response locked2 = node2Client.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(locked1.status()).isEqualTo(429);
        assertThat(locked2.status()).isEqualTo(429);
        assertThat(locked2.body()).contains("Too many failed attempts");

        clock.advance(Duration.ofMinutes(2));
        assertThat(node2Client.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void scheduled_work_runs_on_one_node_per_turn() throws Exception {
        String job = "two-nodes-" + UUID.randomUUID();
        ClusterLocks locks2 = node2.getBean(ClusterLocks.class);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();

        CompletableFuture<Boolean> onNode1 = CompletableFuture.supplyAsync(() -> locks.runOnce(job, Duration.ofMinutes(5), () -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(locks2.runOnce(job, Duration.ofMinutes(5), runs::incrementAndGet)).as("node 2 while node 1 runs").isFalse();
        release.countDown();
        assertThat(onNode1.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(locks2.runOnce(job, Duration.ofMinutes(5), runs::incrementAndGet)).as("node 2's next turn").isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void the_outbox_delivers_each_event_once_across_the_nodes() throws Exception {
        TestCompany c = fixtures.company("nodes-outbox");
        Outbox outbox2 = node2.getBean(Outbox.class);
        HeardEvents heard2 = node2.getBean(HeardEvents.class);
        CompanyDatabase db = pools.of(c.company.id());
        String listener = HeardEvents.class.getName() + "#test";
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // open publications as a node that died between its commit and the delivery leaves them: both nodes find them
        for (int i = 0; i < 20; i++) {
            String note = "two-nodes-" + run + "-" + i;
            String payload = tools.jackson.databind.json.JsonMapper.builder().build()
                    .writeValueAsString(new TestEvent(c.company.id(), note));
            String id = UUID.randomUUID().toString();
            OutboxRows.insert(db, id, UUID.randomUUID().toString(), listener, TestEvent.class.getName(), payload, clock.millis());
            ids.add(id);
            notes.add(note);
        }

        // both nodes try every publication at the same moment, and both sweep the company too
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> racers = new ArrayList<>();
        for (Outbox node : List.of(outbox, outbox2)) {
            racers.add(CompletableFuture.runAsync(() -> {
                await(go);
                ids.forEach(id -> node.attempt(c.company.id(), id));
            }));
            racers.add(CompletableFuture.runAsync(() -> {
                await(go);
                node.sweep(c.company.id());
            }));
        }
        go.countDown();
        CompletableFuture.allOf(racers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (OutboxRows.anyOpen(db) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(OutboxRows.anyOpen(db)).as("every publication completed").isFalse();
        for (String note : notes) {
            assertThat(heard.calls(note) + heard2.calls(note)).as("deliveries of %s on both nodes", note).isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
