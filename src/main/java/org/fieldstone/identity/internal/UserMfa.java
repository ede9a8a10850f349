package org.fieldstone.identity.internal;

import java.util.Optional;
import java.util.UUID;
import org.fieldstone.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The company database's {@code user_mfa} table: a user's TOTP secret (sealed), enrolment state and last accepted step. */
final class UserMfa {

    static final String TABLE = "user_mfa";
    static final String SECRET = "secret";

    private UserMfa() {
    }

    /** {@code sealedSecret} as stored; open it with the field protection seam. */
    record Row(UserId user, String sealedSecret, String startedBy, Long enabledAt, Long lastStep) {
        boolean enabled() {
            return enabledAt != null;
        }
    }

    static Optional<Row> find(JdbcClient db, UserId user) {
        return db.sql("SELECT user_id, secret, started_by, enabled_at, last_step FROM user_mfa WHERE user_id = :user")
                .param("user", user.toString())
                .query((rs, i) -> new Row(new UserId(UUID.fromString(rs.getString(1))), rs.getString(2), rs.getString(3),
                        nullableLong(rs.getObject(4)), nullableLong(rs.getObject(5))))
                .optional();
    }

    static boolean enabled(JdbcClient db, UserId user) {
        return find(db, user).map(Row::enabled).orElse(false);
    }

    /** Starts (or restarts) an enrolment not yet confirmed; an enabled row is never replaced here. */
    static void start(JdbcClient db, UserId user, String sealedSecret, String startedBy, long now) {
        db.sql("DELETE FROM user_mfa WHERE user_id = :user AND enabled_at IS NULL").param("user", user.toString()).update();
        db.sql("""
                INSERT INTO user_mfa (user_id, secret, started_by, enabled_at, last_step, created_at, updated_at, version)
                VALUES (:user, :secret, :startedBy, NULL, NULL, :now, :now, 1)
                """)
                .param("user", user.toString()).param("secret", sealedSecret).param("startedBy", startedBy)
                .param("now", now).update();
    }

    /** Confirms a started enrolment with the step of its first code; false if it was confirmed or replaced meanwhile. */
    static boolean enable(JdbcClient db, UserId user, String startedBy, long step, long now) {
        return db.sql("""
                UPDATE user_mfa SET enabled_at = :now, last_step = :step, started_by = NULL, updated_at = :now,
                       version = version + 1
                WHERE user_id = :user AND enabled_at IS NULL AND started_by = :startedBy
                """)
                .param("now", now).param("step", step).param("user", user.toString()).param("startedBy", startedBy)
                .update() == 1;
    }

    /**
     * Records {@code step} as the last accepted one if it is later than the stored one: the replay guard, atomic
     * under concurrent sign-ins (of two requests with the same code, one wins).
     */
    static boolean accept(JdbcClient db, UserId user, long step, long now) {
        return db.sql("""
                UPDATE user_mfa SET last_step = :step, updated_at = :now, version = version + 1
                WHERE user_id = :user AND enabled_at IS NOT NULL AND (last_step IS NULL OR last_step < :step)
                """)
                .param("step", step).param("now", now).param("user", user.toString()).update() == 1;
    }

    static boolean delete(JdbcClient db, UserId user) {
        return db.sql("DELETE FROM user_mfa WHERE user_id = :user").param("user", user.toString()).update() > 0;
    }

    private static Long nullableLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
