package org.fieldstone.identity.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.RecordType;

/** The identity module's business records as the one write path sees them (decision 0027). */
final class IdentityTables {

    // api_keys: the whole key is never stored; its SHA-256 is looked up on every API request, so it is a plain
    // column, and a secret: the audit trail never shows it. last_used_at/ip are bookkeeping (ApiKeyUse).
    static final Column<String> KEY_USER_ID = Column.of("user_id", String.class);
    /** What the key is for ("Payroll export"): sealed like personal data. */
    static final Column<String> KEY_NAME = Column.of("name", String.class).sealed();
    static final Column<String> KEY_HASH = Column.of("key_hash", String.class).secret();
    /** {@code fsk_…abcd}: what pages and the audit trail show of a key. */
    static final Column<String> KEY_HINT = Column.of("hint", String.class);
    static final Column<String> KEY_ROLE = Column.of("role", String.class);
    /** Epoch milliseconds, or null for a key that does not expire. */
    static final Column<Long> KEY_EXPIRES_AT = Column.of("expires_at", Long.class);
    static final Column<Long> KEY_REVOKED_AT = Column.of("revoked_at", Long.class);

    /** Every user may own keys; revoking someone else's key also needs the team permission, checked by the service. */
    static final RecordType API_KEYS = RecordType.of("api_keys", "api_key", Permission.APIKEYS_OWN, null,
            KEY_USER_ID, KEY_NAME, KEY_HASH, KEY_HINT, KEY_ROLE, KEY_EXPIRES_AT, KEY_REVOKED_AT);

    private IdentityTables() {
    }
}
