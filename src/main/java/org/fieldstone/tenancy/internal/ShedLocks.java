package org.fieldstone.tenancy.internal;

import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.fieldstone.tenancy.ClusterLocks;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * {@link ClusterLocks} on ShedLock's JDBC provider over the control plane. The lock times come from the node's clock
 * (not the database's: SQLite has none worth the name, and nodes are expected to run NTP). On SQLite a second node's
 * INSERT of a held lock fails with SQLITE_CONSTRAINT (19), which Spring does not translate for SQLite; it is mapped
 * to the {@link DuplicateKeyException} ShedLock reads as "held".
 */
final class ShedLocks implements ClusterLocks {

    private static final int SQLITE_CONSTRAINT = 19;

    private final LockingTaskExecutor executor;

    ShedLocks(DataSource controlPlane, String engine, String nodeName) {
        JdbcTemplate template = new JdbcTemplate(controlPlane);
        if ("sqlite".equals(engine)) {
            template.setExceptionTranslator(new SqliteConstraints(template.getExceptionTranslator()));
        }
        this.executor = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(template)
                        .withTableName("shedlock")
                        .withLockedByValue(nodeName)
                        .build()));
    }

    @Override
    public boolean runOnce(String name, Duration atMostFor, Runnable work) {
        try {
            return executor.executeWithLock(() -> {
                work.run();
                return Boolean.TRUE;
            }, new LockConfiguration(ClockProvider.now(), name, atMostFor, Duration.ZERO)).wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Scheduled job " + name + " failed", e);
        }
    }

    private record SqliteConstraints(SQLExceptionTranslator fallback) implements SQLExceptionTranslator {
        @Override
        public DataAccessException translate(String task, String sql, SQLException ex) {
            if ((ex.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT) {
                return new DuplicateKeyException(task + ": " + ex.getMessage(), ex);
            }
            return fallback.translate(task, sql, ex);
        }
    }
}
