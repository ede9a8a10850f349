package org.fieldstone.tenancy;

import java.time.Instant;
import java.time.ZoneId;
import org.fieldstone.shared.TenantId;

/**
 * A company as the control plane knows it: never any of its business data.
 *
 * @param country     ISO 3166-1 alpha-2 code: the default for phone numbers and addresses
 * @param placement   where its database lives (a SQLite file below the data directory, or a PostgreSQL
 *                    database URL without credentials)
 * @param deleteAfter when a {@link CompanyStatus#DELETED} company's keys and database are destroyed; null
 *                    for a company that is not deleted
 */
public record Company(TenantId id, String slug, String name, CompanyStatus status, ZoneId timeZone, String country,
                      String placement, Instant createdAt, Instant deleteAfter) {

    public boolean isActive() {
        return status == CompanyStatus.ACTIVE;
    }
}
