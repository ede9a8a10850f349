package org.fieldstone.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.fieldstone.shared.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecurrenceRuleTests {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static LocalDateTime at(String localDateTime) {
        return LocalDateTime.parse(localDateTime);
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    static List<LocalDateTime> occurrences(String rule, String first, ZoneId zone, String from, String to) {
        return RecurrenceRule.parse(rule).occurrences(at(first), zone, utc(from), utc(to));
    }

    static List<Instant> instants(List<LocalDateTime> occurrences, ZoneId zone) {
        return occurrences.stream().map(occurrence -> occurrence.atZone(zone).toInstant()).toList();
    }

    // --- daylight saving

    @Test
    void aWeeklyVisitStaysAtNineInZurichAcrossBothChangesWhileItsUtcInstantMovesByAnHour() {
        List<LocalDateTime> spring = occurrences("FREQ=WEEKLY", "2026-03-16T09:00", ZURICH,
                "2026-03-16T00:00:00Z", "2026-04-07T00:00:00Z");
        assertThat(spring).containsExactly(at("2026-03-16T09:00"), at("2026-03-23T09:00"), at("2026-03-30T09:00"),
                at("2026-04-06T09:00"));
        assertThat(instants(spring, ZURICH)).containsExactly(utc("2026-03-16T08:00:00Z"), utc("2026-03-23T08:00:00Z"),
                utc("2026-03-30T07:00:00Z"), utc("2026-04-06T07:00:00Z"));

        List<LocalDateTime> autumn = occurrences("FREQ=WEEKLY", "2026-03-16T09:00", ZURICH,
                "2026-10-19T00:00:00Z", "2026-10-27T00:00:00Z");
        assertThat(autumn).containsExactly(at("2026-10-19T09:00"), at("2026-10-26T09:00"));
        assertThat(instants(autumn, ZURICH)).containsExactly(utc("2026-10-19T07:00:00Z"), utc("2026-10-26T08:00:00Z"));
    }

    @Test
    void aWeeklyVisitStaysAtNineInNewYorkAcrossBothChangesWhileItsUtcInstantMovesByAnHour() {
        List<LocalDateTime> spring = occurrences("FREQ=WEEKLY;BYDAY=MO", "2026-03-02T09:00", NEW_YORK,
                "2026-03-02T00:00:00Z", "2026-03-10T00:00:00Z");
        assertThat(spring).containsExactly(at("2026-03-02T09:00"), at("2026-03-09T09:00"));
        assertThat(instants(spring, NEW_YORK)).containsExactly(utc("2026-03-02T14:00:00Z"), utc("2026-03-09T13:00:00Z"));

        List<LocalDateTime> autumn = occurrences("FREQ=WEEKLY;BYDAY=MO", "2026-03-02T09:00", NEW_YORK,
                "2026-10-26T00:00:00Z", "2026-11-03T00:00:00Z");
        assertThat(autumn).containsExactly(at("2026-10-26T09:00"), at("2026-11-02T09:00"));
        assertThat(instants(autumn, NEW_YORK)).containsExactly(utc("2026-10-26T13:00:00Z"), utc("2026-11-02T14:00:00Z"));
    }

    @Test
    void aTimeInTheSpringGapMovesForwardByTheGapOnThatDayOnly() {
        assertThat(occurrences("FREQ=DAILY", "2026-03-27T02:30", ZURICH, "2026-03-26T00:00:00Z", "2026-03-31T00:00:00Z"))
                .containsExactly(at("2026-03-27T02:30"), at("2026-03-28T02:30"), at("2026-03-29T03:30"),
                        at("2026-03-30T02:30"));
    }

    @Test
    void anAmbiguousAutumnTimeTakesTheEarlierOffset() {
        List<LocalDateTime> autumn = occurrences("FREQ=DAILY", "2026-10-24T02:30", ZURICH,
                "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z");
        assertThat(autumn).containsExactly(at("2026-10-24T02:30"), at("2026-10-25T02:30"));
        assertThat(instants(autumn, ZURICH).getLast()).isEqualTo(utc("2026-10-25T00:30:00Z"));
    }

    // --- expansion

    @Test
    void repeatsEveryOtherWeekOnMondayAndThursday() {
        assertThat(occurrences("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "2026-01-05T09:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-02-07T00:00:00Z"))
                .containsExactly(at("2026-01-05T09:00"), at("2026-01-08T09:00"), at("2026-01-19T09:00"),
                        at("2026-01-22T09:00"), at("2026-02-02T09:00"), at("2026-02-05T09:00"));
    }

    @Test
    void aWeeklyRuleWithoutDaysRepeatsOnTheWeekdayOfTheFirstVisit() {
        assertThat(occurrences("FREQ=WEEKLY", "2026-01-08T09:00", ZURICH, "2026-01-01T00:00:00Z", "2026-01-23T00:00:00Z"))
                .containsExactly(at("2026-01-08T09:00"), at("2026-01-15T09:00"), at("2026-01-22T09:00"));
    }

    @Test
    void theThirtyFirstSkipsMonthsWithoutOne() {
        assertThat(occurrences("FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31T08:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-09-01T00:00:00Z"))
                .containsExactly(at("2026-01-31T08:00"), at("2026-03-31T08:00"), at("2026-05-31T08:00"),
                        at("2026-07-31T08:00"), at("2026-08-31T08:00"));
    }

    @Test
    void minusOneIsTheLastDayOfEachMonth() {
        assertThat(occurrences("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31T08:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z"))
                .containsExactly(at("2026-01-31T08:00"), at("2026-02-28T08:00"), at("2026-03-31T08:00"),
                        at("2026-04-30T08:00"));
    }

    @Test
    void repeatsOnTheLastFridayAndOnTheSecondTuesdayOfEachMonth() {
        assertThat(occurrences("FREQ=MONTHLY;BYDAY=-1FR", "2026-01-30T14:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z"))
                .containsExactly(at("2026-01-30T14:00"), at("2026-02-27T14:00"), at("2026-03-27T14:00"),
                        at("2026-04-24T14:00"));
        assertThat(occurrences("FREQ=MONTHLY;BYDAY=2TU", "2026-01-13T14:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z"))
                .containsExactly(at("2026-01-13T14:00"), at("2026-02-10T14:00"), at("2026-03-10T14:00"),
                        at("2026-04-14T14:00"));
    }

    @Test
    void aWindowThatStartsWithinAStepStillFindsTheStepsLaterOccurrences() {
        assertThat(occurrences("FREQ=WEEKLY;BYDAY=MO,TH", "2026-01-05T09:00", ZURICH,
                "2026-01-07T00:00:00Z", "2026-01-13T00:00:00Z"))
                .containsExactly(at("2026-01-08T09:00"), at("2026-01-12T09:00"));
        assertThat(occurrences("FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-31T08:00", ZURICH,
                "2026-03-20T00:00:00Z", "2026-04-20T00:00:00Z"))
                .containsExactly(at("2026-03-31T08:00"));
    }

    @Test
    void theFirstVisitCountsEvenWhenItDoesNotMatchTheRule() {
        // 2026-01-07 is a Wednesday
        assertThat(occurrences("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3", "2026-01-07T09:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                .containsExactly(at("2026-01-07T09:00"), at("2026-01-08T09:00"), at("2026-01-12T09:00"));
    }

    @Test
    void countLimitsTheWholeSeriesEvenWhenTheWindowStartsAfterSomeOfIt() {
        assertThat(occurrences("FREQ=DAILY;COUNT=5", "2026-01-01T09:00", ZURICH, "2026-01-03T00:00:00Z", "2026-02-01T00:00:00Z"))
                .containsExactly(at("2026-01-03T09:00"), at("2026-01-04T09:00"), at("2026-01-05T09:00"));
    }

    @Test
    void untilIncludesItsDateAndItsInstant() {
        assertThat(occurrences("FREQ=DAILY;UNTIL=20260105", "2026-01-01T09:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                .hasSize(5).endsWith(at("2026-01-05T09:00"));
        // 09:00 in Zurich in January is 08:00 UTC
        assertThat(occurrences("FREQ=DAILY;UNTIL=20260105T080000Z", "2026-01-01T09:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                .hasSize(5).endsWith(at("2026-01-05T09:00"));
        assertThat(occurrences("FREQ=DAILY;UNTIL=20260105T075959Z", "2026-01-01T09:00", ZURICH,
                "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                .hasSize(4).endsWith(at("2026-01-04T09:00"));
    }

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() {
        assertThat(occurrences("FREQ=DAILY", "2026-01-01T09:00", ZURICH, "2026-01-02T08:00:00Z", "2026-01-04T08:00:00Z"))
                .containsExactly(at("2026-01-02T09:00"), at("2026-01-03T09:00"));
        assertThat(occurrences("FREQ=DAILY", "2026-01-01T09:00", ZURICH, "2026-01-04T08:00:00Z", "2026-01-04T08:00:00Z"))
                .isEmpty();
        assertThat(occurrences("FREQ=DAILY", "2026-01-01T09:00", ZURICH, "2025-12-01T00:00:00Z", "2026-01-01T08:00:00Z"))
                .isEmpty();
    }

    @Test
    void anEndlessSeriesThatStartedYearsAgoGivesOnlyTheWindow() {
        List<LocalDateTime> quarter = occurrences("FREQ=DAILY", "2016-01-04T07:30", ZURICH,
                "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z");
        assertThat(quarter).hasSize(90).startsWith(at("2026-01-01T07:30")).endsWith(at("2026-03-31T07:30"));
    }

    // --- parsing

    @ParameterizedTest
    @ValueSource(strings = {
            "INTERVAL=2", "FREQ=YEARLY", "FREQ=HOURLY", "FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=100",
            "FREQ=WEEKLY;INTERVAL=-1", "FREQ=DAILY;BYDAY=MO", "FREQ=WEEKLY;BYMONTHDAY=1", "FREQ=DAILY;BYMONTHDAY=1",
            "FREQ=DAILY;COUNT=3;UNTIL=20270101", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=1001",
            "FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1", "FREQ=DAILY;BYHOUR=9", "FREQ=WEEKLY;WKST=SU", "FREQ=DAILY;COLOR=RED",
            "FREQ=DAILY;FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO;BYDAY=TH", "garbage", "FREQ", "FREQ=", "FREQ=DAILY;;COUNT=2",
            "FREQ=WEEKLY;BYDAY=1MO", "FREQ=WEEKLY;BYDAY=MO,,TH", "FREQ=WEEKLY;BYDAY=XX", "FREQ=MONTHLY;BYDAY=6MO",
            "FREQ=MONTHLY;BYDAY=0MO", "FREQ=MONTHLY;BYDAY=-6FR", "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=MONTHLY;BYMONTHDAY=32",
            "FREQ=MONTHLY;BYMONTHDAY=-32", "FREQ=DAILY;UNTIL=2027", "FREQ=DAILY;UNTIL=20270101T000000",
            "FREQ=DAILY;UNTIL=20270230", "FREQ=DAILY;UNTIL=20270101T250000Z", "FREQ=DAILY;COUNT=ten", "", "   "})
    void refusesWhatIsOutsideTheSubsetOnTheRecurrenceField(String rule) {
        assertThatThrownBy(() -> RecurrenceRule.parse(rule))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("recurrence"));
    }

    @Test
    void refusesNothingAndAnOverlongRule() {
        assertThatThrownBy(() -> RecurrenceRule.parse(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;" + "X".repeat(1989)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("too long");
    }

    @Test
    void refusalsNameThePartAtFault() {
        assertThatThrownBy(() -> RecurrenceRule.parse("INTERVAL=2")).hasMessageContaining("FREQ");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=YEARLY")).hasMessageContaining("FREQ=YEARLY")
                .hasMessageContaining("DAILY, WEEKLY or MONTHLY");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=100")).hasMessageContaining("INTERVAL");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;BYDAY=MO")).hasMessageContaining("BYDAY");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;BYMONTHDAY=1")).hasMessageContaining("BYMONTHDAY");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;COUNT=3;UNTIL=20270101")).hasMessageContaining("COUNT or UNTIL");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;COUNT=0")).hasMessageContaining("COUNT");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=MONTHLY;BYSETPOS=1")).hasMessageContaining("BYSETPOS")
                .hasMessageContaining("is not supported");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;COUNT=2;COUNT=3")).hasMessageContaining("COUNT appears twice");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;UNTIL=20270230")).hasMessageContaining("UNTIL");
    }

    @Test
    void acceptsAnyCaseAndAnRrulePrefixAndWritesOneNormalForm() {
        RecurrenceRule rule = RecurrenceRule.parse(" rrule:freq=weekly;byday=th,mo;count=10;interval=2 ");
        assertThat(rule.text()).isEqualTo("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10");
        assertThat(RecurrenceRule.parse(rule.text())).isEqualTo(rule);
        assertThat(RecurrenceRule.parse(rule.text()).text()).isEqualTo(rule.text());

        assertThat(RecurrenceRule.parse("FREQ=DAILY;INTERVAL=1").text()).isEqualTo("FREQ=DAILY");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=-1,15,1;UNTIL=20270331").text())
                .isEqualTo("FREQ=MONTHLY;BYMONTHDAY=1,15,-1;UNTIL=20270331");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=-1FR,+2TU").text()).isEqualTo("FREQ=MONTHLY;BYDAY=2TU,-1FR");
        assertThat(RecurrenceRule.parse("FREQ=DAILY;UNTIL=20270331T220000Z").text())
                .isEqualTo("FREQ=DAILY;UNTIL=20270331T220000Z");
    }

    // --- questions about one occurrence

    @Test
    void knowsItsOccurrences() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=4");
        LocalDateTime first = at("2026-01-05T09:00");
        assertThat(rule.isOccurrence(first, first)).isTrue();
        assertThat(rule.isOccurrence(first, at("2026-01-08T09:00"))).isTrue();
        assertThat(rule.isOccurrence(first, at("2026-01-22T09:00"))).isTrue();
        assertThat(rule.isOccurrence(first, at("2026-01-08T10:00"))).as("another time").isFalse();
        assertThat(rule.isOccurrence(first, at("2026-01-12T09:00"))).as("the week in between").isFalse();
        assertThat(rule.isOccurrence(first, at("2026-01-01T09:00"))).as("before the first").isFalse();
        assertThat(rule.isOccurrence(first, at("2026-02-02T09:00"))).as("after the count").isFalse();
    }

    @Test
    void knowsAnOccurrenceInTheSpringGapByTheTimeItIsMovedTo() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=DAILY");
        assertThat(rule.isOccurrence(at("2026-03-27T02:30"), ZURICH, at("2026-03-29T03:30"))).isTrue();
        assertThat(rule.isOccurrence(at("2026-03-27T02:30"), ZURICH, at("2026-03-29T02:30"))).isTrue();
    }

    @Test
    void countsTheOccurrencesBeforeATime() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH");
        LocalDateTime first = at("2026-01-05T09:00");
        assertThat(rule.countBefore(first, first)).isZero();
        assertThat(rule.countBefore(first, at("2026-01-19T09:00"))).isEqualTo(2);
        assertThat(rule.countBefore(first, at("2026-01-19T09:01"))).isEqualTo(3);
        assertThat(rule.countBefore(first, at("2025-12-01T09:00"))).isZero();
        assertThat(RecurrenceRule.parse("FREQ=DAILY;COUNT=3").countBefore(first, at("2026-06-01T00:00"))).isEqualTo(3);
    }

    // --- "this and following"

    @Test
    void cuttingACountedSeriesKeepsTheOccurrencesBeforeTheEditedOne() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10");
        LocalDateTime first = at("2026-01-05T09:00");
        RecurrenceRule cut = rule.endingBefore(first, ZURICH, at("2026-01-19T09:00")).orElseThrow();
        assertThat(cut.text()).isEqualTo("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=2");
        assertThat(cut.occurrences(first, ZURICH, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))
                .containsExactly(at("2026-01-05T09:00"), at("2026-01-08T09:00"));
    }

    @Test
    void cuttingAnEndlessSeriesEndsItAtTheLastOccurrenceBeforeInUtc() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,TH");
        LocalDateTime first = at("2026-01-05T09:00");
        RecurrenceRule cut = rule.endingBefore(first, ZURICH, at("2026-01-19T09:00")).orElseThrow();
        assertThat(cut.text()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260115T080000Z");
        assertThat(cut.occurrences(first, ZURICH, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))
                .containsExactly(at("2026-01-05T09:00"), at("2026-01-08T09:00"), at("2026-01-12T09:00"),
                        at("2026-01-15T09:00"));
        assertThat(cut.isOccurrence(first, at("2026-01-15T09:00"))).isTrue();
        assertThat(cut.isOccurrence(first, ZURICH, at("2026-01-15T09:00"))).isTrue();
        assertThat(cut.isOccurrence(first, ZURICH, at("2026-01-19T09:00"))).isFalse();
        assertThat(cut.countBefore(first, ZURICH, at("2027-01-01T00:00"))).isEqualTo(4);
    }

    @Test
    void cuttingAtTheFirstOccurrenceLeavesNothing() {
        LocalDateTime first = at("2026-01-05T09:00");
        assertThat(RecurrenceRule.parse("FREQ=DAILY;COUNT=5").endingBefore(first, ZURICH, first)).isEmpty();
        assertThat(RecurrenceRule.parse("FREQ=DAILY").endingBefore(first, ZURICH, first.minusDays(3))).isEmpty();
    }

    @Test
    void continuingAtAnotherTimeKeepsTheDaysAndTheRestOfTheCount() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10");
        LocalDateTime first = at("2026-01-05T09:00");
        LocalDateTime edited = at("2026-01-19T09:00");
        RecurrenceRule rest = rule.continuing(first, edited, at("2026-01-19T10:30"));
        assertThat(rest.text()).isEqualTo("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=8");
        List<LocalDateTime> continued = rest.occurrences(at("2026-01-19T10:30"), ZURICH,
                utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
        assertThat(continued).hasSize(8).startsWith(at("2026-01-19T10:30"), at("2026-01-22T10:30"))
                .allMatch(occurrence -> occurrence.getHour() == 10 && occurrence.getMinute() == 30);
        assertThat(rule.endingBefore(first, ZURICH, edited).orElseThrow()
                .occurrences(first, ZURICH, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))
                .hasSize(10 - continued.size());
    }

    @Test
    void continuingADayLaterMovesOnlyTheWeekdayThatWasMoved() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6");
        LocalDateTime first = at("2026-01-05T09:00");
        RecurrenceRule rest = rule.continuing(first, at("2026-01-12T09:00"), at("2026-01-13T09:00"));
        assertThat(rest.text()).isEqualTo("FREQ=WEEKLY;BYDAY=TU,WE;COUNT=4");
        assertThat(rest.occurrences(at("2026-01-13T09:00"), ZURICH, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))
                .containsExactly(at("2026-01-13T09:00"), at("2026-01-14T09:00"), at("2026-01-20T09:00"),
                        at("2026-01-21T09:00"));
        assertThat(rule.endingBefore(first, ZURICH, at("2026-01-12T09:00")).orElseThrow().text())
                .isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=2");
    }

    @Test
    void mondayToThursdayMovesTheSeriesOntoThursdaysNotByADuration() {
        LocalDateTime first = at("2026-01-05T09:00");
        LocalDateTime monday = at("2026-01-12T09:00");
        LocalDateTime thursday = at("2026-01-15T09:00");
        RecurrenceRule weekly = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO").continuing(first, monday, thursday);
        assertThat(weekly.text()).isEqualTo("FREQ=WEEKLY;BYDAY=TH");
        assertThat(weekly.occurrences(thursday, ZURICH, utc("2026-01-01T00:00:00Z"), utc("2026-03-01T00:00:00Z")))
                .isNotEmpty().allMatch(o -> o.getDayOfWeek() == java.time.DayOfWeek.THURSDAY);
        // Monday and Friday: the Monday visits move to Thursday, the Friday ones stay (no Sundays, no Tuesdays)
        RecurrenceRule twice = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,FR").continuing(first, monday, thursday);
        assertThat(twice.text()).isEqualTo("FREQ=WEEKLY;BYDAY=TH,FR");
        assertThat(twice.occurrences(thursday, ZURICH, utc("2026-01-01T00:00:00Z"), utc("2026-02-01T00:00:00Z")))
                .containsExactly(thursday, at("2026-01-16T09:00"), at("2026-01-22T09:00"), at("2026-01-23T09:00"),
                        at("2026-01-29T09:00"), at("2026-01-30T09:00"));
        // the first Monday of the month moved to a Thursday that is the second of its month
        LocalDateTime firstMonday = at("2026-02-02T09:00");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=1MO").continuing(at("2026-01-05T09:00"), firstMonday,
                at("2026-02-05T09:00")).text()).isEqualTo("FREQ=MONTHLY;BYDAY=1TH");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=1MO").continuing(at("2026-01-05T09:00"), at("2026-03-02T09:00"),
                at("2026-03-12T09:00")).text()).isEqualTo("FREQ=MONTHLY;BYDAY=2TH");
    }

    @Test
    void aMoveThatWouldMergeTwoWeekdaysOrSkipOneIsRefusedBeforeSaving() {
        LocalDateTime first = at("2026-01-05T09:00");
        LocalDateTime monday = at("2026-01-12T09:00");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,TH").continuing(first, monday, at("2026-01-15T09:00")))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).message().english()).contains("two visits on the same day"));
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,WE").continuing(first, monday, at("2026-01-15T09:00")))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).message().english()).contains("comes between"));
        // a new time on the same day is no move of the day
        assertThat(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,TH").continuing(first, monday, at("2026-01-12T11:00")).text())
                .isEqualTo("FREQ=WEEKLY;BYDAY=MO,TH");
    }

    @Test
    void continuingADayLaterMovesTheDayOfTheMonth() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6");
        LocalDateTime first = at("2026-01-15T08:00");
        RecurrenceRule rest = rule.continuing(first, at("2026-03-15T08:00"), at("2026-03-16T08:00"));
        assertThat(rest.text()).isEqualTo("FREQ=MONTHLY;BYMONTHDAY=16;COUNT=4");
        assertThat(rest.occurrences(at("2026-03-16T08:00"), ZURICH, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))
                .containsExactly(at("2026-03-16T08:00"), at("2026-04-16T08:00"), at("2026-05-16T08:00"),
                        at("2026-06-16T08:00"));
        assertThat(rule.endingBefore(first, ZURICH, at("2026-03-15T08:00")).orElseThrow().text())
                .isEqualTo("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=2");
    }

    @Test
    void daysOfTheMonthMovedPastTheMonthsEndContinueAtTheOtherEnd() {
        LocalDateTime first = at("2026-01-31T08:00");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=31").continuing(first, first, first.plusDays(1)).text())
                .isEqualTo("FREQ=MONTHLY;BYMONTHDAY=1");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=-1").continuing(first, first, first.plusDays(1)).text())
                .isEqualTo("FREQ=MONTHLY;BYMONTHDAY=1");
        LocalDateTime firstOfMonth = at("2026-02-01T08:00");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=1").continuing(firstOfMonth, firstOfMonth,
                firstOfMonth.minusDays(1)).text()).isEqualTo("FREQ=MONTHLY;BYMONTHDAY=-1");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=2TU,-1FR").continuing(first, first, first.plusDays(1)).text())
                .isEqualTo("FREQ=MONTHLY;BYDAY=2WE,-1SA");
    }

    @Test
    void continuingAnEndedSeriesLaterKeepsItsLastOccurrence() {
        LocalDateTime first = at("2026-01-05T09:00");
        RecurrenceRule cut = RecurrenceRule.parse("FREQ=WEEKLY").endingBefore(first, ZURICH, at("2026-02-02T09:00"))
                .orElseThrow();
        assertThat(cut.text()).isEqualTo("FREQ=WEEKLY;UNTIL=20260126T080000Z");
        RecurrenceRule later = cut.continuing(first, at("2026-01-12T09:00"), at("2026-01-13T11:00"));
        assertThat(later.text()).isEqualTo("FREQ=WEEKLY;UNTIL=20260127T100000Z");
        assertThat(later.occurrences(at("2026-01-13T11:00"), ZURICH, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")))
                .containsExactly(at("2026-01-13T11:00"), at("2026-01-20T11:00"), at("2026-01-27T11:00"));

        RecurrenceRule byDate = RecurrenceRule.parse("FREQ=DAILY;UNTIL=20260110");
        assertThat(byDate.continuing(first, at("2026-01-07T09:00"), at("2026-01-09T07:00")).text())
                .isEqualTo("FREQ=DAILY;UNTIL=20260112");
    }

    // --- description

    @Test
    void describesItselfInWords() {
        assertThat(RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10").describe().english())
                .isEqualTo("Every 2 weeks on Monday and Thursday, 10 times");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270331").describe().english())
                .isEqualTo("Monthly on day 15 until 31 Mar 2027");
        assertThat(RecurrenceRule.parse("FREQ=DAILY").describe().english()).isEqualTo("Daily");
        assertThat(RecurrenceRule.parse("FREQ=DAILY;INTERVAL=3;COUNT=1").describe().english()).isEqualTo("Every 3 days, once");
        assertThat(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,WE,FR").describe().english())
                .isEqualTo("Weekly on Monday, Wednesday and Friday");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=-1FR").describe().english()).isEqualTo("Monthly on the last Friday");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU").describe().english())
                .isEqualTo("Every 3 months on the second Tuesday");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=1,15,-1").describe().english())
                .isEqualTo("Monthly on days 1 and 15 and the last day");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=-2").describe().english()).isEqualTo("Monthly on the 2nd to last day");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR").describe().english())
                .isEqualTo("Monthly on day 13 if it is a Friday");
    }

    /** The description is a message: a code per shape of rule, its days and ordinals words of the bundle. */
    @Test
    void describesItselfWithMessageCodes() {
        assertThat(RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10").describe().code())
                .isEqualTo("jobs.rrule.describe.count");
        assertThat(RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH").describe().code())
                .isEqualTo("jobs.rrule.describe.weekly-on");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=MO").describe().english()).isEqualTo("Monthly on every Monday");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=-2TU,1WE").describe().english())
                .isEqualTo("Monthly on the second to last Tuesday and the first Wednesday");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=-22,-11,-3").describe().english())
                .isEqualTo("Monthly on the 22nd to last day, the 11th to last day and the 3rd to last day");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=MO,FR").describe().english())
                .isEqualTo("Monthly on day 13 if it is a Monday or Friday");
        assertThat(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=SA;COUNT=1").describe().english()).isEqualTo("Weekly on Saturday, once");
        assertThat(RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=12;UNTIL=20301205").describe().english())
                .isEqualTo("Every 12 months until 5 Dec 2030");
    }

    @Test
    void describesAUtcEndAsItsDateInTheCompanysZone() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=DAILY;UNTIL=20270331T230000Z");
        assertThat(rule.describe().english()).isEqualTo("Daily until 31 Mar 2027");
        assertThat(rule.describe(ZURICH).english()).isEqualTo("Daily until 1 Apr 2027");
    }
}
