package org.fieldstone.clients.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyEvents;
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
 * On a mismatch the rows updated since the order's latest {@code updated_at} are read again (usually a few),
 * opening only the names of rows that are new or whose version changed; the stamp this gives is computed from
 * the previous one and those rows, and is used only if it equals the table's. Otherwise (a row deleted, or written
 * with an older {@code updated_at}: another node's clock, plain SQL) every row's {@code id, version, archived,
 * updated_at, name} is read, again opening only new or changed names and dropping rows that are gone, and the
 * stamp is computed from the very rows read (one statement, one snapshot). Either way the stamp kept never claims
 * to be newer than the contents: it is the stamp read before them, or theirs. The order is sorted again only when
 * a name, or the set of clients, changed. A change that leaves count, version sum and latest
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
    /** Changed entries kept over the others before they are merged into one map. */
    private static final int MAX_RECENT = 64;

    private static final Comparator<Entry> BY_NAME = (a, b) -> {
        int byName = a.sortKey().compareTo(b.sortKey());
        return byName != 0 ? byName : a.id().compareTo(b.id());
    };

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
        if (cached == null) {
            return remember(db, full(db, null));
        }
        Stamp now = stamp(db);
        if (cached.stamp().equals(now)) {
            return cached;
        }
        // usually a few rows were written since: read those, and keep the result only if it adds up to the stamp
        Order merged = changedSince(db, cached);
        return remember(db, merged.stamp().equals(now) ? merged : full(db, merged));
    }

    private Order remember(CompanyDatabase db, Order order) {
        orders.put(db.tenant(), order);
        return order;
    }

    /** Names of a suspended company leave memory at once (its requests are refused anyway). */
    /** A company that stops being served keeps no opened names in memory. */
    @EventListener
    void suspended(CompanySuspended event) {
        orders.invalidate(event.tenant());
    }

    @EventListener
    void deleted(CompanyEvents.CompanyDeleted event) {
        orders.invalidate(event.tenant());
    }

    @EventListener
    void destroyed(CompanyEvents.CompanyDestroyed event) {
        orders.invalidate(event.tenant());
    }

    private static Stamp stamp(CompanyDatabase db) {
        return db.jdbc().sql("SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(updated_at), 0) FROM clients")
                .query((rs, i) -> new Stamp(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    /**
     * The previous order with the rows updated at or after its latest {@code updated_at} read again. Its stamp is
     * computed from the previous one and those rows: it equals the table's only if nothing else changed (a row
     * deleted, or written with an older {@code updated_at} — another node's clock, or plain SQL), and the caller
     * then reads everything. The changed entries go to a small map over the previous one, not to a copy of it.
     */
    private Order changedSince(CompanyDatabase db, Order previous) {
        Map<String, Entry> recent = new HashMap<>(previous.recent());
        Builder b = new Builder(previous.stamp(), previous.active(), false);
        db.jdbc().sql("SELECT id, version, archived, updated_at, name FROM clients WHERE updated_at >= :since")
                .param("since", previous.stamp().lastUpdate())
                .query(rs -> {
                    Entry old = previous.entry(rs.getString(1));
                    Entry now = b.read(db, rs, old);
                    if (now != old) {
                        recent.put(now.id(), now);
                        b.rows += old == null ? 1 : 0;
                        b.versions += now.version() - (old == null ? 0 : old.version());
                        b.active += (now.archived() ? 0 : 1) - (old == null || old.archived() ? 0 : 1);
                    }
                });
        if (recent.size() > MAX_RECENT) {
            Map<String, Entry> all = new HashMap<>(previous.base());
            all.putAll(recent);
            return b.build(previous, Collections.unmodifiableMap(all), Map.of());
        }
        return b.build(previous, previous.base(), Collections.unmodifiableMap(recent));
    }

    /**
     * Every row; only the names of rows that are new or at another version than in {@code previous} are opened,
     * and rows no longer there are dropped.
     */
    private Order full(CompanyDatabase db, Order previous) {
        int expected = previous == null ? 16 : previous.size();
        Map<String, Entry> all = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
        Builder b = new Builder(new Stamp(0, 0, 0), 0, previous == null);
        db.jdbc().sql("SELECT id, version, archived, updated_at, name FROM clients").query(rs -> {
            Entry now = b.read(db, rs, previous == null ? null : previous.entry(rs.getString(1)));
            all.put(now.id(), now);
            b.rows++;
            b.versions += now.version();
            b.active += now.archived() ? 0 : 1;
        });
        if (previous != null && all.size() != previous.size() + b.added.size()) {
            b.reorder = true; // rows are gone
        }
        return b.build(previous, Collections.unmodifiableMap(all), Map.of());
    }

    /** Collects the stamp of the rows read, the clients added and whether the order has to be sorted again. */
    private final class Builder {
        long rows;
        long versions;
        long lastUpdate;
        int active;
        boolean reorder;
        final List<Entry> added = new ArrayList<>();

        Builder(Stamp start, int active, boolean reorder) {
            this.rows = start.rows();
            this.versions = start.versions();
            this.lastUpdate = start.lastUpdate();
            this.active = active;
            this.reorder = reorder;
        }

        /** The row's entry: {@code old} itself if its version is the same, else with its name opened again. */
        Entry read(CompanyDatabase db, ResultSet rs, Entry old) throws SQLException {
            String id = rs.getString(1);
            long version = rs.getLong(2);
            boolean archived = rs.getBoolean(3);
            lastUpdate = Math.max(lastUpdate, rs.getLong(4));
            if (old != null && old.version() == version) {
                return old;
            }
            String name = protection.open(db.tenant(), "clients", "name", id, rs.getString(5));
            Entry now = new Entry(id, version, archived, name, name.toLowerCase(Locale.ROOT));
            if (old == null) {
                added.add(now);
                reorder = true;
            } else if (!old.sortKey().equals(now.sortKey())) {
                reorder = true;
            }
            return now;
        }

        Order build(Order previous, Map<String, Entry> base, Map<String, Entry> recent) {
            Stamp stamp = new Stamp(rows, versions, lastUpdate);
            if (!reorder && previous != null) {
                // the same clients with the same names: the same order
                return new Order(stamp, base, recent, previous.sorted(), active);
            }
            // the previous order first, then the new clients: nearly sorted input, which the merge sort takes in
            // about linear time
            List<Entry> entries = new ArrayList<>(base.size() + recent.size());
            if (previous != null) {
                for (String id : previous.sorted()) {
                    Entry e = recent.get(id);
                    e = e != null ? e : base.get(id);
                    if (e != null) {
                        entries.add(e);
                    }
                }
            }
            entries.addAll(added);
            entries.sort(BY_NAME);
            return new Order(stamp, base, recent, entries.stream().map(Entry::id).toList(), active);
        }
    }

    /** What the stamp query answers: changes with every insert, update or delete of a client. */
    record Stamp(long rows, long versions, long lastUpdate) {
    }

    /** One client as far as the order is concerned: its opened name (and sort key), as of its version. */
    record Entry(String id, long version, boolean archived, String name, String sortKey) {
    }

    /**
     * A company's clients: each by id ({@code recent} changes over {@code base}, both never changed once built),
     * and all their ids by name (then id), archived ones included; {@code active} counts those not archived.
     */
    record Order(Stamp stamp, Map<String, Entry> base, Map<String, Entry> recent, List<String> sorted, int active) {

        Entry entry(String id) {
            Entry e = recent.get(id);
            return e != null ? e : base.get(id);
        }

        int size() {
            return sorted.size();
        }

        /** Ids of one page of all clients (or only those not archived) and how many there are. */
        Slice page(boolean includeArchived, long offset, int size) {
            if (includeArchived) {
                int from = (int) Math.min(offset, sorted.size());
                return new Slice(sorted.subList(from, Math.min(sorted.size(), from + size)), sorted.size());
            }
            List<String> ids = new ArrayList<>(size);
            long skipped = 0;
            for (String id : sorted) {
                if (ids.size() == size) {
                    break;
                }
                if (entry(id).archived()) {
                    continue;
                }
                if (skipped++ >= offset) {
                    ids.add(id);
                }
            }
            return new Slice(ids, active);
        }

        /**
         * Ids of one page of the given clients in name order. Ids this order does not know yet (inserted after
         * it was taken) are left out: the answer is as of the order's stamp.
         */
        Slice page(Collection<String> matches, boolean includeArchived, long offset, int size) {
            List<Entry> found = new ArrayList<>(matches.size());
            for (String id : matches) {
                Entry e = entry(id);
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
