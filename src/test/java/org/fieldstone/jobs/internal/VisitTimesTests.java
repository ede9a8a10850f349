package org.fieldstone.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.fieldstone.shared.InvalidInput;
import org.junit.jupiter.api.Test;

/** Visit times as entered, in a company's zone, around both daylight-saving changes of 2026 in Zurich. */
class VisitTimesTests {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Test
    void localTimesTakeTheOffsetInForceOnThatDay() {
        assertThat(VisitTimes.parse("start", "2026-03-28T09:00", ZURICH)).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
        assertThat(VisitTimes.parse("start", "2026-03-30T09:00", ZURICH)).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(VisitTimes.parse("start", "2026-10-24T09:00", ZURICH)).isEqualTo(Instant.parse("2026-10-24T07:00:00Z"));
        assertThat(VisitTimes.parse("start", "2026-10-26T09:00", ZURICH)).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void aSkippedLocalTimeMovesForwardAndARepeatedOneTakesTheEarlierOffset() {
        // 02:30 does not exist on 29 March: it becomes 03:30 CEST
        assertThat(VisitTimes.parse("start", "2026-03-29T02:30", ZURICH)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // 02:30 happens twice on 25 October: the first (CEST)
        assertThat(VisitTimes.parse("start", "2026-10-25T02:30", ZURICH)).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void anExplicitOffsetWins() {
        assertThat(VisitTimes.parse("start", "2026-03-29T09:00+05:00", ZURICH)).isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
        assertThat(VisitTimes.parse("start", "2026-03-29T09:00Z", ZURICH)).isEqualTo(Instant.parse("2026-03-29T09:00:00Z"));
    }

    @Test
    void garbageAndImplausibleTimesAreRefusedOnTheirField() {
        for (String bad : new String[] {"", "tomorrow", "2026-02-30T09:00", "2026-03-29", "1999-12-31T23:00", "2100-06-01T09:00",
                "2026-03-29T09:00".repeat(4)}) {
            assertThatThrownBy(() -> VisitTimes.parse("end", bad, ZURICH)).isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).asFieldErrors()).containsOnlyKeys("end"));
        }
        assertThatThrownBy(() -> VisitTimes.parse("start", null, ZURICH)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aVisitEndsAfterItStartsAndLastsAtMostFourteenDays() {
        Instant start = Instant.parse("2026-05-04T07:00:00Z");
        assertThatThrownBy(() -> VisitTimes.check(start, start)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> VisitTimes.check(start, start.minusSeconds(60))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> VisitTimes.check(start, start.plus(VisitTimes.LONGEST).plusSeconds(1))).isInstanceOf(InvalidInput.class);
        VisitTimes.check(start, start.plus(VisitTimes.LONGEST));
    }
}
