package org.fieldstone.portal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Share-link tokens: 24 characters of a 62-symbol alphabet (≥ 142 bits), uniform, never repeated, hashed. */
class TokensTests {

    @Test
    void aTokenIs24CharactersOfTheSixtyTwoLettersAndDigitsCarryingAtLeast142Bits() {
        assertThat(Tokens.ALPHABET).hasSize(62).matches("[A-Za-z0-9]{62}");
        assertThat(Tokens.ALPHABET.chars().distinct().count()).isEqualTo(62);
        assertThat(Tokens.LENGTH * Math.log(Tokens.ALPHABET_SIZE) / Math.log(2)).isGreaterThanOrEqualTo(142.0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(Tokens.shareToken()).hasSize(24).matches("[A-Za-z0-9]{24}");
        }
    }

    @Test
    void tokensAreDrawnUniformlyAndNeverRepeat() {
        int n = 20_000;
        Set<String> seen = new HashSet<>();
        int[] counts = new int[62];
        for (int i = 0; i < n; i++) {
            String t = Tokens.shareToken();
            assertThat(seen.add(t)).isTrue();
            t.chars().forEach(c -> counts[Tokens.ALPHABET.indexOf(c)]++);
        }
        // 480,000 characters: each symbol expected 7,742 times; a chi-squared test at 61 degrees of freedom
        double expected = n * 24.0 / 62;
        double chi = 0;
        for (int c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi).as("chi-squared of the symbol counts (p < 0.0001 above 115)").isLessThan(115);
    }

    @Test
    void aTokenIsStoredAsItsSha256AndOnlyWellFormedTokensAreLookedUp() {
        String t = Tokens.shareToken();
        assertThat(Tokens.hash(t)).hasSize(64).matches("[0-9a-f]{64}").isNotEqualTo(t).isEqualTo(Tokens.hash(t));
        assertThat(Tokens.wellFormed(t, 24)).isTrue();
        assertThat(Tokens.wellFormed(t.substring(1), 24)).isFalse();
        assertThat(Tokens.wellFormed(t.substring(1) + "-", 24)).isFalse();
        assertThat(Tokens.wellFormed(null, 24)).isFalse();
        assertThat(Tokens.wellFormed("ä".repeat(24), 24)).isFalse();
    }
}
