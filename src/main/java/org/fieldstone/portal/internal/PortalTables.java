package org.fieldstone.portal.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The portal's table of share links as the one write path sees it. Who may make, revoke and spend a link is decided by
 * {@link ShareLinkService} (the document's write permission for the office, the link itself for the customer), so the
 * type's own permission is one every actor that reaches the service holds. The token's hash is a secret column: stored,
 * never written into the audit trail; the recipient is personal data and sealed.
 */
final class PortalTables {

    static final Column<String> TOKEN_HASH = Column.of("token_hash", String.class).secret();
    /** A {@link org.fieldstone.portal.ShareLinks.Kind}'s code. */
    static final Column<String> DOCUMENT_TYPE = Column.of("document_type", String.class);
    static final Column<String> DOCUMENT_ID = Column.of("document_id", String.class);
    static final Column<Integer> REVISION = Column.of("revision", Integer.class);
    static final Column<String> RECIPIENT = Column.of("recipient", String.class).sealed();
    static final Column<Long> EXPIRES_AT = Column.of("expires_at", Long.class);
    static final Column<Long> OPENED_AT = Column.of("opened_at", Long.class);
    static final Column<Long> SPENT_AT = Column.of("spent_at", Long.class);
    static final Column<Long> REVOKED_AT = Column.of("revoked_at", Long.class);
    static final Column<Long> NEW_LINK_REQUESTED_AT = Column.of("new_link_requested_at", Long.class);

    static final RecordType SHARE_LINKS = RecordType.of("share_links", "share_link", Permission.CLIENTS_READ, null,
            TOKEN_HASH, DOCUMENT_TYPE, DOCUMENT_ID, REVISION, RECIPIENT, EXPIRES_AT, OPENED_AT, SPENT_AT, REVOKED_AT,
            NEW_LINK_REQUESTED_AT);

    private PortalTables() {
    }

    /** The encrypted table, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable shareLinksTable() {
            return SHARE_LINKS.protectedTable();
        }
    }
}
