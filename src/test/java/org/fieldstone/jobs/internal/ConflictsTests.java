package org.fieldstone.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.Warning;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.UserId;
import org.junit.jupiter.api.Test;

/** Double-booked users and visits outside working hours, in the company's zone. */
class ConflictsTests {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final UserId TARA = UserId.random();
    private static final UserId TOM = UserId.random();

    private static Visit visit(String id, String job, String start, String end, VisitStatus status, UserId... users) {
        return new Visit(id, job, Instant.parse(start), Instant.parse(end), List.of(users), status, null, null, null, null,
                null, false, 1, Instant.EPOCH, Instant.EPOCH);
    }

    private static List<Warning> warnings(Visit v, List<Visit> others, Map<String, String> numbers) {
        return Conflicts.of(v, others, WorkSettings.DEFAULT, ZURICH, u -> u.equals(TARA) ? "Tara" : "Tom", numbers);
    }

    @Test
    void overlappingVisitsOfTheSameUserAreDoubleBookedAndTouchingOnesAreNot() {
        // Monday 4 May 2026, 09:00–10:00 local (07:00–08:00 UTC)
        Visit v = visit("v", "j1", "2026-05-04T07:00:00Z", "2026-05-04T08:00:00Z", VisitStatus.SCHEDULED, TARA, TOM);
        Visit overlapping = visit("o", "j2", "2026-05-04T07:30:00Z", "2026-05-04T08:30:00Z", VisitStatus.SCHEDULED, TARA);
        Visit touching = visit("t", "j3", "2026-05-04T08:00:00Z", "2026-05-04T09:00:00Z", VisitStatus.SCHEDULED, TOM);
        Visit cancelled = visit("c", "j4", "2026-05-04T07:00:00Z", "2026-05-04T08:00:00Z", VisitStatus.CANCELLED, TOM);
        List<Warning> warnings = warnings(v, List.of(v, overlapping, touching, cancelled), Map.of("j2", "J-0002"));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("double-booked");
            assertThat(w.userId()).isEqualTo(TARA.toString());
            assertThat(w.otherVisitId()).isEqualTo("o");
            assertThat(w.message().english()).isEqualTo("Tara is also booked 09:30–10:30 (J-0002).");
        });
    }

    @Test
    void anotherJobTheReaderMayNotSeeIsNotNamed() {
        Visit v = visit("v", "j1", "2026-05-04T07:00:00Z", "2026-05-04T08:00:00Z", VisitStatus.SCHEDULED, TARA);
        Visit hidden = visit("h", "secret", "2026-05-04T07:30:00Z", "2026-05-04T08:30:00Z", VisitStatus.SCHEDULED, TARA);
        assertThat(warnings(v, List.of(hidden), Map.of())).singleElement().satisfies(w -> {
            assertThat(w.message().english()).doesNotContain("J-").isEqualTo("Tara is also booked 09:30–10:30.");
            assertThat(w.otherVisitId()).isNull();
        });
    }

    @Test
    void workingHoursAreTheCompanysLocalOnes() {
        WorkSettings hours = WorkSettings.DEFAULT;
        // 07:00–18:00 local, Monday–Friday; in summer local = UTC+2
        assertThat(Conflicts.outsideWorkingHours(visit("a", "j", "2026-05-04T05:00:00Z", "2026-05-04T06:00:00Z",
                VisitStatus.SCHEDULED), hours, ZURICH)).as("07:00–08:00").isFalse();
        assertThat(Conflicts.outsideWorkingHours(visit("b", "j", "2026-05-04T04:30:00Z", "2026-05-04T06:00:00Z",
                VisitStatus.SCHEDULED), hours, ZURICH)).as("06:30").isTrue();
        assertThat(Conflicts.outsideWorkingHours(visit("c", "j", "2026-05-04T15:00:00Z", "2026-05-04T16:30:00Z",
                VisitStatus.SCHEDULED), hours, ZURICH)).as("until 18:30").isTrue();
        assertThat(Conflicts.outsideWorkingHours(visit("d", "j", "2026-05-09T08:00:00Z", "2026-05-09T09:00:00Z",
                VisitStatus.SCHEDULED), hours, ZURICH)).as("Saturday").isTrue();
        assertThat(Conflicts.outsideWorkingHours(visit("e", "j", "2026-05-04T19:00:00Z", "2026-05-05T06:00:00Z",
                VisitStatus.SCHEDULED), hours, ZURICH)).as("overnight").isTrue();
        WorkSettings weekend = new WorkSettings(Set.of(DayOfWeek.SATURDAY), LocalTime.of(8, 0), LocalTime.of(12, 0), true);
        assertThat(Conflicts.outsideWorkingHours(visit("f", "j", "2026-05-09T06:00:00Z", "2026-05-09T07:00:00Z",
                VisitStatus.SCHEDULED), weekend, ZURICH)).isFalse();
        Visit late = visit("g", "j", "2026-05-04T19:00:00Z", "2026-05-04T20:00:00Z", VisitStatus.SCHEDULED, TARA);
        assertThat(warnings(late, List.of(), Map.of())).extracting(Warning::code).containsExactly("outside-working-hours");
        assertThat(warnings(late, List.of(), Map.of()).getFirst().message().english()).isEqualTo("Outside working hours (Mon, Tue, Wed, Thu, Fri 07:00–18:00).");
    }
}
