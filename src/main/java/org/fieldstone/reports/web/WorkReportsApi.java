package org.fieldstone.reports.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.fieldstone.reports.WorkReports;
import org.fieldstone.reports.web.WorkReportJson.JobsJson;
import org.fieldstone.reports.web.WorkReportJson.UtilizationJson;
import org.fieldstone.shared.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/reports/jobs} and {@code /utilization}: the work reports as JSON. */
@RestController
@SecurityRequirement(name = "apiKey")
class WorkReportsApi {

    private final WorkReports reports;

    WorkReportsApi(WorkReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "Jobs completed per week (Monday first, the company's time zone) from `from` to `to` (ISO dates, "
            + "both included; default the last twelve weeks), with time on site and first-time-fix rate "
            + "(reports:view and jobs:read)")
    @GetMapping("/api/v1/reports/jobs")
    JobsJson jobs(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ReportDates dates = ReportDates.parse(from, to);
        return JobsJson.of(reports.jobs(actor, dates.from(), dates.to()));
    }

    @Operation(summary = "Scheduled and on-site time per technician and day from `from` to `to` (ISO dates, both "
            + "included; default this week) (reports:view and jobs:read)")
    @GetMapping("/api/v1/reports/utilization")
    UtilizationJson utilization(Actor actor, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to) {
        ReportDates dates = ReportDates.parse(from, to);
        return UtilizationJson.of(reports.utilization(actor, dates.from(), dates.to()));
    }
}
