package org.fieldstone.tenancy.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.fieldstone.audit.AuditAnchors;
import org.fieldstone.audit.AuditAnchors.Anchor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanySnapshots;
import org.fieldstone.tenancy.CompanyStatus;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * {@link CompanySnapshots} on either engine (decision 0062). pg_dump is not used: a release's pg_dump must be at least
 * as new as the server, which an application cannot promise; PgJDBC's {@code COPY} in one repeatable-read transaction
 * gives the same consistent logical copy.
 */
final class DatabaseSnapshots implements CompanySnapshots {

    /** First bytes of a PostgreSQL snapshot: the format and its version. */
    private static final String PG_FORMAT = "fieldstone-pg-copy-1";
    private static final String HISTORY = "flyway_schema_history";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseServer server;
    private final CompanyRegistry registry;
    private final CompanyPools pools;
    private final AuditAnchors anchors;

    DatabaseSnapshots(DatabaseServer server, CompanyRegistry registry, CompanyPools pools, AuditAnchors anchors) {
        this.server = server;
        this.registry = registry;
        this.pools = pools;
        this.anchors = anchors;
    }

    @Override
    public Snapshot take(TenantId tenant, OutputStream out) {
        Company company = company(tenant);
        try {
            return switch (server) {
                case SqliteServer sqlite -> takeSqlite(sqlite, company, out);
                case PostgresServer pg -> takePostgres(pg, company, out);
                default -> throw new IllegalStateException("No snapshots on " + server.engine());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the snapshot of " + company.slug(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take a snapshot of " + company.slug() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Restored open(TenantId tenant, InputStream snapshot) {
        return load(tenant, snapshot, null);
    }

    @Override
    public Restored keep(TenantId tenant, InputStream snapshot, String name) {
        return load(tenant, snapshot, checkName(name));
    }

    @Override
    public boolean discard(TenantId tenant, String name) {
        Company company = company(tenant);
        return switch (server) {
            case SqliteServer sqlite -> {
                Path file = inspection(sqlite, tenant, checkName(name));
                boolean exists = Files.exists(file);
                deleteSqlite(file);
                yield exists;
            }
            case PostgresServer pg -> {
                String url = pg.besideUrl(company.placement(), "i" + checkName(name));
                boolean exists;
                try (Connection c = pg.connect(company.placement()); PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM pg_database WHERE datname = ?")) {
                    s.setString(1, url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*$", ""));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        exists = rs.getInt(1) > 0;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot look for " + name + ": " + e.getMessage(), e);
                }
                pg.dropAt(url);
                yield exists;
            }
            default -> throw new IllegalStateException("No snapshots on " + server.engine());
        };
    }

    private static String checkName(String name) {
        if (name == null || !name.matches("^[a-z0-9]{1,15}$")) {
            throw new IllegalArgumentException("An inspection copy's name is 1 to 15 letters and digits");
        }
        return name;
    }

    private static Path inspection(SqliteServer sqlite, TenantId tenant, String name) {
        return sqlite.scratchDir().resolve("inspect-" + tenant.compact() + "-" + name + ".db");
    }

    private Restored load(TenantId tenant, InputStream snapshot, String keepAs) {
        Company company = company(tenant);
        try {
            return switch (server) {
                case SqliteServer sqlite -> {
                    Path file = loadSqlite(sqlite, snapshot);
                    if (keepAs != null) {
                        Path kept = inspection(sqlite, tenant, keepAs);
                        deleteSqlite(kept);
                        Files.move(file, kept);
                        file = kept;
                    }
                    Path where = file;
                    SingleConnectionDataSource ds = sqliteSource(file);
                    Snapshot contents = describe(ds);
                    Migrations.company(ds, "sqlite");
                    yield new Scratch(tenant, ds, contents, where.toString(), () -> {
                        ds.destroy();
                        if (keepAs == null) {
                            deleteSqlite(where);
                        }
                    });
                }
                case PostgresServer pg -> {
                    String url = pg.besideUrl(company.placement(),
                            keepAs == null ? "s" + HexFormat.of().formatHex(random(4)) : "i" + keepAs);
                    if (keepAs != null) {
                        pg.dropAt(url);
                    }
                    Snapshot contents = loadPostgres(pg, url, snapshot);
                    DataSource ds = pgSource(pg, url);
                    yield new Scratch(tenant, ds, contents, url, () -> {
                        if (keepAs == null) {
                            pg.dropAt(url);
                        }
                    });
                }
                default -> throw new IllegalStateException("No snapshots on " + server.engine());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the snapshot of " + company.slug(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the snapshot of " + company.slug() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Snapshot replace(TenantId tenant, InputStream snapshot) {
        Company company = company(tenant);
        if (company.status() != CompanyStatus.SUSPENDED) {
            throw new Conflict(Message.of("tenancy.refused.status", company.slug(), company.status().word()));
        }
        // audit data keys made since the backup stay: a node may still hold one as its current key (they are only
        // wrapped keys; the entries they sealed are gone with the restore)
        List<Map<String, Object>> auditKeys = pools.of(tenant).jdbc().sql("SELECT id, wrapped, created_at FROM audit_keys")
                .query().listOfRows();
        try {
            switch (server) {
                case SqliteServer sqlite -> {
                    Path file = loadSqlite(sqlite, snapshot);
                    try {
                        SingleConnectionDataSource ds = sqliteSource(file);
                        try {
                            Migrations.company(ds, "sqlite");
                        } finally {
                            ds.destroy();
                        }
                        // the online backup API writes the pages into the live file: every open connection sees them
                        SingleConnectionDataSource live = sqliteSource(sqlite.file(company.placement()));
                        try (Connection c = live.getConnection(); Statement s = c.createStatement()) {
                            s.executeUpdate("restore from \"" + file.toAbsolutePath() + "\"");
                        } finally {
                            live.destroy();
                        }
                    } finally {
                        deleteSqlite(file);
                    }
                }
                case PostgresServer pg -> {
                    String url = pg.besideUrl(company.placement(), "restore");
                    pg.dropAt(url); // left by an interrupted restore
                    loadPostgres(pg, url, snapshot);
                    pools.close(tenant);
                    pg.replaceWith(company.placement(), url);
                }
                default -> throw new IllegalStateException("No snapshots on " + server.engine());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the snapshot of " + company.slug(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not restore " + company.slug() + ": " + e.getMessage(), e);
        }
        pools.close(tenant);
        JdbcClient db = pools.of(tenant).jdbc();
        for (Map<String, Object> key : auditKeys) {
            db.sql("""
                    INSERT INTO audit_keys (id, wrapped, created_at)
                    SELECT :id, :wrapped, :at WHERE NOT EXISTS (SELECT 1 FROM audit_keys WHERE id = :id)
                    """).param("id", key.get("id")).param("wrapped", key.get("wrapped"))
                    .param("at", ((Number) key.get("created_at")).longValue()).update();
        }
        Snapshot restored = describe(db, server.engine());
        anchors.replace(tenant, restored.auditHead());
        return restored;
    }

    private Company company(TenantId tenant) {
        return registry.find(tenant).filter(c -> c.status() != CompanyStatus.DESTROYING)
                .orElseThrow(() -> new NotFound(Message.of("tenancy.thing.company")));
    }

    // ---- SQLite

    private Snapshot takeSqlite(SqliteServer sqlite, Company company, OutputStream out) throws IOException {
        Path file = sqlite.scratchDir().resolve("snapshot-" + HexFormat.of().formatHex(random(8)) + ".db");
        try {
            // VACUUM INTO copies one consistent read transaction's view while writers go on
            pools.of(company.id()).jdbc().sql("VACUUM INTO :file").param("file", file.toString()).update();
            SingleConnectionDataSource ds = sqliteSource(file);
            Snapshot snapshot;
            try {
                snapshot = describe(ds);
            } finally {
                ds.destroy();
            }
            Files.copy(file, out);
            return snapshot;
        } finally {
            deleteSqlite(file);
        }
    }

    private static Path loadSqlite(SqliteServer sqlite, InputStream snapshot) throws IOException {
        Path file = sqlite.scratchDir().resolve("restore-" + HexFormat.of().formatHex(random(8)) + ".db");
        try {
            Files.copy(snapshot, file);
        } catch (IOException | RuntimeException e) {
            deleteSqlite(file); // a snapshot that did not open whole leaves nothing behind
            throw e;
        }
        return file;
    }

    private static SingleConnectionDataSource sqliteSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(org.sqlite.SQLiteOpenMode.CREATE); // a snapshot file that vanished is an error, not a new database
        config.enforceForeignKeys(true);
        config.setBusyTimeout(15_000);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);
        try {
            return new SingleConnectionDataSource(sqlite.getConnection(), true);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteSqlite(Path file) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + file, e);
        }
    }

    // ---- PostgreSQL

    /**
     * Format: the format name, the schema version, the tables (parents before children) with their columns, then per
     * table its {@code COPY … (FORMAT binary)} stream in length-prefixed chunks (0 ends it), then the sequences.
     */
    private Snapshot takePostgres(PostgresServer pg, Company company, OutputStream out) throws SQLException, IOException {
        try (Connection c = pg.connect(company.placement())) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                List<String> tables = tablesInOrder(c);
                DataOutputStream data = new DataOutputStream(out);
                data.writeUTF(PG_FORMAT);
                data.writeUTF(schemaVersion(c));
                data.writeInt(tables.size());
                Map<String, String> columns = new LinkedHashMap<>();
                for (String table : tables) {
                    columns.put(table, columns(c, table));
                    data.writeUTF(table);
                    data.writeUTF(columns.get(table));
                }
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (String table : tables) {
                    CopyOut rows = copy.copyOut("COPY " + quote(table) + " (" + columns.get(table) + ") TO STDOUT (FORMAT binary)");
                    byte[] chunk;
                    while ((chunk = rows.readFromCopy()) != null) {
                        data.writeInt(chunk.length);
                        data.write(chunk);
                    }
                    data.writeInt(0);
                }
                List<String> sequences = sequences(c);
                data.writeInt(sequences.size());
                for (String sequence : sequences) {
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + quote(sequence))) {
                        rs.next();
                        data.writeUTF(sequence);
                        data.writeLong(rs.getLong(1));
                        data.writeBoolean(rs.getBoolean(2));
                    }
                }
                data.flush();
                Snapshot snapshot = describe(new SingleConnectionDataSource(c, true));
                c.commit();
                return snapshot;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Creates the database at {@code url}, migrates it to the snapshot's version, copies the rows in, then migrates on;
     * returns what it held before that last migration.
     */
    private Snapshot loadPostgres(PostgresServer pg, String url, InputStream snapshot) throws SQLException, IOException {
        pg.createAt(url);
        boolean loaded = false;
        try {
            DataInputStream data = new DataInputStream(snapshot);
            if (!PG_FORMAT.equals(data.readUTF())) {
                throw new IOException("Not a Fieldstone PostgreSQL snapshot");
            }
            String version = data.readUTF();
            int n = data.readInt();
            Map<String, String> tables = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                tables.put(data.readUTF(), data.readUTF());
            }
            DataSource ds = pgSource(pg, url);
            {
                Migrations.company(ds, "postgresql", version);
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    Set<String> present = new LinkedHashSet<>(tablesInOrder(c));
                    List<String> reversed = new ArrayList<>(tables.keySet());
                    java.util.Collections.reverse(reversed);
                    try (Statement s = c.createStatement()) {
                        for (String table : reversed) {
                            if (!present.contains(table)) {
                                throw new IOException("The snapshot holds a table its schema version does not have: " + table);
                            }
                            s.executeUpdate("DELETE FROM " + quote(table)); // rows the migrations seeded
                        }
                    }
                    var copy = c.unwrap(PGConnection.class).getCopyAPI();
                    for (Map.Entry<String, String> table : tables.entrySet()) {
                        CopyIn in = copy.copyIn("COPY " + quote(table.getKey()) + " (" + table.getValue() + ") FROM STDIN (FORMAT binary)");
                        try {
                            int length;
                            while ((length = data.readInt()) > 0) {
                                byte[] chunk = data.readNBytes(length);
                                if (chunk.length != length) {
                                    throw new IOException("The snapshot ends inside table " + table.getKey());
                                }
                                in.writeToCopy(chunk, 0, length);
                            }
                            in.endCopy();
                        } finally {
                            if (in.isActive()) {
                                in.cancelCopy();
                            }
                        }
                    }
                    int sequences = data.readInt();
                    try (PreparedStatement set = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                        for (int i = 0; i < sequences; i++) {
                            set.setString(1, quote(data.readUTF()));
                            set.setLong(2, data.readLong());
                            set.setBoolean(3, data.readBoolean());
                            set.executeQuery().close();
                        }
                    }
                    c.commit();
                }
                Snapshot contents = describe(ds);
                Migrations.company(ds, "postgresql");
                loaded = true;
                return contents;
            }
        } finally {
            if (!loaded) {
                pg.dropAt(url);
            }
        }
    }

