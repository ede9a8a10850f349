package org.fieldstone.ops.status;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TooManyRequests;

/**
 * How often the public subscribe form may be used (Bucket4j, as the sign-in and portal throttles): per client
 * address, and in total, so the form cannot be used to mail-bomb strangers with confirmation emails. In memory per
 * node, in bounded caches.
 */
final class SubscribeThrottle {

    static final Duration WINDOW = Duration.ofHours(1);

    private final int perAddress;
    private final Bucket total;
    private final Cache<String, Bucket> addresses = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(WINDOW).build();

    SubscribeThrottle(int perAddress, int total) {
        this.perAddress = perAddress;
        this.total = bucket(total);
    }

    /** @throws TooManyRequests when this address or everyone together used up the hour's budget */
    void take(String address) {
        Bucket mine = addresses.get(address == null ? "?" : address, k -> bucket(perAddress));
        if (!mine.tryConsume(1)) {
            throw new TooManyRequests(Message.of("status.refused.throttled"), WINDOW);
        }
        if (!total.tryConsume(1)) {
            mine.addTokens(1);
            throw new TooManyRequests(Message.of("status.refused.throttled"), WINDOW);
        }
    }

    private static Bucket bucket(int capacity) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, WINDOW).build()).build();
    }
}
