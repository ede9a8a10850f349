package org.fieldstone.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.support.PostgresApplicationTest;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.ControlPlane;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL the login throttle keeps nothing in memory: two throttles on the same control plane (as two nodes
 * have) share the address budgets and the account lockouts, also for guesses sent to both at the same moment.
 * (TwoNodesOnPostgresTests proves the lockout over HTTP with two running nodes.)
 */
@PostgresApplicationTest
class SharedLoginThrottleOnPostgresTests {

    @Autowired ControlPlane controlPlane;
    @Autowired TestClock clock;

    LoginThrottle node(int perAddress) {
        var login = new IdentityProperties.Login(5, Duration.ofMinutes(1), Duration.ofHours(1), perAddress, Duration.ofMinutes(10));
        return new LoginThrottle(new IdentityProperties(null, login, null), clock, controlPlane);
    }

    @Test
    void an_address_budget_is_spent_across_nodes() {
        LoginThrottle node1 = node(3);
        LoginThrottle node2 = node(3);
        String address = "198.51.100." + (1 + (int) (Math.random() * 250)) + "-" + UUID.randomUUID();
        node1.begin("a|" + UUID.randomUUID(), address);
        node2.begin("b|" + UUID.randomUUID(), address);
        node1.begin("c|" + UUID.randomUUID(), address);
        assertThatThrownBy(() -> node2.begin("d|" + UUID.randomUUID(), address)).isInstanceOf(TooManyRequests.class);
        // another address is untouched
        node2.begin("d|" + UUID.randomUUID(), "203.0.113.9-" + UUID.randomUUID());
    }

    @Test
    void parallel_guesses_on_two_nodes_each_count_towards_the_lockout() throws Exception {
        LoginThrottle node1 = node(100_000);
        LoginThrottle node2 = node(100_000);
        String account = "acme|" + UUID.randomUUID() + "@b.example";
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> guesses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LoginThrottle node = i % 2 == 0 ? node1 : node2;
            guesses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                    node.begin(account, "10.0.0.1");
                    node.failed(account);
                    return true;
                } catch (TooManyRequests refused) {
                    return false;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        for (var g : guesses) {
            assertThat(g.get(20, TimeUnit.SECONDS)).isTrue();
        }
        // four counted, whichever node took them: the fifth starts the lockout, seen by the other node at once
        node1.begin(account, "10.0.0.1");
        assertThat(node1.failed(account)).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> node2.begin(account, "10.0.0.1")).isInstanceOf(TooManyRequests.class)
                .hasMessageContaining("1 minute");

        // a success on one node forgets the failures on both
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        node2.begin(account, "10.0.0.1");
        node2.succeeded(account, "10.0.0.1");
        node1.begin(account, "10.0.0.1");
        assertThat(node1.failed(account)).isZero();
    }
}
