package org.fieldstone.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.UserId;

/**
 * Technician utilization: per technician and day (the company's time zone), <b>scheduled</b> time — the part of that
 * day covered by the scheduled start → end of each visit assigned to them that is not cancelled — against <b>on
 * site</b> time — the part of that day covered by Start → Finish of each finished visit assigned to them. A visit with
 * several assignees counts in full for each; a visit across midnight counts on each day for the hours of that day; a
 * visit started but not finished has scheduled time and no time on site. Visits are found by their schedule: one
 * whose scheduled time lies more than seven days outside the range is not counted, even if it was worked in it.
 *
 * @param days        a row per technician and day with any scheduled or on-site time, by technician then day
 * @param technicians a row per technician, the sums of their days
 * @param scheduled   the sum of every row
 * @param onSite      the sum of every row
 */
public record Utilization(LocalDate from, LocalDate to, List<Day> days, List<Technician> technicians,
                          Duration scheduled, Duration onSite) {

    public Utilization {
        days = List.copyOf(days);
        technicians = List.copyOf(technicians);
    }

    /** @param name the technician's name, or null when the reader may not see the team or the member is gone */
    public record Day(UserId userId, String name, LocalDate date, Duration scheduled, Duration onSite) {
        public Optional<BigDecimal> percent() {
            return Utilization.percent(onSite, scheduled);
        }

        public BigDecimal scheduledHours() {
            return hours(scheduled);
        }

        public BigDecimal onSiteHours() {
            return hours(onSite);
        }
    }

    /** @param name the technician's name, or null when the reader may not see the team or the member is gone */
    public record Technician(UserId userId, String name, Duration scheduled, Duration onSite) {
        public Optional<BigDecimal> percent() {
            return Utilization.percent(onSite, scheduled);
        }

        public BigDecimal scheduledHours() {
            return hours(scheduled);
        }

        public BigDecimal onSiteHours() {
            return hours(onSite);
        }
    }

    public Optional<BigDecimal> percent() {
        return percent(onSite, scheduled);
    }

    public BigDecimal scheduledHours() {
        return hours(scheduled);
    }

    public BigDecimal onSiteHours() {
        return hours(onSite);
    }

    /** On-site time per scheduled time in percent, one decimal (half up); empty when nothing was scheduled. */
    public static Optional<BigDecimal> percent(Duration onSite, Duration scheduled) {
        return scheduled.isZero() ? Optional.empty() : Optional.of(BigDecimal.valueOf(onSite.toMillis() * 100L)
                .divide(BigDecimal.valueOf(scheduled.toMillis()), 1, RoundingMode.HALF_UP));
    }

    /** A duration in hours with two decimals (half up), as the page and the CSV show it. */
    public static BigDecimal hours(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).divide(BigDecimal.valueOf(3_600_000L), 2, RoundingMode.HALF_UP);
    }
}
