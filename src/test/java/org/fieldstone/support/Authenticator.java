package org.fieldstone.support;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * What an authenticator app does, for tests: reads the secret a person would type from the enrolment page and
 * computes codes from it with java-otp (HMAC-SHA-1, 30 s, 6 digits) — independently of the server's own code path.
 */
public final class Authenticator {

    private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator(
            Duration.ofSeconds(30), 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    private static final Pattern SECRET = Pattern.compile("id=\"mfa-secret\">([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY = Pattern.compile("<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</code>");

    private Authenticator() {
    }

    /** The code for {@code secret} (as shown: spaces allowed) at {@code at}. */
    public static String code(String secret, Instant at) {
        byte[] key = new Base32().decode(secret.replace(" ", ""));
        try {
            return TOTP.generateOneTimePasswordString(new SecretKeySpec(key, TOTP.getAlgorithm()), at, Locale.ROOT);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret shown on an enrolment page, without its spaces. */
    public static String secretOn(String html) {
        Matcher m = SECRET.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No secret (id=mfa-secret) on the page:\n" + html);
        }
        return m.group(1).replace(" ", "");
    }

    /** The recovery codes shown on a page. */
    public static List<String> recoveryCodesOn(String html) {
        return RECOVERY.matcher(html).results().map(r -> r.group(1)).toList();
    }
}
