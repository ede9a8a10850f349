package org.fieldstone.schedule.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The next available slot: working days and hours, quarter hours from now on, busy technicians, preference order. */
class SlotFinderTests {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    final SlotFinder finder = new SlotFinder(ZURICH, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(8, 0), LocalTime.of(17, 0));
    final Duration hour = Duration.ofHours(1);

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZURICH).toInstant();
    }

    @Test
    void beforeTheWorkingDayTheFirstSlotIsItsStart() {
        // Tuesday 8 December 2026, 06:10
        var slot = finder.first(at("2026-12-08T06:10"), hour, List.of("anna"), List.of()).orElseThrow();
        assertThat(slot).isEqualTo(new SlotFinder.Slot("anna", at("2026-12-08T08:00"), at("2026-12-08T09:00")));
    }

    @Test
    void duringTheDayTheNextQuarterHourAfterNow() {
        var slot = finder.first(at("2026-12-08T10:07"), hour, List.of("anna"), List.of()).orElseThrow();
        assertThat(slot.start()).isEqualTo(at("2026-12-08T10:15"));
        assertThat(finder.first(at("2026-12-08T10:15"), hour, List.of("anna"), List.of()).orElseThrow().start())
                .isEqualTo(at("2026-12-08T10:15"));
    }

    @Test
    void skipsVisitsAndGapsTooShortAndRoundsUpAfterAVisit() {
        var busy = List.of(new SlotFinder.Busy("anna", at("2026-12-08T08:00"), at("2026-12-08T09:10")),
                // 09:15–10:00 is 45 minutes: too short for an hour
                new SlotFinder.Busy("anna", at("2026-12-08T10:00"), at("2026-12-08T11:00")),
                new SlotFinder.Busy("bob", at("2026-12-08T11:00"), at("2026-12-08T12:00")));
        var slot = finder.first(at("2026-12-08T07:00"), hour, List.of("anna"), busy).orElseThrow();
        assertThat(slot.start()).isEqualTo(at("2026-12-08T11:00"));
    }

    @Test
    void theEarliestTechnicianWinsAndAtTheSameTimeTheFirstNamed() {
        var busy = List.of(new SlotFinder.Busy("anna", at("2026-12-08T08:00"), at("2026-12-08T12:00")));
        assertThat(finder.first(at("2026-12-08T07:00"), hour, List.of("anna", "bob"), busy).orElseThrow().userId())
                .isEqualTo("bob");
        assertThat(finder.first(at("2026-12-08T07:00"), hour, List.of("bob", "carla"), busy).orElseThrow().userId())
                .isEqualTo("bob");
        assertThat(finder.first(at("2026-12-08T07:00"), hour, List.of("carla", "bob"), busy).orElseThrow().userId())
                .isEqualTo("carla");
    }

    @Test
    void aFullDayOrTheEndOfTheDayMovesToTheNextWorkingDaySkippingTheWeekend() {
        // Friday 11 December at 16:30: not an hour left, Saturday and Sunday are not working days
        var slot = finder.first(at("2026-12-11T16:30"), hour, List.of("anna"), List.of()).orElseThrow();
        assertThat(slot.start()).isEqualTo(at("2026-12-14T08:00"));
        var fullMonday = List.of(new SlotFinder.Busy("anna", at("2026-12-14T07:00"), at("2026-12-14T17:00")));
        assertThat(finder.first(at("2026-12-11T16:30"), hour, List.of("anna"), fullMonday).orElseThrow().start())
                .isEqualTo(at("2026-12-15T08:00"));
    }

    @Test
    void noneWithoutTechniciansWhenTheLengthExceedsTheDayOrNothingIsFreeWithinTheHorizon() {
        assertThat(finder.first(at("2026-12-08T07:00"), hour, List.of(), List.of())).isEmpty();
        assertThat(finder.first(at("2026-12-08T07:00"), Duration.ofHours(10), List.of("anna"), List.of())).isEmpty();
        var booked = List.of(new SlotFinder.Busy("anna", at("2026-12-08T00:00"), at("2027-01-08T00:00")));
        assertThat(finder.first(at("2026-12-08T07:00"), hour, List.of("anna"), booked)).isEmpty();
    }
}
