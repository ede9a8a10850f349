package org.fieldstone.reports.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.fieldstone.reports.JobsReport;
import org.fieldstone.reports.Utilization;
import org.fieldstone.reports.WorkReports;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Reports → Jobs and → Technician utilization, and their CSV downloads. */
@Controller
class WorkReportsController {

    private final WorkReports reports;
    private final MessageSource messages;

    WorkReportsController(WorkReports reports, MessageSource messages) {
        this.reports = reports;
        this.messages = messages;
    }

    @GetMapping("/c/{slug}/reports/jobs")
    String jobs(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                Model model, HttpServletResponse response) {
        model.addAttribute("report", shown(from, to, model, response,
                d -> reports.jobs(actor, d.from(), d.to()), () -> reports.jobs(actor, Optional.empty(), Optional.empty())));
        return "reports/jobs";
    }

    @GetMapping("/c/{slug}/reports/utilization")
    String utilization(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       Model model, HttpServletResponse response) {
        model.addAttribute("report", shown(from, to, model, response,
                d -> reports.utilization(actor, d.from(), d.to()),
                () -> reports.utilization(actor, Optional.empty(), Optional.empty())));
        return "reports/utilization";
    }

    @GetMapping("/c/{slug}/reports/jobs.csv")
    void jobsCsv(Actor actor, @PathVariable String slug, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        ReportDates dates = ReportDates.parse(from, to);
        JobsReport report = reports.jobs(actor, dates.from(), dates.to());
        csv(response, "jobs-" + slug + "-" + report.from() + "-" + report.to() + ".csv", WorkCsv.jobs(report));
    }

    @GetMapping("/c/{slug}/reports/utilization.csv")
    void utilizationCsv(Actor actor, @PathVariable String slug, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        ReportDates dates = ReportDates.parse(from, to);
        Utilization report = reports.utilization(actor, dates.from(), dates.to());
        csv(response, "utilization-" + slug + "-" + report.from() + "-" + report.to() + ".csv", WorkCsv.utilization(report));
    }

    /** The report of the range asked for; a range refused shows the default one, the form keeping what was typed. */
    private <T> T shown(String from, String to, Model model, HttpServletResponse response, Function<ReportDates, T> report,
                        java.util.function.Supplier<T> fallback) {
        try {
            return report.apply(ReportDates.parse(from, to));
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("typedFrom", from);
            model.addAttribute("typedTo", to);
            return fallback.get();
        }
    }

    private static void csv(HttpServletResponse response, String name, String body) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.getWriter().write(body);
    }
}
