package org.fieldstone.shared.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.junit.jupiter.api.Test;

class QueryTimesTests {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final Message REFUSED = Message.of("test.refused");

    @Test
    void aMomentIsADateTimeWithAnOffsetOrLocalToTheZone() {
        assertThat(QueryTimes.at("start", "2030-01-15T10:00+02:00", ZURICH, REFUSED))
                .isEqualTo(Instant.parse("2030-01-15T08:00:00Z"));
        assertThat(QueryTimes.at("start", " 2030-01-15T10:00 ", ZURICH, REFUSED))
                .isEqualTo(Instant.parse("2030-01-15T09:00:00Z"));
        assertThat(QueryTimes.at("start", "  ", ZURICH, REFUSED)).isNull();
    }

    @Test
    void aDayOrNonsenseIsNotAMoment() {
        for (String text : new String[] {"2030-01-15", "10:00", "tomorrow", "2030-13-01T10:00"}) {
            assertThatThrownBy(() -> QueryTimes.at("start", text, ZURICH, REFUSED)).as(text)
                    .isInstanceOfSatisfying(InvalidInput.class,
                            e -> assertThat(e.fieldMessages()).containsKey("start"));
        }
    }

    @Test
    void aRangeTakesDaysAsWholeDaysInTheZone() {
        assertThat(QueryTimes.from("from", "2030-01-15", ZURICH)).isEqualTo(Instant.parse("2030-01-14T23:00:00Z"));
        assertThat(QueryTimes.to("to", "2030-01-15", ZURICH)).isEqualTo(Instant.parse("2030-01-15T23:00:00Z"));
        assertThat(QueryTimes.to("to", "2030-01-15T10:00", ZURICH)).isEqualTo(Instant.parse("2030-01-15T09:00:00Z"));
        assertThatThrownBy(() -> QueryTimes.from("from", "x".repeat(41), ZURICH)).isInstanceOf(InvalidInput.class);
    }
}
