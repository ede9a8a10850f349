package org.fieldstone.tenancy;

import java.util.function.Supplier;
import org.fieldstone.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One company's own database. Statements run through {@link #jdbc()} join the transaction of
 * {@link #inTransaction} when called inside it.
 */
public interface CompanyDatabase {

    TenantId tenant();

    JdbcClient jdbc();

    /** Runs {@code work} in one transaction on this company's database: all or nothing. */
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** {@code sqlite} or {@code postgresql}. */
    String engine();

    /**
     * Whether a failed statement broke a unique constraint, on either engine (PostgreSQL's driver reports
     * SQLState 23505, which Spring translates; SQLite's reports {@code SQLITE_CONSTRAINT_UNIQUE}, which it
     * does not).
     */
    static boolean isDuplicate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.dao.DuplicateKeyException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && ("23505".equals(sql.getSQLState())
                    || (sql.getMessage() != null && sql.getMessage().contains("SQLITE_CONSTRAINT_UNIQUE")))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failed statement would have left a row pointing at a missing one (a foreign key), on either engine. */
    static boolean isStillReferenced(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("23503".equals(sql.getSQLState())
                    || (sql.getMessage() != null && sql.getMessage().contains("SQLITE_CONSTRAINT_FOREIGNKEY")))) {
                return true;
            }
        }
        return false;
    }
}
