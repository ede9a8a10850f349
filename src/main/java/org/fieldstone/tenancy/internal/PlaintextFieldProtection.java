package org.fieldstone.tenancy.internal;

import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.stereotype.Component;

/**
 * Stores sensitive values as they are: the seam that field encryption (per-company AEAD keys, issue 4)
 * replaces. Every sensitive column already flows through it.
 */
@Component
class PlaintextFieldProtection implements FieldProtection {

    @Override
    public String seal(TenantId tenant, String table, String column, String rowId, String value) {
        return value;
    }

    @Override
    public String open(TenantId tenant, String table, String column, String rowId, String stored) {
        return stored;
    }
}
