package org.fieldstone.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Which request writes an API key's last use. Of the concurrent requests with one key from one address that find
 * it due, only the first on this node does, and then not again for a while, instead of each queueing behind the
 * company's writers for the same update: every minute, every busy key's requests used to stall there together.
 * Times are the caller's clock (epoch milliseconds), so a test clock moves them.
 */
final class ApiKeyTouches {

    private final long every;
    /** Key id and address → when this node last wrote that key's last use. */
    private final Cache<String, Long> touched = Caffeine.newBuilder().maximumSize(100_000).build();

    ApiKeyTouches(long everyMillis) {
        this.every = everyMillis;
    }

    boolean firstToTouch(String keyId, String ip, long now) {
        boolean[] first = {false};
        touched.asMap().compute(keyId + ' ' + ip, (k, last) -> {
            if (last != null && now >= last && now - last <= every) {
                return last;
            }
            first[0] = true;
            return now;
        });
        return first[0];
    }
}
