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
}
