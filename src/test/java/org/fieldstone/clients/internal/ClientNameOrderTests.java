package org.fieldstone.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.FieldProtection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The in-memory name order against a real (SQLite) clients table changed behind its back, as another node or plain
 * SQL would: after every change the next use must give exactly the order a sort of the table gives, opening
 * only names that are new or changed.
 */
class ClientNameOrderTests {

    private final SingleConnectionDataSource source = new SingleConnectionDataSource("jdbc:sqlite::memory:", true);
    private final JdbcClient jdbc = JdbcClient.create(source);
    private final TenantId tenant = TenantId.random();
    private final AtomicInteger opened = new AtomicInteger();
    private final ClientNameOrder order = new ClientNameOrder(new Plain());
    private final CompanyDatabase db = new CompanyDatabase() {
        @Override
        public TenantId tenant() {
            return tenant;
        }

        @Override
        public JdbcClient jdbc() {
            return jdbc;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }

        @Override
        public String engine() {
            return "sqlite";
        }
    };
    private long clock = 1_000_000;

    ClientNameOrderTests() {
        jdbc.sql("CREATE TABLE clients (id TEXT PRIMARY KEY, name TEXT NOT NULL, archived BOOLEAN NOT NULL,"
                + " version BIGINT NOT NULL, updated_at BIGINT NOT NULL)").update();
    }

    @AfterEach
    void close() {
        source.destroy();
    }

    @Test
    void onlyNewAndChangedNamesAreOpenedAndAnUnchangedTableIsNotReadAgain() {
        for (int i = 0; i < 100; i++) {
            insert("c" + i, "Name " + (100 - i));
        }
        assertOrder(false);
        assertThat(opened.getAndSet(0)).isEqualTo(100);
        assertOrder(false);
        assertThat(opened.get()).as("nothing changed").isZero();

        update("c5", "Renamed", false, +1, 0);
        insert("c100", "Aardvark");
        assertOrder(false);
        assertThat(opened.getAndSet(0)).isEqualTo(2);
        update("c6", "Name 94", true, +1, 0);
        assertOrder(false);
        assertOrder(true);
        assertThat(opened.getAndSet(0)).as("archived: reopened once, at its new version").isEqualTo(1);

        // from a node whose clock is behind: not among the rows updated since, found by the stamp all the same
        update("c7", "Zebra", false, +1, -3_600_000);
        assertOrder(false);
        assertThat(opened.getAndSet(0)).isEqualTo(1);
        jdbc.sql("DELETE FROM clients WHERE id = 'c8'").update();
        assertOrder(false);
        assertThat(opened.get()).as("a row gone: nothing to open").isZero();
    }

    @Test
    void followsRandomChangesOfEveryKind() {
        Random random = new Random(4);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add("r" + i);
            insert("r" + i, word(random));
        }
        for (int round = 0; round < 200; round++) {
            // sometimes many changes at once (more than are kept over the others), mostly a few
            int changes = random.nextInt(10) == 0 ? 100 : 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                String id = ids.get(random.nextInt(ids.size()));
                switch (random.nextInt(8)) {
                    case 0 -> {
                        String added = "r" + ids.size();
                        ids.add(added);
                        insert(added, word(random));
                    }
                    case 1 -> update(id, word(random), random.nextBoolean(), +1, 0);
                    case 2 -> update(id, null, random.nextBoolean(), +1, 0);
                    case 3 -> update(id, word(random), false, +1, -random.nextInt(10_000));
                    case 4 -> jdbc.sql("DELETE FROM clients WHERE id = :id").param("id", id).update();
                    default -> update(id, null, false, +1, 0); // another field changed: the version alone
                }
            }
            assertOrder(random.nextBoolean());
        }
    }

    private void assertOrder(boolean includeArchived) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT id, name, archived FROM clients").query().listOfRows();
        List<String> expected = rows.stream()
                .filter(r -> includeArchived || !Boolean.TRUE.equals(archived(r.get("archived"))))
                .sorted(Comparator.comparing((Map<String, Object> r) -> ((String) r.get("name")).toLowerCase(Locale.ROOT))
                        .thenComparing(r -> (String) r.get("id")))
                .map(r -> (String) r.get("id")).toList();
        ClientNameOrder.Order now = order.of(db);
        ClientNameOrder.Slice all = now.page(includeArchived, 0, 100_000);
        assertThat(all.ids()).isEqualTo(expected);
        assertThat(all.total()).isEqualTo(expected.size());
        if (expected.size() > 15) {
            assertThat(now.page(includeArchived, 10, 5).ids()).isEqualTo(expected.subList(10, 15));
            Set<String> some = Set.copyOf(expected.subList(3, 15));
            assertThat(now.page(some, includeArchived, 2, 5).ids()).isEqualTo(expected.subList(5, 10));
        }
        Map<String, String> names = new LinkedHashMap<>();
        rows.forEach(r -> names.put((String) r.get("id"), (String) r.get("name")));
        names.forEach((id, name) -> assertThat(now.entry(id).name()).isEqualTo(name));
    }

    private static Boolean archived(Object value) {
        return value instanceof Number n ? n.intValue() != 0 : (Boolean) value;
    }

    private void insert(String id, String name) {
        clock += 1 + (clock % 3 == 0 ? 0 : 1); // now and then two writes in the same millisecond
        jdbc.sql("INSERT INTO clients (id, name, archived, version, updated_at) VALUES (:id, :name, :archived, 1, :at)")
                .param("id", id).param("name", name).param("archived", false).param("at", clock).update();
    }

    /** Like a write: a new version and updated_at ({@code skew} ms off this node's clock); name null: unchanged. */
    private void update(String id, String name, boolean archived, int versions, long skew) {
        clock += 1;
        jdbc.sql("UPDATE clients SET name = COALESCE(:name, name), archived = :archived, version = version + :versions,"
                        + " updated_at = :at WHERE id = :id")
                .param("name", name).param("archived", archived).param("versions", versions).param("at", clock + skew)
                .param("id", id).update();
    }

    private static String word(Random random) {
        String[] words = {"alpha", "Alpha", "bravo", "Charlie", "delta", "Echo", "foxtrot", "Golf", "hotel", "Ärger"};
        return words[random.nextInt(words.length)] + (random.nextBoolean() ? "" : " " + random.nextInt(50));
    }

    /** Stored names are the names themselves here; every opening is counted. */
    private final class Plain implements FieldProtection {
        @Override
        public String seal(TenantId tenant, String table, String column, String rowId, String value) {
            return value;
        }

        @Override
        public String open(TenantId tenant, String table, String column, String rowId, String stored) {
            opened.incrementAndGet();
            return stored;
        }

        @Override
        public String index(TenantId tenant, String table, String column, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> lookup(TenantId tenant, String table, String column, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> wordTokens(TenantId tenant, String table, String column, String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<List<String>> queryTokens(TenantId tenant, String table, String column, String query) {
            throw new UnsupportedOperationException();
        }
    }
}
