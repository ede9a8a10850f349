package org.fieldstone.identity.internal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238) through java-otp: HMAC-SHA-1, 30-second steps, 6 digits — what every
 * authenticator app reads from an {@code otpauth://} QR code (decision 0013). Secrets are 160 random bits, Base32.
 */
final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    static final String ALGORITHM = TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1;
    /** RFC 4226 §4 asks for at least 128 bits and recommends 160. */
    static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TimeBasedOneTimePasswordGenerator GENERATOR =
            new TimeBasedOneTimePasswordGenerator(STEP, DIGITS, ALGORITHM);
    private static final Pattern CODE = Pattern.compile("^[0-9]{" + DIGITS + "}$");

    private Totp() {
    }

    /** A new secret: 160 bits from the platform CSPRNG, Base32 without padding (32 characters). */
    static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return new Base32().encodeAsString(bytes);
    }

    /** The time step {@code at} falls into. */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
    }

    /** Whether the input has the shape of a code (6 digits, spaces ignored), as opposed to a recovery code or password. */
    static boolean looksLikeCode(String input) {
        return input != null && CODE.matcher(input.replace(" ", "").strip()).matches();
    }

    /**
     * The step of the code that matches {@code input} among the current step and one on either side (clock drift),
     * skipping steps up to {@code lastStep}: a code is accepted at most once, and never one older than the last
     * accepted. Empty when nothing matches.
     */
    static OptionalLong match(String base32Secret, String input, Instant now, Long lastStep) {
        if (!looksLikeCode(input)) {
            return OptionalLong.empty();
        }
        byte[] presented = input.replace(" ", "").strip().getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        // all three candidates are computed and compared in constant time, whichever matches
        for (long s = current - 1; s <= current + 1; s++) {
            boolean equal = MessageDigest.isEqual(presented, code(base32Secret, s).getBytes(StandardCharsets.US_ASCII));
            if (equal && (lastStep == null || s > lastStep) && found.isEmpty()) {
                found = OptionalLong.of(s);
            }
        }
        return found;
    }

    /** The code of one time step. */
    static String code(String base32Secret, long step) {
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(base32Secret), ALGORITHM);
        try {
            return GENERATOR.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("A stored TOTP secret is not a valid key", e);
        }
    }

    /**
     * The {@code otpauth://} URI an authenticator app reads from the QR code (Key Uri Format): issuer and account
     * label, the secret, and the parameters spelled out although they are the defaults.
     */
    static String uri(String issuer, String account, String base32Secret) {
        String cleanIssuer = issuer.replace(':', ' ').strip();
        String label = encode(cleanIssuer) + ":" + encode(account.replace(':', ' ').strip());
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(cleanIssuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
