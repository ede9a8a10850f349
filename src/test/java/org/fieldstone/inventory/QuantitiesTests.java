package org.fieldstone.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Quantities as thousandths: exact both ways, at most three places. */
class QuantitiesTests {

    @Test
    void decimalsWithUpToThreePlacesAreThousandthsAndBack() {
        assertThat(Quantities.fromDecimal(new BigDecimal("2.5"))).isEqualTo(2500);
        assertThat(Quantities.fromDecimal(new BigDecimal("-0.001"))).isEqualTo(-1);
        assertThat(Quantities.fromDecimal(new BigDecimal("3"))).isEqualTo(3000);
        assertThat(Quantities.fromDecimal(new BigDecimal("1.2345"))).isNull();
        assertThat(Quantities.fromDecimal(new BigDecimal("1E+30"))).isNull();
        assertThat(Quantities.toDecimal(2500).toPlainString()).isEqualTo("2.5");
        assertThat(Quantities.toDecimal(3000).toPlainString()).isEqualTo("3");
        assertThat(Quantities.toDecimal(-1).toPlainString()).isEqualTo("-0.001");
        assertThat(Quantities.toDecimal(10_000).toPlainString()).isEqualTo("10");
    }
}
