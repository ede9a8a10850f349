package org.fieldstone.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.fieldstone.shared.InvalidInput;
import org.junit.jupiter.api.Test;

/** Password policy and hashing, without any application context. */
class PasswordsTests {

    static final Passwords passwords = new Passwords(new IdentityProperties(null, null, null));

    @Test
    void everyByteOfALongNonAsciiPasswordCounts() {
        // 100 characters, 200+ UTF-8 bytes: far past bcrypt's 72-byte limit; they differ only in the last byte
        String base = "ÄäÖöÜüßéèêçñø".repeat(8).substring(0, 99);
        char[] first = (base + "a").toCharArray();
        char[] second = (base + "b").toCharArray();
        assertThat(new String(first).getBytes(StandardCharsets.UTF_8).length).isGreaterThan(72);
        assertThat(first).hasSize(100);

        String hash = passwords.hash(first);
        assertThat(passwords.matches(first, hash)).isTrue();
        assertThat(passwords.matches(second, hash)).isFalse();
    }

    @Test
    void hashesWithBcryptCostTwelveAndASaltPerHash() {
        String a = passwords.hash("a perfectly fine passphrase".toCharArray());
        String b = passwords.hash("a perfectly fine passphrase".toCharArray());
        assertThat(a).startsWith("{bcrypt-sha256}$2a$12$");
        assertThat(a).isNotEqualTo(b);
        assertThat(a).doesNotContain("passphrase");
    }

    @Test
    void theSamePasswordTypedAsComposedOrDecomposedUnicodeMatches() {
        String hash = passwords.hash("Crème brûlée au café".toCharArray());
        String decomposed = java.text.Normalizer.normalize("Crème brûlée au café", java.text.Normalizer.Form.NFD);
        assertThat(passwords.matches(decomposed.toCharArray(), hash)).isTrue();
    }

    @Test
    void refusesPasswordsOutsideTwelveTo128Characters() {
        assertThatThrownBy(() -> passwords.check("short pass1".toCharArray())).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("at least 12");
        passwords.check("twelve chars".toCharArray());
        String longest = "the quick brown fox jumps over 13 lazy dogs ".repeat(3).substring(0, 128);
        passwords.check(longest.toCharArray());
        assertThatThrownBy(() -> passwords.check((longest + "z").toCharArray()))
                .hasMessageContaining("at most 128");
    }

    @Test
    void refusesCommonPasswordsAndTheirObviousVariants() {
        for (String common : new String[] {"qwerty123456", "1q2w3e4r5t6y", "Password1234", "sunshine2024!!", "iloveyou1234",
                "aaaaaaaaaaaaaaa", "dragondragon"}) {
            assertThatThrownBy(() -> passwords.check(common.toCharArray())).as(common)
                    .isInstanceOf(InvalidInput.class).hasMessageContaining("commonly used");
        }
        passwords.check("harbour lantern 7 mossy".toCharArray());
    }

    @Test
    void aStoredValueThatIsNoHashMatchesNothing() {
        assertThat(passwords.matches("anything at all here".toCharArray(), null)).isFalse();
        assertThat(passwords.matches("anything at all here".toCharArray(), "anything at all here")).isFalse();
    }

    @Test
    void theCostCannotBeConfiguredBelowTwelve() {
        assertThatThrownBy(() -> new IdentityProperties.Password(10)).isInstanceOf(IllegalArgumentException.class);
    }
}
