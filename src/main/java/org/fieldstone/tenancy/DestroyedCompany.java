package org.fieldstone.tenancy;

import java.time.Instant;
import org.fieldstone.shared.TenantId;

/**
 * What the control plane keeps of a destroyed company (a tombstone): its id and address and when it was
 * deleted and destroyed — nothing else. Its keys, database and audit trail are gone; its address is free again.
 */
public record DestroyedCompany(TenantId id, String slug, Instant deletedAt, Instant destroyedAt) {
}
