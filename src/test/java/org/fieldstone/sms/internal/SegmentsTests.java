package org.fieldstone.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SMS segments as carriers bill them: GSM-7 160/153 (extension characters count two), else UCS-2 70/67. */
class SegmentsTests {

    @Test
    void gsm7FitsOneHundredSixtyInOneSegmentThenOneHundredFiftyThreeEach() {
        assertThat(Segments.count("")).isZero();
        assertThat(Segments.count("Hi")).isEqualTo(1);
        assertThat(Segments.count("a".repeat(160))).isEqualTo(1);
        assertThat(Segments.count("a".repeat(161))).isEqualTo(2);
        assertThat(Segments.count("a".repeat(306))).isEqualTo(2);
        assertThat(Segments.count("a".repeat(307))).isEqualTo(3);
        // the GSM alphabet's own accented letters keep a text GSM-7
        assertThat(Segments.gsm7("Grüezi, à demain! Ça va? £5 @ 10:00")).isTrue();
        assertThat(Segments.count("é".repeat(160))).isEqualTo(1);
    }

    @Test
    void extensionCharactersCountTwoAndAreNeverSplit() {
        assertThat(Segments.gsm7("Price: 5€ [incl.]")).isTrue();
        assertThat(Segments.count("€".repeat(80))).isEqualTo(1);
        assertThat(Segments.count("€".repeat(81))).isEqualTo(2);
        // 152 septets, then a two-septet character that does not fit in the first part's 153
        assertThat(Segments.count("a".repeat(152) + "€" + "a".repeat(10))).isEqualTo(2);
        assertThat(Segments.count("a".repeat(152) + "€".repeat(77))).isEqualTo(3);
    }

    @Test
    void anyOtherCharacterMakesTheWholeTextUcs2() {
        assertThat(Segments.gsm7("Confirmed ✓")).isFalse();
        assertThat(Segments.gsm7("Zürich – Bern")).as("an en dash is not GSM-7").isFalse();
        assertThat(Segments.count("ç".repeat(70))).as("ç lower case is not GSM-7 (only Ç is)").isEqualTo(1);
        assertThat(Segments.count("ç".repeat(71))).isEqualTo(2);
        assertThat(Segments.count("ç".repeat(134))).isEqualTo(2);
        assertThat(Segments.count("ç".repeat(135))).isEqualTo(3);
        // an emoji is a surrogate pair: two UTF-16 units, never split across segments
        assertThat(Segments.count("😀".repeat(35))).isEqualTo(1);
        assertThat(Segments.count("😀".repeat(36))).isEqualTo(2);
        assertThat(Segments.count("a".repeat(68) + "😀")).as("70 units: one segment").isEqualTo(1);
        assertThat(Segments.count("a".repeat(69) + "😀")).isEqualTo(2);
        // 134 units would fit two parts of 67, but the pair at units 67–68 is not split: 66 | 2 + 65 | 1
        assertThat(Segments.count("ç".repeat(66) + "😀" + "ç".repeat(66))).isEqualTo(3);
    }
}
