package org.fieldstone.tenancy.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.fieldstone.shared.TenantId;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

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
        this.controlPlane = pool(this.dataDir.resolve("control.db"), "control-plane", 4);
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

    @Override
    public void create(String placement) {
        Path file = file(placement);
        if (Files.exists(file)) {
            throw new IllegalStateException("A database already exists at " + file);
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

    @Override
    public HikariDataSource open(String placement, String poolName) {
        return pool(file(placement), poolName, 4);
    }

    private Path file(String placement) {
        if (!PLACEMENT.matcher(placement).matches()) {
            throw new IllegalArgumentException("Not a SQLite placement: " + placement);
        }
        return dataDir.resolve(placement);
    }

    private static HikariDataSource pool(Path file, String name, int size) {
        SQLiteConfig config = new SQLiteConfig();
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
