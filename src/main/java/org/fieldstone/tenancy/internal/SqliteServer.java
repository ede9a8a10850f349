package org.fieldstone.tenancy.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.fieldstone.shared.TenantId;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * The embedded default: {@code DATA_DIR/control.db} and {@code DATA_DIR/tenants/<id>.db}, in WAL mode so
 * that readers never wait for the writer and the CLI can work beside a running server.
 */
final class SqliteServer implements DatabaseServer {

    private static final Pattern PLACEMENT = Pattern.compile("^tenants/[0-9a-f]{32}\\.db$");

    private final Path dataDir;
    private final HikariDataSource controlPlane;

    SqliteServer(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dataDir.resolve("tenants"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + this.dataDir, e);
        }
        this.controlPlane = pool(this.dataDir.resolve("control.db"), "control-plane", 4, true);
    }

    @Override
    public String engine() {
        return "sqlite";
    }

    @Override
    public DataSource controlPlane() {
        return controlPlane;
    }

    @Override
    public String placementFor(TenantId tenant) {
        return "tenants/" + tenant.compact() + ".db";
    }

    /**
     * An empty file (SQLite takes it as an empty database), readable by this user alone. Company databases are
     * created only here: opening one never creates it, so a pool opened after a company's database was removed
     * fails rather than bringing up an empty database in its place.
     */
    @Override
    public void create(String placement) {
        Path file = file(placement);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("A database already exists at " + file, e);
        } catch (UnsupportedOperationException e) {
            createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    private static void createFile(Path file) {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("A database already exists at " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    @Override
    public void drop(String placement) {
        Path file = file(placement);
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + file, e);
        }
    }

    /**
     * Rebuilds {@code control.db} (VACUUM: only live rows are copied, so a deleted keyset leaves no bytes in free
     * pages) and checkpoints the write-ahead log into it, truncating the log. Temporary data stays in memory.
     */
    @Override
    public boolean scrubControlPlane() {
        try (Connection c = controlPlane.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA temp_store = MEMORY");
            s.execute("VACUUM");
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                return rs.next() && rs.getInt(1) == 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot compact the control plane: " + e.getMessage(), e);
        }
    }

    @Override
    public HikariDataSource open(String placement, String poolName) {
        return pool(file(placement), poolName, 4, false);
    }

    /** Where snapshots are written and opened: inside the data directory, with the same protection as the data. */
    Path scratchDir() {
        Path dir = dataDir.resolve("scratch");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        return dir;
    }

    Path file(String placement) {
        if (!PLACEMENT.matcher(placement).matches()) {
            throw new IllegalArgumentException("Not a SQLite placement: " + placement);
        }
        return dataDir.resolve(placement);
    }

    private static HikariDataSource pool(Path file, String name, int size, boolean mayCreate) {
        SQLiteConfig config = new SQLiteConfig();
        if (!mayCreate) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.enforceForeignKeys(true);
        // Writers take the lock when their transaction begins, so two transactions never deadlock
        // upgrading a read lock; statements outside a transaction still read concurrently.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);

        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(0);
        hikari.setIdleTimeout(60_000);
        hikari.setConnectionTimeout(20_000);
        return new HikariDataSource(hikari);
    }

    @Override
    public void close() {
        controlPlane.close();
    }
}
