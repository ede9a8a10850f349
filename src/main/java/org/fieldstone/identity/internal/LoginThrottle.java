package org.fieldstone.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.tenancy.ControlPlane;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * Both are keyed by hashes, so junk input reveals nothing. On SQLite (one node) both are bounded caches in memory
 * (decision 0005); on PostgreSQL, where several nodes serve the same companies, both live in the control plane so
 * that they count across the nodes (decision 0066): the address budgets as Bucket4j buckets
 * ({@code login_buckets}, PostgreSQL proxy manager, {@code SELECT … FOR UPDATE}), the account failures as rows of
 * {@code login_failures} updated by compare-and-set on a version.
 */
@Component
class LoginThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private final IdentityProperties.Login config;
    private final Clock clock;
    private final Accounts accounts;
    private final Addresses addresses;

    /** In memory: one node (SQLite, and the unit tests). */
    LoginThrottle(IdentityProperties properties, Clock clock) {
        this(properties, clock, null);
    }

    @Autowired
    LoginThrottle(IdentityProperties properties, Clock clock, ControlPlane controlPlane) {
        this.config = properties.login();
        this.clock = clock;
        if (controlPlane != null && "postgresql".equals(controlPlane.engine())) {
            this.accounts = new SharedAccounts(controlPlane.jdbc());
            this.addresses = new SharedAddresses(controlPlane, newBucketConfiguration());
        } else {
            this.accounts = new LocalAccounts(Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
                    .expireAfterAccess(config.maxLockout().multipliedBy(2)).<String, AccountFailures>build());
            Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
                    .expireAfterAccess(config.addressWindow()).build();
            this.addresses = key -> buckets.get(key, k -> Bucket.builder().addLimit(limit()).build());
        }
    }

    /**
     * Reserves one attempt for {@code account} from {@code address}.
     *
     * @throws TooManyRequests when the account is locked or the address has used up its budget
     */
    void begin(String account, String address) {
        var bucket = addresses.bucket(addressKey(address));
        if (!bucket.tryConsume(1)) {
            throw new TooManyRequests(Message.of("identity.refused.throttled-network"),
                    config.addressWindow());
        }
        long now = clock.millis();
        boolean[] locked = {false};
        AccountFailures state = accounts.compute(accountKey(account), old -> {
            locked[0] = false;
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
        AccountFailures f = accounts.get(accountKey(account));
        long wait = f == null ? 0 : f.lockedUntil - clock.millis();
        return wait > 0 ? Duration.ofMillis(wait) : Duration.ZERO;
    }

    /** The attempt succeeded: the account's failures are forgotten and the address's budget restored. */
    void succeeded(String account, String address) {
        accounts.remove(accountKey(account));
        addresses.bucket(addressKey(address)).addTokens(1);
    }

    /** Forgets failures older than the longest lockout and budgets refilled long ago (shared state only). */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${fieldstone.login.prune-delay:PT10M}",
            initialDelayString = "${fieldstone.login.prune-delay:PT10M}")
    void prune() {
        accounts.prune(clock.millis() - config.maxLockout().multipliedBy(2).toMillis());
        addresses.prune();
    }

    static TooManyRequests locked(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return new TooManyRequests(Message.of("identity.refused.throttled", minutes), wait);
    }

    private long lockout(int count) {
        int doublings = Math.min(count - config.maxFailures(), 20);
        return Math.min(config.firstLockout().toMillis() << doublings, config.maxLockout().toMillis());
    }

    private Bandwidth limit() {
        return Bandwidth.builder()
                .capacity(config.maxFailuresPerAddress())
                .refillGreedy(config.maxFailuresPerAddress(), config.addressWindow())
                .build();
    }

    private BucketConfiguration newBucketConfiguration() {
        return BucketConfiguration.builder().addLimit(limit()).build();
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

    record AccountFailures(int count, long lastFailure, long lockedUntil) {
    }

    /** The failures of accounts by key. */
    interface Accounts {
        AccountFailures get(String key);

        /** Replaces the account's state (null: none yet) atomically with what {@code change} makes of it. */
        AccountFailures compute(String key, java.util.function.UnaryOperator<AccountFailures> change);

        void remove(String key);

        default void prune(long failedBefore) {
        }
    }

    /** The failure budgets of client addresses by key. */
    interface Addresses {
        Bucket bucket(String key);

        default void prune() {
        }
    }

    private record LocalAccounts(Cache<String, AccountFailures> cache) implements Accounts {
        @Override
        public AccountFailures get(String key) {
            return cache.getIfPresent(key);
        }

        @Override
        public AccountFailures compute(String key, java.util.function.UnaryOperator<AccountFailures> change) {
            return cache.asMap().compute(key, (k, old) -> change.apply(old));
        }

        @Override
        public void remove(String key) {
            cache.invalidate(key);
        }
    }

    /**
     * Account failures in the control plane, shared by every node: read, computed here, written back only if nobody
     * changed the row meanwhile (its version), else tried again — so parallel guesses on two nodes each count.
     */
    private record SharedAccounts(JdbcClient jdbc) implements Accounts {
        @Override
        public AccountFailures get(String key) {
            return read(key).map(Versioned::state).orElse(null);
        }

        private java.util.Optional<Versioned> read(String key) {
            return jdbc.sql("SELECT failures, last_failure, locked_until, version FROM login_failures WHERE account = :a")
                    .param("a", key)
                    .query((rs, i) -> new Versioned(new AccountFailures(rs.getInt(1), rs.getLong(2), rs.getLong(3)),
                            rs.getLong(4)))
                    .optional();
        }

        @Override
        public AccountFailures compute(String key, java.util.function.UnaryOperator<AccountFailures> change) {
            while (true) {
                var old = read(key);
                AccountFailures next = change.apply(old.map(Versioned::state).orElse(null));
                int written = old.isEmpty()
                        ? jdbc.sql("""
                                INSERT INTO login_failures (account, failures, last_failure, locked_until, version)
                                VALUES (:a, :f, :last, :until, 1) ON CONFLICT (account) DO NOTHING
                                """).param("a", key).param("f", next.count()).param("last", next.lastFailure())
                                .param("until", next.lockedUntil()).update()
                        : jdbc.sql("""
                                UPDATE login_failures SET failures = :f, last_failure = :last, locked_until = :until,
                                       version = version + 1
                                WHERE account = :a AND version = :v
                                """).param("a", key).param("f", next.count()).param("last", next.lastFailure())
                                .param("until", next.lockedUntil()).param("v", old.get().version()).update();
                if (written == 1) {
                    return next;
                }
            }
        }

        @Override
        public void remove(String key) {
            jdbc.sql("DELETE FROM login_failures WHERE account = :a").param("a", key).update();
        }

        @Override
        public void prune(long failedBefore) {
            jdbc.sql("DELETE FROM login_failures WHERE last_failure < :before AND locked_until < :before")
                    .param("before", failedBefore).update();
        }

        private record Versioned(AccountFailures state, long version) {
        }
    }

    /** Address budgets as Bucket4j buckets in the control plane, shared by every node. */
    private static final class SharedAddresses implements Addresses {
        private final io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
        private final BucketConfiguration configuration;

        SharedAddresses(ControlPlane controlPlane, BucketConfiguration configuration) {
            this.configuration = configuration;
            this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(controlPlane.dataSource())
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table("login_buckets")
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            Duration.ofMinutes(1)))
                    .build();
        }

        @Override
        public Bucket bucket(String key) {
            return buckets.builder().build(key, () -> configuration);
        }

        @Override
        public void prune() {
            while (buckets.removeExpired(1000) >= 1000) {
                // another batch
            }
        }
    }
}
