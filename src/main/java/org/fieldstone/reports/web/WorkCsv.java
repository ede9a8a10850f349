package org.fieldstone.reports.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fieldstone.reports.JobsReport;
import org.fieldstone.reports.Utilization;

/**
 * The work reports as RFC 4180 CSV, as {@link MoneyCsv} writes the money reports: text cells (titles, names, ids)
 * neutralised as in {@link AuditCsv#cell}; counts, hours (two decimals) and percentages (one decimal) are numbers this
 * class writes itself, left as they are so that a spreadsheet adds them up. A figure without a denominator (no job
 * worked, nothing scheduled) is an empty cell.
 */
final class WorkCsv {

    static final String JOBS_HEADER = "row,week,job_id,job_number,title,completed_on,visits_worked,visits_finished,"
            + "completed,worked,first_time_fixes,timed,time_on_site_hours,first_time_fix_percent,"
            + "average_time_on_site_hours\r\n";
    static final String UTILIZATION_HEADER = "row,user_id,technician,date,scheduled_hours,on_site_hours,"
            + "utilization_percent\r\n";

    private WorkCsv() {
    }

    /** A row per completed job, per week and a total. */
    static String jobs(JobsReport report) {
        StringBuilder out = new StringBuilder(JOBS_HEADER);
        for (JobsReport.CompletedJob j : report.jobs()) {
            out.append(text("job", j.week().toString(), j.jobId(), nz(j.number()), nz(j.title()), j.completedOn().toString()))
                    .append(numbers(j.visitsWorked(), j.visitsFinished(), 1, j.visitsWorked() > 0 ? 1 : 0,
                            j.firstTimeFix() ? 1 : 0, j.visitsFinished() > 0 ? 1 : 0, Utilization.hours(j.timeOnSite()),
                            "", ""));
        }
        for (JobsReport.Week w : report.weeks()) {
            out.append(text("week", w.start().toString(), "", "", "", "")).append(figures(w.figures()));
        }
        return out.append(text("total", "", "", "", "", "")).append(figures(report.total())).toString();
    }

    /** A row per technician and day, per technician and a total. */
    static String utilization(Utilization u) {
        StringBuilder out = new StringBuilder(UTILIZATION_HEADER);
        for (Utilization.Day d : u.days()) {
            out.append(text("day", d.userId().toString(), nz(d.name()), d.date().toString()))
                    .append(numbers(Utilization.hours(d.scheduled()), Utilization.hours(d.onSite()), pct(d.percent())));
        }
        for (Utilization.Technician t : u.technicians()) {
            out.append(text("technician", t.userId().toString(), nz(t.name()), ""))
                    .append(numbers(Utilization.hours(t.scheduled()), Utilization.hours(t.onSite()), pct(t.percent())));
        }
        return out.append(text("total", "", "", "")).append(numbers(Utilization.hours(u.scheduled()),
                Utilization.hours(u.onSite()), pct(u.percent()))).toString();
    }

    private static String figures(JobsReport.Figures f) {
        return numbers("", "", f.completed(), f.worked(), f.firstTimeFixes(), f.timed(), Utilization.hours(f.timeOnSite()),
                pct(f.firstTimeFixPercent()), f.averageTimeOnSite().map(d -> Utilization.hours(d).toPlainString()).orElse(""));
    }

    private static String text(String... cells) {
        return Stream.of(cells).map(AuditCsv::cell).collect(Collectors.joining(","));
    }

    /** Numbers (and empty cells) the class made itself: not neutralised, so that they stay numbers. */
    private static String numbers(Object... cells) {
        return List.of(cells).stream().map(c -> "," + (c instanceof BigDecimal b ? b.toPlainString() : c.toString()))
                .collect(Collectors.joining()) + "\r\n";
    }

    private static String pct(Optional<BigDecimal> percent) {
        return percent.map(BigDecimal::toPlainString).orElse("");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
