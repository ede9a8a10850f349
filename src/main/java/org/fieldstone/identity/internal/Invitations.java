package org.fieldstone.identity.internal;

import static org.fieldstone.identity.internal.IdentityTables.INVITATIONS;
import static org.fieldstone.identity.internal.IdentityTables.INVITATION_EXPIRES_AT;
import static org.fieldstone.identity.internal.IdentityTables.INVITATION_TOKEN_HASH;
import static org.fieldstone.identity.internal.IdentityTables.INVITATION_USED_AT;
import static org.fieldstone.identity.internal.IdentityTables.INVITATION_USER_ID;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.stereotype.Component;

/**
 * One-time set-password links, records of the one write path ({@link IdentityTables#INVITATIONS}): the token is
 * stored only as its hash (a {@link org.fieldstone.tenancy.Column#secret() secret} column, never in the audit trail),
 * expires, and is spent on use. Each step is a versioned, audited write: {@code invitation.created} (user and expiry),
 * {@code invitation.superseded} when a newer link replaces it, {@code invitation.accepted} when it is spent.
 */
@Component
final class Invitations {

    /** An unspent, unexpired invitation, as its link or its user finds it. */
    record Live(String id, UserId user, long version) {
    }

    private final RecordStore store;

    Invitations(RecordStore store) {
        this.store = store;
    }

    /**
     * Creates a token for {@code user} in the caller's transaction; the user's earlier links that still work stop
     * working (superseded). Returns the token, which is nowhere stored.
     */
    String create(Actor actor, CompanyDatabase db, UserId user, long now, Duration validFor) {
        for (Live earlier : liveOf(db, user, now)) {
            try {
                store.change(actor, RecordKey.of(earlier.id()), earlier.version(),
                        Changes.of(INVITATIONS).set(INVITATION_USED_AT, now), "superseded");
            } catch (VersionConflict e) {
                throw new Conflict(org.fieldstone.shared.Message.of("identity.refused.invitation-changed"));
            }
        }
        String token = Secrets.random();
        store.insert(actor, UUID.randomUUID().toString(), Changes.of(INVITATIONS)
                .set(INVITATION_USER_ID, user.toString())
                .set(INVITATION_TOKEN_HASH, Secrets.hash(token))
                .set(INVITATION_EXPIRES_AT, now + validFor.toMillis()), "created");
        return token;
    }

    /** The unspent, unexpired invitation a token belongs to. */
    Optional<Live> valid(CompanyDatabase db, String token, long now) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return db.jdbc().sql("""
                        SELECT id, user_id, version FROM invitations
                        WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
                        """)
                .param("hash", Secrets.hash(token)).param("now", now)
                .query((rs, i) -> new Live(rs.getString("id"), new UserId(UUID.fromString(rs.getString("user_id"))),
                        rs.getLong("version")))
                .optional();
    }

    /**
     * Spends an invitation found by {@link #valid}, at the version it was found at, in the caller's transaction.
     * Whoever holds the link is not signed in and may hold any role, while the table's writes need
     * {@code team:manage}: the token, matched by {@link #valid}, is what authorises the spend, so the system actor
     * writes it ({@code invitation.accepted} by {@code system}); the password the user then sets is theirs.
     *
     * @throws VersionConflict when it was spent or superseded meanwhile (a second use in a race): nothing written
     */
    void spend(CompanyDatabase db, Live invitation, long now) {
        store.change(Actor.system(db.tenant(), Channel.WEB), RecordKey.of(invitation.id()), invitation.version(),
                Changes.of(INVITATIONS).set(INVITATION_USED_AT, now), "accepted");
    }

    private static List<Live> liveOf(CompanyDatabase db, UserId user, long now) {
        return db.jdbc().sql("""
                        SELECT id, user_id, version FROM invitations
                        WHERE user_id = :user AND used_at IS NULL AND expires_at > :now ORDER BY id
                        """)
                .param("user", user.toString()).param("now", now)
                .query((rs, i) -> new Live(rs.getString("id"), user, rs.getLong("version")))
                .list();
    }
}
