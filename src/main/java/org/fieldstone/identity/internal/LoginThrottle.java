package org.fieldstone.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TooManyRequests;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing (sign-in and password change).
 *
 * <p>Per account — company + submitted email, whether or not the account exists, so a lockout reveals
 * nothing: from the {@code maxFailures}th failure a lockout of {@code firstLockout} that doubles with every
 * further failure up to {@code maxLockout}. Per client address (IPv6 grouped by /64): a Bucket4j budget of
 * failed attempts per window.
 *
 * <p>An attempt is reserved with {@link #begin} <em>before</em> the password is checked, so guesses sent in
 * parallel count as much as guesses sent one after the other; {@link #succeeded} gives the reservation back.
 * Both maps are bounded caches keyed by hashes, so junk input cannot grow them without bound. Kept in memory
 * on this node (decision 0005).
 */
@Component
class LoginThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private final IdentityProperties.Login config;
    private final Clock clock;
    private final Cache<String, AccountFailures> accounts;
    private final Cache<String, Bucket> addresses;

    LoginThrottle(IdentityProperties properties, Clock clock) {
        this.config = properties.login();
        this.clock = clock;
        this.accounts = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterAccess(config.maxLockout().multipliedBy(2)).build();
        this.addresses = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterAccess(config.addressWindow()).build();
    }

    /**
     * Reserves one attempt for {@code account} from {@code address}.
     *
     * @throws TooManyRequests when the account is locked or the address has used up its budget
     */
    void begin(String account, String address) {
        Bucket bucket = addresses.get(addressKey(address), k -> newBucket());
        if (!bucket.tryConsume(1)) {
            throw new TooManyRequests(Message.of("identity.refused.throttled-network"),
                    config.addressWindow());
        }
        long now = clock.millis();
        boolean[] locked = {false};
        AccountFailures state = accounts.asMap().compute(accountKey(account), (k, old) -> {
            if (old != null && old.lockedUntil > now) {
                locked[0] = true;
                return old;
            }
            int count = (old == null || now - old.lastFailure > config.maxLockout().toMillis()) ? 1 : old.count + 1;
            long lockedUntil = count >= config.maxFailures() ? now + lockout(count) : 0;
            return new AccountFailures(count, now, lockedUntil);
        });
        if (locked[0]) {
            bucket.addTokens(1);
            throw locked(Duration.ofMillis(state.lockedUntil - now));
        }
    }

    /** The attempt failed; returns the lockout it started, if any (the next attempt will be refused). */
    Duration failed(String account) {
        AccountFailures f = accounts.getIfPresent(accountKey(account));
        long wait = f == null ? 0 : f.lockedUntil - clock.millis();
        return wait > 0 ? Duration.ofMillis(wait) : Duration.ZERO;
    }

    /** The attempt succeeded: the account's failures are forgotten and the address's budget restored. */
    void succeeded(String account, String address) {
        accounts.invalidate(accountKey(account));
        Bucket bucket = addresses.getIfPresent(addressKey(address));
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    static TooManyRequests locked(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return new TooManyRequests(Message.of("identity.refused.throttled", minutes), wait);
    }

    private long lockout(int count) {
        int doublings = Math.min(count - config.maxFailures(), 20);
        return Math.min(config.firstLockout().toMillis() << doublings, config.maxLockout().toMillis());
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(config.maxFailuresPerAddress())
                        .refillGreedy(config.maxFailuresPerAddress(), config.addressWindow())
                        .build())
                .build();
    }

    private static String accountKey(String account) {
        return HexFormat.of().formatHex(Secrets.sha256(account.getBytes(StandardCharsets.UTF_8)));
    }

    /** IPv4 as is; IPv6 by its /64 network, which one client can rotate through freely. */
    static String addressKey(String address) {
        if (address == null) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64" : address;
        } catch (UnknownHostException e) {
            return "invalid";
        }
    }

    private record AccountFailures(int count, long lastFailure, long lockedUntil) {
    }
}
