package org.fieldstone.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    final TestClock clock = new TestClock();
    final LoginThrottle throttle = new LoginThrottle(new IdentityProperties(null, null, null), clock);

    /** One wrong guess: reserve, then report the failure. */
    Duration guess(String account, String address) {
        throttle.begin(account, address);
        return throttle.failed(account);
    }

    @Test
    void locksAnAccountAfterFiveFailuresAndDoublesTheLockoutWithEveryFurtherFailure() {
        for (int i = 1; i <= 4; i++) {
            assertThat(guess("acme|a@b.example", "10.0.0.1")).isZero();
        }
        assertThat(guess("acme|a@b.example", "10.0.0.1")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> throttle.begin("acme|a@b.example", "10.0.0.1")).isInstanceOf(TooManyRequests.class)
                .hasMessageContaining("1 minute");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(guess("acme|a@b.example", "10.0.0.1")).isEqualTo(Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(3));
        assertThat(guess("acme|a@b.example", "10.0.0.1")).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void theLockoutNeverExceedsAnHour() {
        Duration last = Duration.ZERO;
        for (int i = 0; i < 30; i++) {
            last = guess("acme|x@b.example", "10.0.0.2");
            clock.advance(last);
        }
        assertThat(last).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void successClearsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            guess("acme|c@b.example", "10.0.0.3");
        }
        throttle.begin("acme|c@b.example", "10.0.0.3");
        throttle.succeeded("acme|c@b.example", "10.0.0.3");
        assertThat(guess("acme|c@b.example", "10.0.0.3")).isZero();
    }

    @Test
    void guessesSentInParallelAreCountedBeforeThePasswordIsChecked() throws Exception {
        var pool = Executors.newFixedThreadPool(12);
        var start = new CountDownLatch(1);
        var admitted = new AtomicInteger();
        for (int i = 0; i < 12; i++) {
            pool.submit(() -> {
                start.await();
                try {
                    throttle.begin("acme|p@b.example", "10.0.0.4");
                    admitted.incrementAndGet();
                } catch (TooManyRequests refused) {
                    // expected for all but five
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(admitted.get()).isEqualTo(5);
    }

    @Test
    void anAddressRunsOutOfAttemptsAcrossManyAccounts() {
        for (int i = 0; i < 30; i++) {
            guess("acme|user" + i + "@b.example", "10.9.9.9");
        }
        assertThatThrownBy(() -> throttle.begin("acme|fresh@b.example", "10.9.9.9"))
                .isInstanceOf(TooManyRequests.class).hasMessageContaining("your network");
        throttle.begin("acme|fresh@b.example", "10.9.9.8");
    }

    @Test
    void ipv6AddressesOfOneNetworkShareABudget() {
        assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.addressKey("2001:db8:1:2:bbbb::7"));
        assertThat(LoginThrottle.addressKey("2001:db8:1:3::1")).isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:2::1"));
        assertThat(LoginThrottle.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
    }
}
