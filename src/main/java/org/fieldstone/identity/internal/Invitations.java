package org.fieldstone.identity.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One-time set-password links: stored as a hash, expiring, spent on use. */
final class Invitations {

    private Invitations() {
    }

    /** Creates a token for {@code user}; earlier unused tokens of that user stop working. */
    static String create(JdbcClient db, UserId user, long now, Duration validFor) {
        db.sql("UPDATE invitations SET used_at = :now WHERE user_id = :user AND used_at IS NULL")
                .param("now", now).param("user", user.toString()).update();
        String token = Secrets.random();
        db.sql("""
                INSERT INTO invitations (token_hash, user_id, created_at, expires_at, used_at)
                VALUES (:hash, :user, :now, :expires, NULL)
                """)
                .param("hash", Secrets.hash(token)).param("user", user.toString())
                .param("now", now).param("expires", now + validFor.toMillis())
                .update();
        return token;
    }

    /** The user an unspent, unexpired token belongs to. */
    static Optional<UserId> valid(JdbcClient db, String token, long now) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        return db.sql("SELECT user_id FROM invitations WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now")
                .param("hash", Secrets.hash(token)).param("now", now)
                .query(String.class).optional().map(id -> new UserId(UUID.fromString(id)));
    }

    /** Spends a token; false if it was spent meanwhile (a second use in a race). */
    static boolean spend(JdbcClient db, String token, long now) {
        return db.sql("UPDATE invitations SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                .param("now", now).param("hash", Secrets.hash(token)).update() == 1;
    }
}
