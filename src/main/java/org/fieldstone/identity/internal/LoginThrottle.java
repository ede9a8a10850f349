package org.fieldstone.identity.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing. Per account (company + email, whether or not the account exists, so the
 * answer never tells which emails exist): after {@code maxFailures} failures a lockout that doubles with
 * every further failure up to {@code maxLockout}. Per client address: a Bucket4j budget of failed
 * attempts per window. Kept in memory on this node (a shared Bucket4j backend comes with scale-out).
 */
@Component
class LoginThrottle {

    private final IdentityProperties.Login config;
    private final Clock clock;
    private final Map<String, AccountFailures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

    LoginThrottle(IdentityProperties properties, Clock clock) {
        this.config = properties.login();
        this.clock = clock;
    }

    /** How long the account must wait before the next attempt; zero when it may try now. */
    Duration accountWait(String accountKey) {
        AccountFailures f = accounts.get(accountKey);
        if (f == null) {
            return Duration.ZERO;
        }
        long wait = f.lockedUntil - clock.millis();
        return wait > 0 ? Duration.ofMillis(wait) : Duration.ZERO;
    }

    boolean addressAllowed(String address) {
        Bucket bucket = addresses.get(key(address));
        return bucket == null || bucket.getAvailableTokens() > 0;
    }

    /** Records a failure; returns true when this failure started (or extended) a lockout. */
    boolean failed(String accountKey, String address) {
        bucket(address).tryConsume(1);
        long now = clock.millis();
        AccountFailures f = accounts.compute(accountKey, (k, old) -> {
            int count = (old == null || now - old.lastFailure > config.maxLockout().toMillis()) ? 1 : old.count + 1;
            long lockedUntil = 0;
            if (count >= config.maxFailures()) {
                int doublings = Math.min(count - config.maxFailures(), 20);
                long lock = Math.min(config.firstLockout().toMillis() << doublings, config.maxLockout().toMillis());
                lockedUntil = now + lock;
            }
            return new AccountFailures(count, now, lockedUntil);
        });
        return f.lockedUntil > now;
    }

    void succeeded(String accountKey) {
        accounts.remove(accountKey);
    }

    private Bucket bucket(String address) {
        return addresses.computeIfAbsent(key(address), a -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(config.maxFailuresPerAddress())
                        .refillGreedy(config.maxFailuresPerAddress(), config.addressWindow())
                        .build())
                .build());
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }

    /** Forgets what no longer matters so the maps stay small. */
    @Scheduled(fixedDelay = 600_000)
    void forgetOld() {
        long cutoff = clock.millis() - config.maxLockout().toMillis();
        accounts.values().removeIf(f -> f.lastFailure < cutoff && f.lockedUntil < clock.millis());
        addresses.values().removeIf(b -> b.getAvailableTokens() >= config.maxFailuresPerAddress());
    }

    private record AccountFailures(int count, long lastFailure, long lockedUntil) {
    }
}
