package org.fieldstone.reports.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fieldstone.reports.JobsReport;
import org.fieldstone.reports.Utilization;
import org.fieldstone.shared.UserId;
import org.junit.jupiter.api.Test;

/** How a stretch of time is split into the company's days, and the work reports' CSV cells. */
class WorkReportsDaysTests {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZURICH).toInstant();
    }

    private static Map<LocalDate, Duration> split(String from, String to, String first, String last) {
        Map<LocalDate, Duration> days = new TreeMap<>();
        WorkReportsService.byDay(at(from), at(to), ZURICH, LocalDate.parse(first), LocalDate.parse(last),
                (day, d) -> days.merge(day, d, Duration::plus));
        return days;
    }

    @Test
    void aStretchAcrossMidnightCountsOnEachDayForItsHoursOfThatDay() {
        assertThat(split("2027-01-12T22:00", "2027-01-13T02:00", "2027-01-01", "2027-01-31"))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(LocalDate.parse("2027-01-12"), Duration.ofHours(2),
                        LocalDate.parse("2027-01-13"), Duration.ofHours(2))));
        // only the days of the range
        assertThat(split("2027-01-12T22:00", "2027-01-13T02:00", "2027-01-13", "2027-01-13"))
                .containsExactlyEntriesOf(Map.of(LocalDate.parse("2027-01-13"), Duration.ofHours(2)));
        assertThat(split("2027-01-12T22:00", "2027-01-13T00:00", "2027-01-13", "2027-01-20")).isEmpty();
        // three days long
        assertThat(split("2027-01-12T12:00", "2027-01-14T06:00", "2027-01-01", "2027-01-31").values())
                .containsExactly(Duration.ofHours(12), Duration.ofHours(24), Duration.ofHours(6));
        // nothing for an empty or reversed stretch
        assertThat(split("2027-01-12T12:00", "2027-01-12T12:00", "2027-01-01", "2027-01-31")).isEmpty();
    }

    @Test
    void daysAreTheCompanysWithTheirSummerTimeChanges() {
        // 2027-03-28: 02:00 becomes 03:00, the day has 23 hours; 01:00 → 04:00 local is two hours
        assertThat(split("2027-03-28T01:00", "2027-03-28T04:00", "2027-03-01", "2027-03-31"))
                .containsExactlyEntriesOf(Map.of(LocalDate.parse("2027-03-28"), Duration.ofHours(2)));
        assertThat(split("2027-03-28T00:00", "2027-03-29T00:00", "2027-03-01", "2027-03-31"))
                .containsExactlyEntriesOf(Map.of(LocalDate.parse("2027-03-28"), Duration.ofHours(23)));
        // 2027-10-31 has 25 hours
        assertThat(split("2027-10-31T00:00", "2027-11-01T00:00", "2027-10-01", "2027-11-30"))
                .containsExactlyEntriesOf(Map.of(LocalDate.parse("2027-10-31"), Duration.ofHours(25)));
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreNeutralisedAndNumbersStayNumbers() {
        UserId user = new UserId(java.util.UUID.randomUUID());
        Utilization u = new Utilization(LocalDate.parse("2027-01-11"), LocalDate.parse("2027-01-17"),
                List.of(new Utilization.Day(user, "=cmd|' /C calc'!A0", LocalDate.parse("2027-01-12"), Duration.ofMinutes(90),
                        Duration.ofMinutes(45))),
                List.of(new Utilization.Technician(user, "@SUM(A1)", Duration.ofMinutes(90), Duration.ofMinutes(45))),
                Duration.ofMinutes(90), Duration.ofMinutes(45));
        String csv = WorkCsv.utilization(u);
        assertThat(csv).contains(",\"'=cmd|' /C calc'!A0\",2027-01-12,1.50,0.75,50.0\r\n")
                .contains(",\"'@SUM(A1)\",,1.50,0.75,50.0\r\n").endsWith("total,,,,1.50,0.75,50.0\r\n");
        JobsReport.CompletedJob job = new JobsReport.CompletedJob("j1", "J-0001", "+1-2 \"quoted\", title",
                Instant.parse("2027-01-12T10:00:00Z"), LocalDate.parse("2027-01-12"), LocalDate.parse("2027-01-11"), 0, 0,
                Duration.ZERO);
        JobsReport r = new JobsReport(LocalDate.parse("2027-01-11"), LocalDate.parse("2027-01-17"),
                List.of(new JobsReport.Week(LocalDate.parse("2027-01-11"), JobsReport.Figures.NONE.plus(job))), List.of(job),
                JobsReport.Figures.NONE.plus(job));
        String jobs = WorkCsv.jobs(r);
        assertThat(jobs).contains("job,2027-01-11,j1,J-0001,\"'+1-2 \"\"quoted\"\", title\",2027-01-12,0,0,1,0,0,0,0.00,,\r\n")
                .endsWith("total,,,,,,,,1,0,0,0,0.00,,\r\n");
        assertThat(r.total().firstTimeFixPercent()).isEqualTo(Optional.empty());
        assertThat(r.total().averageTimeOnSite()).isEmpty();
    }
}
