package org.fieldstone.tenancy.internal;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.fieldstone.shared.TenantId;

/**
 * Where databases live: SQLite files below the data directory, or databases on one PostgreSQL server.
 * Creates, opens and drops company databases; holds the control plane's pool.
 */
interface DatabaseServer extends AutoCloseable {

    /** {@code sqlite} or {@code postgresql}: also the Flyway vendor folder name. */
    String engine();

    DataSource controlPlane();

    /** The placement a new company's database gets (recorded in the control plane). */
    String placementFor(TenantId tenant);

    /** Creates an empty database at {@code placement}. */
    void create(String placement);

    /** Removes the database at {@code placement} and everything in it. */
    void drop(String placement);

    /**
     * Makes what was deleted from the control plane unreadable in its files too (after a company's keyset was
     * destroyed): SQLite rebuilds the file and empties its write-ahead log; PostgreSQL rewrites the keysets
     * table and vacuums the others (its write-ahead log keeps old row versions until it is recycled).
     *
     * @return false when the work could not be completed now (e.g. a reader held the write-ahead log)
     */
    boolean scrubControlPlane();

    /** A bounded pool on the database at {@code placement}. */
    HikariDataSource open(String placement, String poolName);

    @Override
    void close();
}
