package org.fieldstone.clients.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyEvents.CompanySuspended;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every company's clients in name order, kept in memory so that a list page does not open every client's
 * encrypted name (the stored names are ciphertext: the database cannot order them).
 *
 * <p><b>Correct across nodes without events.</b> Before each use the order is checked against a one-row
 * <em>stamp</em> of the clients table — the number of rows, the sum of their versions and the latest
 * {@code updated_at}. Every write of a client goes through the one write path, which bumps the row's version
 * (and {@code updated_at}), so an insert, a rename, an archive or a restore made by any node changes the stamp.
 * On a mismatch the order is refreshed from {@code id, version, archived, updated_at, name} of every row, opening
 * only the names of rows that are new or whose version changed, and dropping rows that are gone; the stamp of
 * the refreshed order is computed from the very rows it was built from (one statement, one snapshot), so it can
 * never claim to be newer than its contents. A change that leaves count, version sum and latest
 * {@code updated_at} all equal (only possible by editing rows outside the write path) would go unnoticed until
 * the next real change; key rotation rewrites ciphertexts but not names, and needs no refresh.
 *
 * <p><b>Plaintext in memory.</b> The entries hold the <em>opened</em> client names (and their lower-case sort
 * keys) of up to {@link #MAX_CLIENTS} clients in the JVM heap, per company for up to {@link #IDLE} after its
 * last use, and are evicted when the company is suspended. Anyone who can read this process's memory (a heap
 * dump, a debugger, a core file) sees them — as they could see any name in flight through a request. They are
 * never written anywhere; the names stay sealed at rest.
 */
@Component
class ClientNameOrder {

    /** Bound on the clients held, over all companies (each weighs 1 + its clients; about 250 bytes a client). */
    static final long MAX_CLIENTS = 1_000_000;
    /** A company's order is dropped after this long unused. */
    static final Duration IDLE = Duration.ofMinutes(10);

    private static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::sortKey).thenComparing(Entry::id);

    private final FieldProtection protection;
    private final Cache<TenantId, Order> orders = Caffeine.newBuilder()
            .maximumWeight(MAX_CLIENTS)
            .weigher((TenantId tenant, Order order) -> 1 + order.size())
            .expireAfterAccess(IDLE)
            .build();

    ClientNameOrder(FieldProtection protection) {
        this.protection = protection;
    }

    /** The company's clients in name order, as of this call or later. */
    Order of(CompanyDatabase db) {
        Order cached = orders.getIfPresent(db.tenant());
        if (cached != null && cached.stamp().equals(stamp(db))) {
            return cached;
        }
        Order fresh = refresh(db, cached);
        orders.put(db.tenant(), fresh);
        return fresh;
    }

    /** Names of a suspended company leave memory at once (its requests are refused anyway). */
    @EventListener
    void suspended(CompanySuspended event) {
        orders.invalidate(event.tenant());
    }

    /** For tests and the deletion of a company: forgets the company's order. */
    void forget(TenantId tenant) {
        orders.invalidate(tenant);
    }

    private static Stamp stamp(CompanyDatabase db) {
        return db.jdbc().sql("SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(updated_at), 0) FROM clients")
                .query((rs, i) -> new Stamp(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private Order refresh(CompanyDatabase db, Order previous) {
        Map<String, Entry> known = previous == null ? Map.of() : previous.byId();
        Map<String, Entry> byId = new HashMap<>(Math.max(16, known.size() * 4 / 3 + 1));
        long[] sums = new long[3];
        db.jdbc().sql("SELECT id, version, archived, updated_at, name FROM clients").query(rs -> {
            String id = rs.getString(1);
            long version = rs.getLong(2);
            boolean archived = rs.getBoolean(3);
            long updatedAt = rs.getLong(4);
            Entry old = known.get(id);
            Entry entry;
            if (old != null && old.version() == version) {
                entry = old.archived() == archived ? old : new Entry(id, version, archived, old.name(), old.sortKey());
            } else {
                String name = protection.open(db.tenant(), "clients", "name", id, rs.getString(5));
                entry = new Entry(id, version, archived, name, name.toLowerCase(Locale.ROOT));
            }
            byId.put(id, entry);
            sums[0]++;
            sums[1] += version;
            sums[2] = Math.max(sums[2], updatedAt);
        });
        Entry[] sorted = byId.values().toArray(Entry[]::new);
        Arrays.sort(sorted, BY_NAME);
        int active = 0;
        for (Entry e : sorted) {
            active += e.archived() ? 0 : 1;
        }
        return new Order(new Stamp(sums[0], sums[1], sums[2]), Collections.unmodifiableMap(byId), List.of(sorted), active);
    }

    /** What the stamp query answers: changes with every insert, update or delete of a client. */
    record Stamp(long rows, long versions, long lastUpdate) {
    }

    /** One client's place in the order: its opened name, as of its version. */
    record Entry(String id, long version, boolean archived, String name, String sortKey) {
    }

    /** A company's clients by name (then id), archived ones included and marked. */
    record Order(Stamp stamp, Map<String, Entry> byId, List<Entry> sorted, int active) {

        int size() {
            return sorted.size();
        }

        /** Ids of one page of all clients (or only those not archived) and how many there are. */
        Slice page(boolean includeArchived, long offset, int size) {
            List<String> ids = new ArrayList<>(size);
            long skipped = 0;
            for (Entry e : sorted) {
                if (ids.size() == size) {
                    break;
                }
                if (!includeArchived && e.archived()) {
                    continue;
                }
                if (skipped++ >= offset) {
                    ids.add(e.id());
                }
            }
            return new Slice(ids, includeArchived ? sorted.size() : active);
        }

        /**
         * Ids of one page of the given clients in name order. Ids this order does not know yet (inserted after
         * it was taken) are left out: the answer is as of the order's stamp.
         */
        Slice page(Collection<String> matches, boolean includeArchived, long offset, int size) {
            List<Entry> found = new ArrayList<>(matches.size());
            for (String id : matches) {
                Entry e = byId.get(id);
                if (e != null && (includeArchived || !e.archived())) {
                    found.add(e);
                }
            }
            found.sort(BY_NAME);
            List<String> ids = found.stream().skip(offset).limit(size).map(Entry::id).toList();
            return new Slice(ids, found.size());
        }
    }

    /** A page of ids and the total it is a page of. */
    record Slice(List<String> ids, long total) {
    }
}
