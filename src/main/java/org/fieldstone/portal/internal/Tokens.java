package org.fieldstone.portal.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Share-link tokens (SPEC §3.7, seed 000): {@value #LENGTH} characters drawn uniformly by a CSPRNG from the
 * {@value #ALPHABET_SIZE} letters and digits, so 24 × log2(62) ≈ 142.9 bits; kept only as their SHA-256 (a fast hash is
 * safe for a secret with that much entropy). Portal session secrets are the same, longer.
 */
final class Tokens {

    static final int LENGTH = 24;
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final int ALPHABET_SIZE = 62;
    static final int SESSION_LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** A new share-link token. */
    static String shareToken() {
        return random(LENGTH);
    }

    /** A new portal session secret. */
    static String sessionSecret() {
        return random(SESSION_LENGTH);
    }

    /** {@code length} characters of {@link #ALPHABET}, each chosen uniformly (nextInt has no modulo bias). */
    static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET_SIZE));
        }
        return new String(out);
    }

    /** Whether {@code text} could be a token of {@code length} characters at all (checked before any look-up). */
    static boolean wellFormed(String text, int length) {
        if (text == null || text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of the token, lower-case hex. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
