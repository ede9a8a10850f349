package org.fieldstone.identity.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.RecordType;
import org.fieldstone.tenancy.SearchIndex;

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

    // users: found by email through its blind index; the bcrypt hash is a secret (stored, never audited). A user's
    // own password is set by UserPasswords (any role may change their own; this table's writes need team:manage).
    static final Column<String> USER_EMAIL = Column.of("email", String.class).searchable(SearchIndex.EXACT);
    static final Column<String> USER_NAME = Column.of("name", String.class).sealed();
    static final Column<String> USER_ROLE = Column.of("role", String.class);
    static final Column<Boolean> USER_ACTIVE = Column.of("active", Boolean.class);
    /** Null while an invited user has not set a password. */
    static final Column<String> USER_PASSWORD_HASH = Column.of("password_hash", String.class).secret();
    static final Column<Long> USER_PASSWORD_CHANGED_AT = Column.of("password_changed_at", Long.class);

    static final RecordType USERS = RecordType.of("users", "user", Permission.TEAM_MANAGE, null,
            USER_EMAIL, USER_NAME, USER_ROLE, USER_ACTIVE, USER_PASSWORD_HASH, USER_PASSWORD_CHANGED_AT);

    // invitations: one-time set-password links. The token is never stored; its SHA-256 is how a link finds its
    // invitation, so it is a plain column, and a secret: the audit trail never shows it (the entity id is the
    // invitation's own random id, never the hash). used_at marks it spent (accepted) or superseded by a newer one.
    static final Column<String> INVITATION_USER_ID = Column.of("user_id", String.class);
    static final Column<String> INVITATION_TOKEN_HASH = Column.of("token_hash", String.class).secret();
    /** Epoch milliseconds. */
    static final Column<Long> INVITATION_EXPIRES_AT = Column.of("expires_at", Long.class);
    /** Epoch milliseconds; null while the link still works. */
    static final Column<Long> INVITATION_USED_AT = Column.of("used_at", Long.class);

    /**
     * Created and superseded by those who manage the team; spent by whoever holds the link, who is not signed in:
     * {@code AccountService} spends it as the system actor once the token has matched (decision 0027).
     */
    static final RecordType INVITATIONS = RecordType.of("invitations", "invitation", Permission.TEAM_MANAGE, null,
            INVITATION_USER_ID, INVITATION_TOKEN_HASH, INVITATION_EXPIRES_AT, INVITATION_USED_AT);

    private IdentityTables() {
    }
}
