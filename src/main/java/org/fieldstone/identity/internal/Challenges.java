package org.fieldstone.identity.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.identity.MultiFactor.Purpose;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The half-signed-in state between a correct password and the second step ({@code sign_in_challenges}). Its cookie
 * value looks like a session's, {@code <company id>.<43-character secret>}, but it is no session: only the
 * second-step pages read it, so it grants nothing else. Stored as SHA-256, valid for a few minutes, spent on use.
 */
final class Challenges {

    static final Duration VALIDITY = Duration.ofMinutes(5);

    private Challenges() {
    }

    record Challenge(String idHash, UserId user, Purpose purpose) {
    }

    /** A new challenge for {@code user}; earlier ones of that user end. Returns the cookie value. */
    static String create(JdbcClient db, TenantId tenant, UserId user, Purpose purpose, long now) {
        db.sql("DELETE FROM sign_in_challenges WHERE user_id = :user OR expires_at < :now")
                .param("user", user.toString()).param("now", now).update();
        String secret = Secrets.random();
        db.sql("""
                INSERT INTO sign_in_challenges (token_hash, user_id, purpose, created_at, expires_at)
                VALUES (:hash, :user, :purpose, :now, :expires)
                """)
                .param("hash", Secrets.hash(secret)).param("user", user.toString()).param("purpose", purpose.name())
                .param("now", now).param("expires", now + VALIDITY.toMillis()).update();
        return tenant.compact() + "." + secret;
    }

    /** The company a cookie value names, if it is well-formed. */
    static Optional<TenantId> tenantOf(String cookieValue) {
        return parse(cookieValue).map(p -> p.tenant);
    }

    static Optional<Challenge> find(JdbcClient db, String cookieValue, long now) {
        return parse(cookieValue).flatMap(p -> db.sql(
                        "SELECT token_hash, user_id, purpose FROM sign_in_challenges WHERE token_hash = :hash AND expires_at > :now")
                .param("hash", Secrets.hash(p.secret)).param("now", now)
                .query((rs, i) -> new Challenge(rs.getString(1), new UserId(UUID.fromString(rs.getString(2))),
                        Purpose.valueOf(rs.getString(3))))
                .optional());
    }

    /** Spends a challenge; false if it was spent meanwhile. */
    static boolean spend(JdbcClient db, String idHash) {
        return db.sql("DELETE FROM sign_in_challenges WHERE token_hash = :hash").param("hash", idHash).update() == 1;
    }

    static void deleteAllOf(JdbcClient db, UserId user) {
        db.sql("DELETE FROM sign_in_challenges WHERE user_id = :user").param("user", user.toString()).update();
    }

    private record Parsed(TenantId tenant, String secret) {
    }

    private static Optional<Parsed> parse(String value) {
        if (value == null || value.length() != 32 + 1 + 43 || value.charAt(32) != '.') {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parsed(TenantId.parse(value.substring(0, 32)), value.substring(33)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
