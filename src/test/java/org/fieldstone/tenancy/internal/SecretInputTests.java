package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fieldstone.shared.InvalidInput;
import org.fieldstone.tenancy.SecretStore;
import org.junit.jupiter.api.Test;

/** Names, values and hints of secrets, without a database. */
class SecretInputTests {

    @Test
    void aPlatformOnlyNameIsAcceptedForThePlatformAndRefusedForACompany() {
        assertThat(SecretInput.platformName(" alerts.webhook-secret ")).isEqualTo("alerts.webhook-secret");
        assertThat(SecretInput.platformName("smtp.password")).isEqualTo("smtp.password");
        assertThatThrownBy(() -> SecretInput.name("alerts.webhook-secret")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> SecretInput.platformName("alerts.webhook-secrets")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aHintShowsATypePrefixAndTheLastFourCharactersOfALongValue() {
        assertThat(SecretInput.hint("sk_example_not-a-real-key-4f2a")).isEqualTo("sk_…4f2a");
        assertThat(SecretInput.hint("rk_example_not-a-real-key-9z9z")).isEqualTo("rk_…9z9z");
        assertThat(SecretInput.hint("0123456789abcdef0123456789abcdef")).isEqualTo("…cdef");
        assertThat(SecretInput.hint("000000000:example-not-a-real-bot-token-Dsaw")).isEqualTo("…Dsaw");
        // a longer word before the underscore is not a type prefix: it may be part of the secret
        assertThat(SecretInput.hint("example_not-a-real-webhook-secret-1234")).isEqualTo("…1234");
    }

    @Test
    void aShortValueGetsNoCharactersShownAtAll() {
        assertThat(SecretInput.hint("hunter2")).isEqualTo("…");
        assertThat(SecretInput.hint("exactly-11c")).isEqualTo("…");
        // twelve characters must stay hidden besides the four shown
        assertThat(SecretInput.hint("0123456789abcde")).isEqualTo("…");
        assertThat(SecretInput.hint("0123456789abcdef")).isEqualTo("…cdef");
        assertThat(SecretInput.hint("sk_0123456789abcde")).isEqualTo("…");
        assertThat(SecretInput.hint("sk_0123456789abcdef")).isEqualTo("sk_…cdef");
    }

    @Test
    void aHintCountsCharactersNotUtf16Units() {
        assertThat(SecretInput.hint("päss wörd mit ünïcödé emoji 😀😀")).isEqualTo("…i 😀😀");
        assertThat(SecretInput.hint("😀".repeat(15))).isEqualTo("…");
        assertThat(SecretInput.hint("😀".repeat(16))).isEqualTo("…" + "😀".repeat(4));
    }

    @Test
    void valuesAreStrippedAndMustBeOneTo4096CharactersWithoutControlCharacters() {
        assertThat(SecretInput.value(" token-value \n".toCharArray())).isEqualTo("token-value");
        assertThat(SecretInput.value("x".repeat(4096).toCharArray())).hasSize(4096);
        assertThatThrownBy(() -> SecretInput.value("".toCharArray())).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("Enter the secret's value");
        assertThatThrownBy(() -> SecretInput.value("   \n".toCharArray())).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> SecretInput.value(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> SecretInput.value("x".repeat(4097).toCharArray())).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("at most 4096");
        for (String bad : new String[] {"two\nlines", "tab\there", "nul\0byte", "esc\u001b[0m", "del\u007f", "c1\u0085"}) {
            assertThatThrownBy(() -> SecretInput.value(bad.toCharArray())).as(bad).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("control characters").hasMessageNotContaining(bad);
        }
    }

    @Test
    void onlyKnownNamesAreAcceptedAndAnUnknownOneIsNotRepeated() {
        for (String name : SecretStore.KNOWN) {
            assertThat(SecretInput.name(name)).isEqualTo(name);
        }
        for (String bad : new String[] {"stripe.secret_key", "sk_example_abcdef", "Stripe.Secret-Key", "", "x", "../etc"}) {
            assertThatThrownBy(() -> SecretInput.name(bad)).as(bad).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("the known secrets are stripe.secret-key, stripe.webhook-secret")
                    .hasMessageNotContaining("\"" + bad + "\"");
        }
    }
}
