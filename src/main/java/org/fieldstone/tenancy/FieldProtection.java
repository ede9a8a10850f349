package org.fieldstone.tenancy;

import org.fieldstone.shared.TenantId;

/**
 * The seam where sensitive fields are protected at rest. The write path seals every value of a
 * {@link RecordType#sensitive()} column before it is stored (and the audit trail's before/after values of
 * those columns); readers open them. Bound to company, table, column and row, so a sealed value moved to
 * another place does not open. Until field encryption is in place the protection is the identity.
 */
public interface FieldProtection {

    String seal(TenantId tenant, String table, String column, String rowId, String value);

    String open(TenantId tenant, String table, String column, String rowId, String stored);
}
