package org.fieldstone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void minorUnitsFollowTheCurrency() {
        assertThat(Money.parse("price", "12.50", "chf")).isEqualTo(Money.of(1250, "CHF"));
        assertThat(Money.parse("price", "12,5", "EUR")).isEqualTo(Money.of(1250, "EUR"));
        assertThat(Money.parse("price", "1'200", "JPY")).isEqualTo(Money.of(1200, "JPY"));
        assertThat(Money.of(1250, "CHF").plain()).isEqualTo("12.50");
        assertThat(Money.of(1200, "JPY").plain()).isEqualTo("1200");
        assertThat(Money.of(123450, "CHF").format(Locale.ENGLISH)).isEqualTo("CHF\u00a01,234.50");
    }

    @Test
    void refusesWhatIsNotMoney() {
        assertThatThrownBy(() -> Money.parse("price", "12.505", "CHF")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("2");
        assertThatThrownBy(() -> Money.parse("price", "12.5", "JPY")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.parse("price", "abc", "CHF")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.parse("price", "1e9", "CHF")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.of(1, "XAU")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.of(1, "ZZZ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.of(1, "CHF").plus(Money.of(1, "EUR"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "CHF").plus(Money.of(1, "CHF"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void roundsHalfUpAwayFromZero() {
        assertThat(Money.of(5, "CHF").times(new BigDecimal("0.5"))).isEqualTo(Money.of(3, "CHF"));
        assertThat(Money.of(-5, "CHF").times(new BigDecimal("0.5"))).isEqualTo(Money.of(-3, "CHF"));
        assertThat(Money.of(1000, "CHF").percent(new BigDecimal("8.15"))).isEqualTo(Money.of(82, "CHF"));
        assertThat(Money.of(1000, "CHF").percent(new BigDecimal("8.149"))).isEqualTo(Money.of(81, "CHF"));
    }
}
