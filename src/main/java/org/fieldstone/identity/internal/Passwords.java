package org.fieldstone.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password policy and hashing. bcrypt reads at most 72 bytes, so the password is first reduced to a
 * SHA-256 digest (base64, 44 bytes): every byte of a long password counts. Passwords are NFC-normalized
 * so the same typed password matches on every device.
 */
@Component
class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final String PREFIX = "{bcrypt-sha256}";

    private final BCryptPasswordEncoder bcrypt;
    private final Set<String> common;
    /**
     * Verified against when the account does not exist, so both cases take as long. Made at the first sign-in, not at
     * start: one bcrypt hash at cost 12 in a cold JVM is most of a second, which every one-shot CLI command paid.
     */
    private volatile String decoy;

    Passwords(IdentityProperties properties) {
        this.bcrypt = new BCryptPasswordEncoder(properties.password().bcryptCost());
        this.common = loadCommon();
    }

    /** Refuses passwords that are too short, too long, or common; the message names the rule. */
    void check(char[] password) {
        String p = normalize(password);
        int length = p.codePointCount(0, p.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInput("password", Message.of("identity.refused.password-too-short", MIN_LENGTH));
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInput("password", Message.of("identity.refused.too-long", MAX_LENGTH));
        }
        if (isCommon(p)) {
            throw new InvalidInput("password", Message.of("identity.refused.password-common"));
        }
    }

    String hash(char[] password) {
        return PREFIX + bcrypt.encode(prehash(password));
    }

    boolean matches(char[] password, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            bcrypt.matches(prehash(password), decoy().substring(PREFIX.length()));
            return false;
        }
        return bcrypt.matches(prehash(password), stored.substring(PREFIX.length()));
    }

    private String decoy() {
        String made = decoy;
        if (made == null) {
            // two first sign-ins at once may both make one; either serves
            made = hash("decoy password that matches nothing".toCharArray());
            decoy = made;
        }
        return made;
    }

    /** Spends the time of one verification, for an account that does not exist. */
    void verifyDecoy(char[] password) {
        bcrypt.matches(prehash(password), decoy().substring(PREFIX.length()));
    }

    private boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return true;
        }
        // a common password with digits or symbols around it ("password1234!"), or said twice
        String core = lower.replaceAll("^[\\d\\p{Punct}\\s]+|[\\d\\p{Punct}\\s]+$", "");
        if (!core.isEmpty() && common.contains(core)) {
            return true;
        }
        if (lower.codePoints().distinct().count() <= 2) {
            return true;
        }
        int half = lower.length() / 2;
        return lower.length() % 2 == 0 && lower.substring(0, half).equals(lower.substring(half))
                && common.contains(lower.substring(0, half));
    }

    private static String prehash(char[] password) {
        byte[] utf8 = normalize(password).getBytes(StandardCharsets.UTF_8);
        try {
            return Base64.getEncoder().encodeToString(Secrets.sha256(utf8));
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private static String normalize(char[] password) {
        return Normalizer.normalize(CharBuffer.wrap(password), Normalizer.Form.NFC);
    }

    private static Set<String> loadCommon() {
        var in = Passwords.class.getResourceAsStream("/identity/common-passwords.txt");
        if (in == null) {
            throw new IllegalStateException("identity/common-passwords.txt is missing from the build");
        }
        Set<String> set = new HashSet<>(40_000);
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(s -> set.add(s.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(set);
    }
}
