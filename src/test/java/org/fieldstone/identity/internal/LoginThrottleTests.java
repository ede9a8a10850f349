package org.fieldstone.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    final TestClock clock = new TestClock();
    final LoginThrottle throttle = new LoginThrottle(new IdentityProperties(null, null, null), clock);

    @Test
    void locksAnAccountAfterFiveFailuresAndDoublesTheLockoutWithEveryFurtherFailure() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.failed("acme|a@b.example", "10.0.0.1")).isFalse();
            assertThat(throttle.accountWait("acme|a@b.example")).isZero();
        }
        assertThat(throttle.failed("acme|a@b.example", "10.0.0.1")).isTrue();
        assertThat(throttle.accountWait("acme|a@b.example")).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(throttle.accountWait("acme|a@b.example")).isZero();
        assertThat(throttle.failed("acme|a@b.example", "10.0.0.1")).isTrue();
        assertThat(throttle.accountWait("acme|a@b.example")).isEqualTo(Duration.ofMinutes(2));

        clock.advance(Duration.ofMinutes(3));
        throttle.failed("acme|a@b.example", "10.0.0.1");
        assertThat(throttle.accountWait("acme|a@b.example")).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void theLockoutNeverExceedsAnHour() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("acme|x@b.example", "10.0.0.2");
            clock.advance(throttle.accountWait("acme|x@b.example"));
        }
        throttle.failed("acme|x@b.example", "10.0.0.2");
        assertThat(throttle.accountWait("acme|x@b.example")).isLessThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void successClearsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("acme|c@b.example", "10.0.0.3");
        }
        throttle.succeeded("acme|c@b.example");
        assertThat(throttle.failed("acme|c@b.example", "10.0.0.3")).isFalse();
    }

    @Test
    void anAddressRunsOutOfAttemptsAcrossManyAccounts() {
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.addressAllowed("10.9.9.9")).isTrue();
            throttle.failed("acme|user" + i + "@b.example", "10.9.9.9");
        }
        assertThat(throttle.addressAllowed("10.9.9.9")).isFalse();
        assertThat(throttle.addressAllowed("10.9.9.8")).isTrue();
    }
}
