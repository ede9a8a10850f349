package org.fieldstone.identity.oauth;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.RecordType;

/** The authorization server's business records as the one write path sees them (decision 0053). */
final class OAuthTables {

    static final Column<String> CLIENT_CLIENT_ID = Column.of("client_id", String.class);
    static final Column<String> CLIENT_NAME = Column.of("name", String.class);
    static final Column<String> CLIENT_REDIRECT_URIS = Column.of("redirect_uris", String.class);
    /** SHA-256 of a confidential client's secret, shown once; never audited. */
    static final Column<String> CLIENT_SECRET_HASH = Column.of("secret_hash", String.class).secret();

    /** Registered and removed by admins (Settings → Connected apps). */
    static final RecordType CLIENTS = RecordType.of("oauth_clients", "oauth_client", Permission.SETTINGS_MANAGE, null,
            CLIENT_CLIENT_ID, CLIENT_NAME, CLIENT_REDIRECT_URIS, CLIENT_SECRET_HASH);

    static final Column<String> GRANT_STATUS = Column.of("status", String.class);
    static final Column<String> GRANT_SCOPES = Column.of("scopes", String.class);
    static final Column<String> GRANT_RESOURCE = Column.of("resource", String.class);
    static final Column<Long> GRANT_REVOKED_AT = Column.of("revoked_at", Long.class);
    static final Column<String> GRANT_REVOKED_REASON = Column.of("revoked_reason", String.class);

    /**
     * Granted by the user who approves (every role may connect an app to what it may do itself); revoked by that user,
     * by an admin, or by the system when a rotated refresh token or a used code comes back. Pending rows and the
     * code/token bookkeeping are written by {@link OAuthBookkeeping}.
     */
    static final RecordType GRANTS = RecordType.of("oauth_grants", "oauth_grant", Permission.APIKEYS_OWN, null,
            GRANT_STATUS, GRANT_SCOPES, GRANT_RESOURCE, GRANT_REVOKED_AT, GRANT_REVOKED_REASON);

    static final Column<String> CONSENT_CLIENT_ID = Column.of("client_id", String.class);
    static final Column<String> CONSENT_USER_ID = Column.of("user_id", String.class);
    static final Column<String> CONSENT_SCOPES = Column.of("scopes", String.class);

    static final RecordType CONSENTS = RecordType.of("oauth_consents", "oauth_consent", Permission.APIKEYS_OWN, null,
            CONSENT_CLIENT_ID, CONSENT_USER_ID, CONSENT_SCOPES);

    private OAuthTables() {
    }
}
