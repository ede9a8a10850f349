package org.fieldstone.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.commons.codec.binary.Base32;
import org.fieldstone.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One-time recovery codes for when the authenticator is lost: 10 per user, each 80 random bits shown as
 * {@code xxxx-xxxx-xxxx-xxxx} (lower-case Base32). Stored as SHA-256 of the user id and the code: 80 bits cannot
 * be searched back from a copy of the table, so a slow hash would only slow down signing in (decision 0013).
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final int BYTES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    /** Replaces all of a user's codes with {@link #COUNT} new ones; returns them (shown once, never stored). */
    static List<String> replace(JdbcClient db, UserId user, long now) {
        deleteAll(db, user);
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            codes.add(code);
            db.sql("INSERT INTO recovery_codes (user_id, code_hash, created_at, used_at) VALUES (:user, :hash, :now, NULL)")
                    .param("user", user.toString()).param("hash", hash(user, code)).param("now", now).update();
        }
        return List.copyOf(codes);
    }

    /** Spends a code if it is one of the user's unused ones; false otherwise (also for a second use in a race). */
    static boolean spend(JdbcClient db, UserId user, String presented, long now) {
        String normalized = normalize(presented);
        if (normalized.length() != 16) {
            return false;
        }
        return db.sql("UPDATE recovery_codes SET used_at = :now WHERE user_id = :user AND code_hash = :hash AND used_at IS NULL")
                .param("now", now).param("user", user.toString()).param("hash", hash(user, normalized)).update() == 1;
    }

    static int unused(JdbcClient db, UserId user) {
        return db.sql("SELECT COUNT(*) FROM recovery_codes WHERE user_id = :user AND used_at IS NULL")
                .param("user", user.toString()).query(Integer.class).single();
    }

    static void deleteAll(JdbcClient db, UserId user) {
        db.sql("DELETE FROM recovery_codes WHERE user_id = :user").param("user", user.toString()).update();
    }

    private static String newCode() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        String text = new Base32().encodeAsString(bytes).toLowerCase(Locale.ROOT);
        return text.substring(0, 4) + "-" + text.substring(4, 8) + "-" + text.substring(8, 12) + "-" + text.substring(12, 16);
    }

    /** What was typed, without dashes, spaces and case; the form in which codes are hashed. */
    private static String normalize(String presented) {
        return presented == null ? "" : presented.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static String hash(UserId user, String code) {
        String normalized = normalize(code);
        return HexFormat.of().formatHex(Secrets.sha256((user + ":" + normalized).getBytes(StandardCharsets.UTF_8)));
    }
}