    /** Connections to a scratch or restore database, unpooled: a handful of statements, then the database is dropped or renamed. */
    private static DataSource pgSource(PostgresServer pg, String url) {
        return new org.springframework.jdbc.datasource.AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return pg.connect(url);
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return pg.connect(url);
            }
        };
    }

    /** Tables with rows to copy, every table after those it refers to. */
    private static List<String> tablesInOrder(Connection c) throws SQLException {
        List<String> all = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name""")) {
            while (rs.next()) {
                if (!HISTORY.equals(rs.getString(1))) {
                    all.add(rs.getString(1));
                }
            }
        }
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT child.relname, parent.relname FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid <> k.confrelid""")) {
            while (rs.next()) {
                parents.computeIfAbsent(rs.getString(1), t -> new LinkedHashSet<>()).add(rs.getString(2));
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < all.size()) {
            boolean progress = false;
            for (String table : all) {
                if (!placed.contains(table) && placed.containsAll(parents.getOrDefault(table, Set.of()).stream()
                        .filter(all::contains).toList())) {
                    ordered.add(table);
                    placed.add(table);
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("The company tables' foreign keys form a cycle");
            }
        }
        return ordered;
    }

    private static String columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position""")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(quote(rs.getString(1)));
                }
            }
        }
        return String.join(", ", columns);
    }

    private static List<String> sequences(Connection c) throws SQLException {
        List<String> sequences = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY sequence_name")) {
            while (rs.next()) {
                sequences.add(rs.getString(1));
            }
        }
        return sequences;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    // ---- both

    private Snapshot describe(DataSource ds) {
        return describe(JdbcClient.create(ds), server.engine());
    }

    private static Snapshot describe(JdbcClient db, String engine) {
        List<String> tables = "sqlite".equals(engine)
                ? db.sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                        .query(String.class).list()
                : db.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name""")
                        .query(String.class).list();
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : tables) {
            if (!HISTORY.equals(table)) {
                counts.put(table, db.sql("SELECT COUNT(*) FROM " + quote(table)).query(Long.class).single());
            }
        }
        Anchor head = db.sql("SELECT last_seq, last_hash, base_seq, base_hash FROM audit_chain WHERE id = 1")
                .query((rs, i) -> new Anchor(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).single();
        return new Snapshot(engine, describeVersion(db), counts, head);
    }

    private static String schemaVersion(Connection c) {
        return describeVersion(JdbcClient.create(new SingleConnectionDataSource(c, true)));
    }

    private static String describeVersion(JdbcClient db) {
        MigrationVersion version = MigrationVersion.EMPTY;
        for (String v : db.sql("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL").query(String.class).list()) {
            MigrationVersion candidate = MigrationVersion.fromVersion(v);
            if (candidate.compareTo(version) > 0) {
                version = candidate;
            }
        }
        return version.getVersion();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A snapshot in a scratch database; closing removes it. */
    private static final class Scratch implements Restored {
        private final TenantId tenant;
        private final JdbcClient jdbc;
        private final Snapshot contents;
        private final Runnable remove;
        private final String location;

        Scratch(TenantId tenant, DataSource ds, Snapshot contents, String location, Runnable remove) {
            this.location = location;
            this.tenant = tenant;
            this.jdbc = JdbcClient.create(ds);
            this.contents = contents;
            this.remove = remove;
        }

        @Override
        public TenantId tenant() {
            return tenant;
        }

        @Override
        public JdbcClient jdbc() {
            return jdbc;
        }

        @Override
        public Snapshot contents() {
            return contents;
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public void close() {
            remove.run();
        }
    }
}
