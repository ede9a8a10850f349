package org.fieldstone.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fieldstone.session.*}, {@code fieldstone.login.*} and {@code fieldstone.password.*}.
 *
 * @param session  idle timeout (default 30 min) and absolute lifetime (default 12 h)
 * @param login    throttling: failures per account before lockout, lockout doubling up to a maximum,
 *                 failed attempts per client address per window
 * @param password bcrypt cost (never below 12)
 */
@ConfigurationProperties("fieldstone")
record IdentityProperties(Session session, Login login, Password password) {

    IdentityProperties {
        session = session != null ? session : new Session(null, null);
        login = login != null ? login : new Login(null, null, null, null, null);
        password = password != null ? password : new Password(null);
    }

    record Session(Duration idleTimeout, Duration absoluteLifetime) {
        Session {
            idleTimeout = idleTimeout != null ? idleTimeout : Duration.ofMinutes(30);
            absoluteLifetime = absoluteLifetime != null ? absoluteLifetime : Duration.ofHours(12);
        }
    }

    record Login(Integer maxFailures, Duration firstLockout, Duration maxLockout, Integer maxFailuresPerAddress,
                 Duration addressWindow) {
        Login {
            maxFailures = maxFailures != null ? maxFailures : 5;
            firstLockout = firstLockout != null ? firstLockout : Duration.ofMinutes(1);
            maxLockout = maxLockout != null ? maxLockout : Duration.ofHours(1);
            maxFailuresPerAddress = maxFailuresPerAddress != null ? maxFailuresPerAddress : 30;
            addressWindow = addressWindow != null ? addressWindow : Duration.ofMinutes(10);
        }
    }

    record Password(Integer bcryptCost) {
        Password {
            bcryptCost = bcryptCost != null ? bcryptCost : 12;
            if (bcryptCost < 12) {
                throw new IllegalArgumentException("fieldstone.password.bcrypt-cost must be at least 12");
            }
        }
    }
}
