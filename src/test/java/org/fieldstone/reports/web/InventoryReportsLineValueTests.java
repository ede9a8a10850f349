package org.fieldstone.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.fieldstone.reports.InventoryReports;
import org.junit.jupiter.api.Test;

/** A line's value: thousandths × minor units per unit / 1000, rounded half-up (away from zero at .5). */
class InventoryReportsLineValueTests {

    @Test
    void roundsHalfUpPerLine() {
        assertThat(InventoryReports.lineValue(2_500, 333)).isEqualTo(833); // 832.5
        assertThat(InventoryReports.lineValue(1_333, 333)).isEqualTo(444); // 443.889
        assertThat(InventoryReports.lineValue(917, 333)).isEqualTo(305); // 305.361
        assertThat(InventoryReports.lineValue(-2_500, 333)).isEqualTo(-833); // negative stock: half away from zero
        assertThat(InventoryReports.lineValue(1, 1)).isZero(); // 0.001
        assertThat(InventoryReports.lineValue(1_000_000_000L, 100_000_000_00L)).isEqualTo(10_000_000_000_000_000L); // a million units at 100 million a unit
    }
}
