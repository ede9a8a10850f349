package org.fieldstone.tenancy;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The control plane's database, for platform-level tables that hold no company's business data: operator accounts,
 * backup catalogue, alert episodes, status page and incidents. Their migrations live with the control plane's
 * ({@code db/control/common}); every one says which module owns the table. Company data is reached only through
 * {@link CompanyDatabases}, by naming the company.
 */
public interface ControlPlane {

    /** {@code sqlite} or {@code postgresql}. */
    String engine();

    JdbcClient jdbc();

    /** The same database for libraries that need a {@code DataSource} (Bucket4j's proxy manager). */
    javax.sql.DataSource dataSource();
}
