package org.fieldstone.tenancy.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.fieldstone.shared.TenantId;

/**
 * The control plane in the configured PostgreSQL database and each company in its own database
 * {@code fs_<id>} on the same server. The placement is the company database's JDBC URL (no credentials).
 */
final class PostgresServer implements DatabaseServer {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)/([^/?]+)(\\?.*)?$");
    private static final Pattern COMPANY_DATABASE = Pattern.compile("^fs_[0-9a-f]{32}$");

    private final String serverPrefix;
    private final String query;
    private final String user;
    private final String password;
    private final HikariDataSource controlPlane;
    private final ConnectionBudget budget;
    private final java.time.Duration connectionTimeout;
    private final String applicationName;

    PostgresServer(String url, String user, String password) {
        this(url, user, password, new ConnectionBudget(100), java.time.Duration.ofSeconds(10), "fieldstone");
    }

    /**
     * @param budget            the connections all company databases of this node share (the control plane's pool
     *                          of 5 comes on top)
     * @param connectionTimeout how long a request waits for a company connection before it is refused (503)
     * @param applicationName   what {@code pg_stat_activity} shows for this node's connections
     */
    PostgresServer(String url, String user, String password, ConnectionBudget budget,
                   java.time.Duration connectionTimeout, String applicationName) {
        this.budget = budget;
        this.connectionTimeout = connectionTimeout;
        this.applicationName = applicationName;
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "fieldstone.database.url must look like jdbc:postgresql://host:5432/fieldstone");
        }
        if (m.group(3) != null && m.group(3).toLowerCase(java.util.Locale.ROOT).matches(".*[?&](user|password)=.*")) {
            throw new IllegalArgumentException("Put the PostgreSQL credentials in fieldstone.database.username and "
                    + "fieldstone.database.password, not in fieldstone.database.url");
        }
        this.serverPrefix = m.group(1);
        this.query = m.group(3) == null ? "" : m.group(3);
        this.user = user;
        this.password = password;
        this.controlPlane = pool(url, "control-plane", 5);
    }

    @Override
    public String engine() {
        return "postgresql";
    }

    @Override
    public DataSource controlPlane() {
        return controlPlane;
    }

    @Override
    public String placementFor(TenantId tenant) {
        return serverPrefix + "/fs_" + tenant.compact() + query;
    }

    @Override
    public void create(String placement) {
        execute("CREATE DATABASE " + databaseName(placement));
    }

    @Override
    public void drop(String placement) {
        execute("DROP DATABASE IF EXISTS " + databaseName(placement) + " WITH (FORCE)");
    }

    /**
     * VACUUM FULL rewrites {@code keysets} into a new file (the old one is removed, with any deleted keyset in it);
     * the other tables are vacuumed. Copies of old row versions in PostgreSQL's write-ahead log (and in a WAL
     * archive, if one is kept) remain until recycled or expired: see docs/operations.md.
     */
    @Override
    public boolean scrubControlPlane() {
        execute("VACUUM FULL keysets");
        execute("VACUUM companies, audit_anchors");
        return true;
    }

    @Override
    public HikariDataSource open(String placement, String poolName) {
        databaseName(placement);
        var physical = new org.postgresql.ds.PGSimpleDataSource();
        physical.setURL(placement);
        physical.setUser(user);
        physical.setPassword(password);
        physical.setApplicationName(applicationName);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(budget.budgeted(physical, connectionTimeout));
        hikari.setPoolName(poolName);
        hikari.setMaximumPoolSize(Math.min(5, budget.max()));
        hikari.setMinimumIdle(0);
        hikari.setIdleTimeout(60_000);
        hikari.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
        // opening a pool does not wait for a connection (the first use does, in the budget's queue)
        hikari.setInitializationFailTimeout(-1);
        return new BudgetedPool(hikari, budget);
    }

    /** A company pool known to the budget while open, so that it can be asked to give connections back. */
    private static final class BudgetedPool extends HikariDataSource {
        private final ConnectionBudget budget;

        BudgetedPool(HikariConfig config, ConnectionBudget budget) {
            super(config);
            this.budget = budget;
            budget.register(this);
        }

        @Override
        public void close() {
            budget.unregister(this);
            super.close();
        }
    }

    ConnectionBudget budget() {
        return budget;
    }

    /**
     * A database beside a company's: {@code fs_<id>_<suffix>} (a restore under way, a drill's scratch copy). The
     * suffix is checked so that nothing else can be spliced into DDL.
     */
    String besideUrl(String placement, String suffix) {
        if (!suffix.matches("^[a-z0-9]{1,16}$")) {
            throw new IllegalArgumentException("Not a database suffix: " + suffix);
        }
        return serverPrefix + "/" + databaseName(placement) + "_" + suffix + query;
    }

    /** Creates the empty database at a URL made by {@link #placementFor} or {@link #besideUrl}. */
    void createAt(String url) {
        execute("CREATE DATABASE " + anyName(url));
    }

    void dropAt(String url) {
        execute("DROP DATABASE IF EXISTS " + anyName(url) + " WITH (FORCE)");
    }

    /** Puts the database at {@code from} in the place of the one at {@code to}, which is dropped. */
    void replaceWith(String to, String from) {
        execute("DROP DATABASE IF EXISTS " + anyName(to) + " WITH (FORCE)");
        execute("ALTER DATABASE " + anyName(from) + " RENAME TO " + anyName(to));
    }

    /** One connection (not pooled) to the database at a URL made by {@link #placementFor} or {@link #besideUrl}. */
    Connection connect(String url) throws SQLException {
        anyName(url);
        java.util.Properties credentials = new java.util.Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return java.sql.DriverManager.getConnection(url, credentials);
    }

    private String anyName(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches() || !m.group(1).equals(serverPrefix) || !m.group(2).matches("^fs_[0-9a-f]{32}(_[a-z0-9]{1,16})?$")) {
            throw new IllegalArgumentException("Not a company database on this server: " + url);
        }
        return m.group(2);
    }

    private void execute(String ddl) {
        // CREATE/DROP DATABASE cannot run inside a transaction: autocommit on a control-plane connection.
        try (Connection c = controlPlane.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + ddl + " (" + e.getMessage() + ")", e);
        }
    }

    /** The database name from a placement, checked so that nothing else can be spliced into DDL. */
    private String databaseName(String placement) {
        Matcher m = URL.matcher(placement);
        if (!m.matches() || !m.group(1).equals(serverPrefix) || !COMPANY_DATABASE.matcher(m.group(2)).matches()) {
            throw new IllegalArgumentException("Not a company database on this server: " + placement);
        }
        return m.group(2);
    }

    private HikariDataSource pool(String url, String name, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        // pg_stat_activity tells the control plane's few connections from the company databases' budget
        hikari.addDataSourceProperty("ApplicationName", applicationName + " control plane");
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
