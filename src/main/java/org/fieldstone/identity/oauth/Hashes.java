package org.fieldstone.identity.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Random bearer secrets (tokens, codes, client secrets: 256 bits) and their stored form, SHA-256 in hex: a value with
 * that much randomness cannot be guessed back from its hash, so no slow hash is needed.
 */
final class Hashes {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Client secrets as stored: compared by their hash, in constant time. */
    static final PasswordEncoder SECRETS = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return sha256(raw.toString());
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return raw != null && encoded != null && MessageDigest.isEqual(
                    sha256(raw.toString()).getBytes(StandardCharsets.US_ASCII), encoded.getBytes(StandardCharsets.US_ASCII));
        }
    };

    private Hashes() {
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
