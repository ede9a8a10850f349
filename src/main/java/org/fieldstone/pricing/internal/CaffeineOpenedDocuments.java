package org.fieldstone.pricing.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.fieldstone.pricing.OpenedDocuments;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyEvents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@link OpenedDocuments} in a Caffeine cache of at most {@code fieldstone.documents.opened-cache-size} entries (default
 * {@value #DEFAULT_SIZE}: a few kilobytes each), each dropped after {@link #IDLE} unused.
 */
@Component
class CaffeineOpenedDocuments implements OpenedDocuments {

    static final long DEFAULT_SIZE = 10_000;
    static final Duration IDLE = Duration.ofMinutes(10);

    private record Key(TenantId company, String table, String id, long version) {
    }

    /** What an entry was made from, and what it made. */
    private record Entry(List<String> stored, Object value) {
    }

    private final Cache<Key, Entry> entries;

    CaffeineOpenedDocuments(@Value("${fieldstone.documents.opened-cache-size:" + DEFAULT_SIZE + "}") long size) {
        this.entries = Caffeine.newBuilder().maximumSize(size).expireAfterAccess(IDLE).build();
    }

    @Override
    public <V> V open(TenantId company, String table, String id, long version, List<String> stored, Class<V> type,
                      Supplier<V> open) {
        Key key = new Key(company, table, id, version);
        Entry kept = entries.getIfPresent(key);
        if (kept != null && kept.stored().equals(stored) && type.isInstance(kept.value())) {
            return type.cast(kept.value());
        }
        V value = open.get();
        // a copy (nulls allowed): the caller's list is not ours to keep
        entries.put(key, new Entry(Collections.unmodifiableList(new ArrayList<>(stored)), value));
        return value;
    }

    /** The entries kept now (after pending evictions): for tests. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** A company that stops being served keeps nothing opened in memory. */
    @EventListener
    void suspended(CompanyEvents.CompanySuspended event) {
        forget(event.tenant());
    }

    @EventListener
    void deleted(CompanyEvents.CompanyDeleted event) {
        forget(event.tenant());
    }

    @EventListener
    void destroyed(CompanyEvents.CompanyDestroyed event) {
        forget(event.tenant());
    }

    void forget(TenantId company) {
        entries.asMap().keySet().removeIf(k -> k.company().equals(company));
    }
}
