package org.fieldstone.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

/** The TOTP parameters authenticator apps expect, and the ±1 step window with each step accepted once. */
class TotpTests {

    /** RFC 6238 Appendix B's SHA-1 seed, "12345678901234567890", in Base32. */
    static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void matchesTheRfc6238TestVectorsCutToSixDigits() {
        // Appendix B: 94287082 at T=59, 07081804 at T=1111111109, 14050471 at T=1111111111, 89005924 at T=1234567890
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111111)))).isEqualTo("050471");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
    }

    @Test
    void acceptsTheCurrentStepAndOneOnEitherSideButNotTwo() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        long step = Totp.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + offset), now, null)).as("offset %d", offset)
                    .hasValue(step + offset);
        }
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now, null)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now, null)).isEmpty();
    }

    @Test
    void refusesTheLastAcceptedStepAndEarlierOnes() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        long step = Totp.step(now);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step), now, step)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, step)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, step)).hasValue(step + 1);
    }

    @Test
    void refusesWhatIsNotSixDigits() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        String code = Totp.code(RFC_SECRET, Totp.step(now));
        assertThat(Totp.match(RFC_SECRET, code.substring(1), now, null)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, code + "0", now, null)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, code.substring(0, 3) + " " + code.substring(3), now, null)).isPresent();
        assertThat(Totp.match(RFC_SECRET, "", now, null)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, null, now, null)).isEmpty();
    }

    @Test
    void secretsAre160RandomBitsInBase32() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = Totp.newSecret();
            assertThat(secret).matches("^[A-Z2-7]{32}$");
            assertThat(new Base32().decode(secret)).hasSize(20);
            seen.add(secret);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void theUriNamesIssuerAccountAndTheParameters() {
        String uri = Totp.uri("Fieldstone Acme: Plumbing", "dana@acme.example", RFC_SECRET);
        assertThat(uri).isEqualTo("otpauth://totp/Fieldstone%20Acme%20%20Plumbing:dana%40acme.example?secret=" + RFC_SECRET
                + "&issuer=Fieldstone%20Acme%20%20Plumbing&algorithm=SHA1&digits=6&period=30");
    }
}
