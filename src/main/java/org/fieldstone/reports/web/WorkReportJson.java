package org.fieldstone.reports.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fieldstone.reports.JobsReport;
import org.fieldstone.reports.Utilization;

/**
 * The work reports in the API's shape. Durations are whole seconds (rounded down from the exact sum, so a total is
 * the seconds of the summed times, not a sum of rounded parts); rates are percentages with one decimal, null when
 * there is nothing to divide by.
 */
final class WorkReportJson {

    private WorkReportJson() {
    }

    record JobsJson(LocalDate from, LocalDate to, FiguresJson total, List<WeekJson> weeks, List<JobJson> jobs) {
        static JobsJson of(JobsReport r) {
            return new JobsJson(r.from(), r.to(), FiguresJson.of(r.total()),
                    r.weeks().stream().map(w -> new WeekJson(w.start(), FiguresJson.of(w.figures()))).toList(),
                    r.jobs().stream().map(j -> new JobJson(j.jobId(), j.number(), j.title(), j.completedAt(),
                            j.completedOn(), j.week(), j.visitsWorked(), j.visitsFinished(), j.timeOnSite().toSeconds(),
                            j.firstTimeFix())).toList());
        }
    }

    /** @param weekStart the Monday of the week */
    record WeekJson(LocalDate weekStart, FiguresJson figures) {
    }

    record FiguresJson(int completed, int worked, int firstTimeFixes, BigDecimal firstTimeFixPercent, int timed,
                       long timeOnSiteSeconds, Long averageTimeOnSiteSeconds) {
        static FiguresJson of(JobsReport.Figures f) {
            return new FiguresJson(f.completed(), f.worked(), f.firstTimeFixes(), f.firstTimeFixPercent().orElse(null),
                    f.timed(), f.timeOnSite().toSeconds(), f.averageTimeOnSite().map(d -> d.toSeconds()).orElse(null));
        }
    }

    record JobJson(String id, String number, String title, Instant completedAt, LocalDate completedOn, LocalDate week,
                   int visitsWorked, int visitsFinished, long timeOnSiteSeconds, boolean firstTimeFix) {
    }

    record UtilizationJson(LocalDate from, LocalDate to, long scheduledSeconds, long onSiteSeconds, BigDecimal percent,
                           List<TechnicianJson> technicians, List<DayJson> days) {
        static UtilizationJson of(Utilization u) {
            return new UtilizationJson(u.from(), u.to(), u.scheduled().toSeconds(), u.onSite().toSeconds(),
                    u.percent().orElse(null),
                    u.technicians().stream().map(t -> new TechnicianJson(t.userId().toString(), t.name(),
                            t.scheduled().toSeconds(), t.onSite().toSeconds(), t.percent().orElse(null))).toList(),
                    u.days().stream().map(d -> new DayJson(d.userId().toString(), d.name(), d.date(),
                            d.scheduled().toSeconds(), d.onSite().toSeconds(), d.percent().orElse(null))).toList());
        }
    }

    record TechnicianJson(String userId, String name, long scheduledSeconds, long onSiteSeconds, BigDecimal percent) {
    }

    record DayJson(String userId, String name, LocalDate date, long scheduledSeconds, long onSiteSeconds,
                   BigDecimal percent) {
    }
}
