package org.fieldstone.tenancy;

import org.fieldstone.shared.TenantId;

/** The only way to a company's database: name the company. */
public interface CompanyDatabases {

    /**
     * The database of {@code tenant}, opened (and migrated) on first use.
     *
     * @throws NullPointerException             when no tenant is given — there is no default database
     * @throws org.fieldstone.shared.NotFound   when the company does not exist
     */
    CompanyDatabase of(TenantId tenant);

    /** How many company pools are open now (bounded; idle ones are closed). */
    int openPools();

    /** The companies whose pools are open on this node now (health checks sample these: no pool is opened for them). */
    java.util.Set<TenantId> openTenants();
}
