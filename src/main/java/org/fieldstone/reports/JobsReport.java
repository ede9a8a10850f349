package org.fieldstone.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Jobs completed in a range of days, by week. A job counts in the week (Monday first, the company's time zone) of the
 * day it was completed; completed and since invoiced jobs count, cancelled ones never do (nor a job completed and then
 * reopened or cancelled: it has no completion any more).
 * <ul>
 * <li><b>Time on site</b> of a job is the sum of its finished visits' Start → Finish times; the <b>average time on
 * site</b> is the total time on site of the jobs that have a finished visit divided by their number (per job, not per
 * visit: a job done in two visits counts once, with both visits' time).</li>
 * <li>A visit was <b>worked</b> when it was started (even if it was never finished); the <b>first-time-fix rate</b> is
 * the share of completed jobs with at least one worked visit that needed exactly one. Jobs completed without any
 * visit worked (completed from the office) are counted as completed and left out of both rates.</li>
 * </ul>
 *
 * @param from  first day of the range
 * @param to    last day of the range (included)
 * @param weeks every week touching the range, oldest first (weeks without completions show zero)
 * @param jobs  the completed jobs counted, by completion time
 * @param total the figures of the whole range
 */
public record JobsReport(LocalDate from, LocalDate to, List<Week> weeks, List<CompletedJob> jobs, Figures total) {

    public JobsReport {
        weeks = List.copyOf(weeks);
        jobs = List.copyOf(jobs);
    }

    /** @param start the Monday of the week (it may lie before the range's first day) */
    public record Week(LocalDate start, Figures figures) {
    }

    /**
     * @param completed      jobs completed
     * @param worked         of those, jobs with at least one visit worked (started)
     * @param firstTimeFixes of those, jobs with exactly one visit worked
     * @param timed          jobs with at least one finished visit
     * @param timeOnSite     the sum of the timed jobs' time on site
     */
    public record Figures(int completed, int worked, int firstTimeFixes, int timed, Duration timeOnSite) {

        public static final Figures NONE = new Figures(0, 0, 0, 0, Duration.ZERO);

        public Figures plus(CompletedJob job) {
            return new Figures(completed + 1, worked + (job.visitsWorked() > 0 ? 1 : 0),
                    firstTimeFixes + (job.firstTimeFix() ? 1 : 0), timed + (job.visitsFinished() > 0 ? 1 : 0),
                    timeOnSite.plus(job.timeOnSite()));
        }

        /** Time on site per timed job; empty when no job was timed. */
        public Optional<Duration> averageTimeOnSite() {
            return timed == 0 ? Optional.empty() : Optional.of(timeOnSite.dividedBy(timed));
        }

        public BigDecimal timeOnSiteHours() {
            return Utilization.hours(timeOnSite);
        }

        /** {@link #averageTimeOnSite} in hours, two decimals. */
        public Optional<BigDecimal> averageHours() {
            return averageTimeOnSite().map(Utilization::hours);
        }

        /** First-time fixes per worked job in percent, one decimal (half up); empty when no job was worked. */
        public Optional<BigDecimal> firstTimeFixPercent() {
            return worked == 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(firstTimeFixes * 100L)
                    .divide(BigDecimal.valueOf(worked), 1, RoundingMode.HALF_UP));
        }
    }

    /**
     * A job counted: its number and title, when it was completed, how many of its visits were worked (started) and
     * finished, and its time on site (the sum of its finished visits' Start → Finish).
     */
    public record CompletedJob(String jobId, String number, String title, Instant completedAt, LocalDate completedOn,
                               LocalDate week, int visitsWorked, int visitsFinished, Duration timeOnSite) {

        /** Exactly one visit was worked. */
        public boolean firstTimeFix() {
            return visitsWorked == 1;
        }

        public BigDecimal timeOnSiteHours() {
            return Utilization.hours(timeOnSite);
        }
    }
}
