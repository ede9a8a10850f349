package org.fieldstone.reports.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Optional;
import org.fieldstone.reports.MoneyReports;
import org.fieldstone.reports.web.MoneyReportJson.AgingJson;
import org.fieldstone.reports.web.MoneyReportJson.RevenueJson;
import org.fieldstone.shared.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/reports/revenue} and {@code /aging}: the money reports as JSON. */
@RestController
@SecurityRequirement(name = "apiKey")
class MoneyReportsApi {

    private final MoneyReports reports;

    MoneyReportsApi(MoneyReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "Revenue received per month and by client in a year (default: this year), per currency "
            + "(reports:view and invoices:read)")
    @GetMapping("/api/v1/reports/revenue")
    RevenueJson revenue(Actor actor, @RequestParam(required = false) Integer year) {
        return RevenueJson.of(reports.revenue(actor, Optional.ofNullable(year)));
    }

    @Operation(summary = "Open invoices' balances by days past due: current, 1–30, 31–60, 61–90, 90+; totals and per "
            + "client, per currency (reports:view and invoices:read)")
    @GetMapping("/api/v1/reports/aging")
    AgingJson aging(Actor actor) {
        return AgingJson.of(reports.aging(actor));
    }
}
