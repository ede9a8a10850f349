package org.fieldstone.schedule.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Minutes on the day board: where a visit sits and how long it is drawn, and the axis around the working day. */
class BoardScaleTests {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    static BoardScale.Place place(String day, String start, String end) {
        return BoardScale.place(LocalDate.parse(day), LocalDateTime.parse(start).atZone(ZURICH).toInstant(),
                LocalDateTime.parse(end).atZone(ZURICH).toInstant(), ZURICH);
    }

    @Test
    void aVisitIsItsStartsMinuteOfTheDayAndItsLengthMinuteExact() {
        assertThat(place("2026-12-08", "2026-12-08T09:10", "2026-12-08T10:40")).isEqualTo(new BoardScale.Place(550, 90));
        assertThat(place("2026-12-08", "2026-12-08T00:00", "2026-12-08T00:07")).isEqualTo(new BoardScale.Place(0, 7));
    }

    @Test
    void aVisitIntoTheNextDayIsCutAtMidnight() {
        assertThat(place("2026-12-08", "2026-12-08T23:00", "2026-12-09T01:30")).isEqualTo(new BoardScale.Place(1380, 60));
    }

    @Test
    void onTheDayTheClocksGoForwardTheLengthIsTheRealDuration() {
        // 29 March 2026, Zurich: 02:00 becomes 03:00; 01:30–03:30 on the wall clock lasts one hour
        assertThat(place("2026-03-29", "2026-03-29T01:30", "2026-03-29T03:30")).isEqualTo(new BoardScale.Place(90, 60));
    }

    @Test
    void theAxisIsTheWorkingDayInWholeHoursWidenedToHoldEveryVisit() {
        BoardScale plain = BoardScale.of(LocalTime.of(7, 30), LocalTime.of(17, 15), List.of());
        assertThat(plain).isEqualTo(new BoardScale(420, 1080));
        assertThat(plain.hours()).hasSize(11).startsWith(420, 480).endsWith(1020);

        BoardScale wide = BoardScale.of(LocalTime.of(7, 0), LocalTime.of(18, 0),
                List.of(new BoardScale.Place(5 * 60 + 45, 30), new BoardScale.Place(19 * 60 + 30, 45)));
        assertThat(wide).isEqualTo(new BoardScale(300, 21 * 60));
        BoardScale late = BoardScale.of(LocalTime.of(7, 0), LocalTime.of(18, 0), List.of(new BoardScale.Place(1380, 60)));
        assertThat(late.endMinute()).isEqualTo(1440);
    }
}
