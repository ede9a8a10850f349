package org.fieldstone.identity.oauth;

import java.time.Clock;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.stereotype.Component;

/** Giving and revoking grants through the write path (audited), and reading them. */
@Component
class Grants {

    private final RecordStore store;
    private final Clock clock;

    Grants(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Optional<GrantRow> find(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT " + GrantRow.COLUMNS + " FROM oauth_grants g WHERE g.id = :id").param("id", id)
                .query((rs, i) -> GrantRow.of(rs)).optional();
    }

    /** The user approved (or had approved) the request: its code is issued, the grant recorded ({@code granted}). */
    void grant(Actor user, CompanyDatabase db, GrantRow row, String scopes) {
        store.change(user, RecordKey.of(row.id()), row.version(), Changes.of(OAuthTables.GRANTS)
                .set(OAuthTables.GRANT_STATUS, "granted").set(OAuthTables.GRANT_SCOPES, scopes), "granted");
    }

    /**
     * Revokes a grant and every token issued from it at once, recorded with its reason ({@code revoked}, {@code
     * refresh_token_reused}, {@code code_reused}, {@code revoked_by_client}, {@code user_deactivated}).
     */
    void revoke(Actor actor, CompanyDatabase db, String grantId, String reason) {
        db.inTransaction(() -> find(db, grantId).filter(g -> !"revoked".equals(g.status())).ifPresent(g -> {
            long now = clock.millis();
            store.change(actor, RecordKey.of(g.id()), g.version(), Changes.of(OAuthTables.GRANTS)
                    .set(OAuthTables.GRANT_STATUS, "revoked").set(OAuthTables.GRANT_REVOKED_AT, now)
                    .set(OAuthTables.GRANT_REVOKED_REASON, reason), "revoked");
            OAuthBookkeeping.invalidateAll(db, g.id(), now);
        }));
    }
}
