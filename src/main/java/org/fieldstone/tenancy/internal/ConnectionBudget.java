package org.fieldstone.tenancy.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * At most {@code fieldstone.database.max-connections} backend connections to the company databases of one node,
 * however many companies are open (decision 0066). Every company still has its own small Hikari pool, but a pool
 * gets its physical connections from here: opening one takes a permit, closing it gives the permit back.
 *
 * <p>Fair queuing: the permits are handed out first come, first served (a fair semaphore), and a Hikari pool asks
 * for one connection at a time (its single connection adder), so each waiting company is one place in the queue
 * whatever its load: a hot company cannot overtake a quiet one. When the budget is spent, idle connections of other
 * companies are closed first; if none is idle, the pool holding the most connections gives them back as they are
 * returned (Hikari's soft eviction), so connections move from busy companies to waiting ones instead of waiting for an
 * idle timeout. A request that
 * gets no connection within the pool's connection timeout fails with {@link SQLTransientConnectionException},
 * answered 503 (never a hang).
 */
final class ConnectionBudget {

    private final int max;
    private final Semaphore permits;
    private final Set<HikariDataSource> pools = ConcurrentHashMap.newKeySet();
    /** How often a waiting opener asks the fullest pool again to give connections back. */
    private static final long RELIEVE_EVERY_MILLIS = 100;

    ConnectionBudget(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("fieldstone.database.max-connections must be at least 1");
        }
        this.max = max;
        this.permits = new Semaphore(max, true);
    }

    int max() {
        return max;
    }

    /** Physical connections open now. */
    int inUse() {
        return max - permits.availablePermits();
    }

    /** Connections from {@code target} whose opening waits for a permit (at most {@code wait}). */
    DataSource budgeted(DataSource target, Duration wait) {
        return new Budgeted(target, wait.toMillis());
    }

    void register(HikariDataSource pool) {
        pools.add(pool);
    }

    void unregister(HikariDataSource pool) {
        pools.remove(pool);
    }

    private void acquire(long waitMillis) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            // tryAcquire(0, …) honours the queue (plain tryAcquire() would barge ahead of those waiting)
            if (permits.tryAcquire(0, TimeUnit.MILLISECONDS)) {
                return;
            }
            while (true) {
                relieve();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SQLTransientConnectionException("All " + max
                            + " database connections of this node are in use (fieldstone.database.max-connections)");
                }
                if (permits.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(RELIEVE_EVERY_MILLIS)),
                        TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for a database connection", e);
        }
    }

    /**
     * Makes room: the pool with the most idle connections closes them (they only hold permits); if none is idle, the
     * pool holding the most connections gives them back as they are returned (Hikari's soft eviction).
     */
    private void relieve() {
        HikariDataSource idlest = null;
        HikariDataSource fullest = null;
        int mostIdle = 0;
        int most = 0;
        for (HikariDataSource pool : pools) {
            var mx = pool.getHikariPoolMXBean();
            if (mx == null) {
                continue;
            }
            int idle = mx.getIdleConnections();
            int total = mx.getTotalConnections();
            if (idle > mostIdle) {
                mostIdle = idle;
                idlest = pool;
            }
            if (total > most) {
                most = total;
                fullest = pool;
            }
        }
        HikariDataSource chosen = idlest != null ? idlest : fullest;
        if (chosen != null && !chosen.isClosed()) {
            chosen.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** A data source whose physical connections each hold a permit until closed. */
    private final class Budgeted implements DataSource {
        private final DataSource target;
        private final long waitMillis;

        Budgeted(DataSource target, long waitMillis) {
            this.target = target;
            this.waitMillis = waitMillis;
        }

        @Override
        public Connection getConnection() throws SQLException {
            acquire(waitMillis);
            Connection physical;
            try {
                physical = target.getConnection();
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
            return holdingPermit(physical);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("The credentials are configured");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }

    /** The physical connection, whose first close (by its pool) gives the permit back. */
    private Connection holdingPermit(Connection physical) {
        AtomicBoolean released = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
                        try {
                            physical.close();
                        } finally {
                            if (released.compareAndSet(false, true)) {
                                permits.release();
                            }
                        }
                        return null;
                    }
                    if ("equals".equals(method.getName()) && method.getParameterCount() == 1) {
                        return proxy == args[0];
                    }
                    if ("hashCode".equals(method.getName()) && method.getParameterCount() == 0) {
                        return System.identityHashCode(proxy);
                    }
                    if ("unwrap".equals(method.getName()) && args[0] instanceof Class<?> type && type.isInstance(physical)) {
                        return physical;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
