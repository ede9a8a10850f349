package org.fieldstone.reports.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.fieldstone.reports.InventoryReports;
import org.fieldstone.reports.web.InventoryReportJson.PartsJson;
import org.fieldstone.reports.web.InventoryReportJson.ValueJson;
import org.fieldstone.shared.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/reports/inventory-value} and {@code /parts-used}: the inventory reports as JSON. */
@RestController
@SecurityRequirement(name = "apiKey")
class InventoryReportsApi {

    private final InventoryReports reports;

    InventoryReportsApi(InventoryReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "Stock value per location now — or at the end of the day `at` (an ISO date before today) —: "
            + "stock × unit cost per item (rounded half-up per line to a minor unit), per location and in total "
            + "(reports:view and inventory:manage)")
    @GetMapping("/api/v1/reports/inventory-value")
    ValueJson value(Actor actor, @RequestParam(required = false) String at) {
        return ValueJson.of(reports.value(actor, ReportDates.parse(at, null).from()));
    }

    @Operation(summary = "Parts used per job (USE less RETURN) from `from` to `to` (ISO dates, both included; default "
            + "this month so far), at unit price and at unit cost (reports:view and inventory:manage)")
    @GetMapping("/api/v1/reports/parts-used")
    PartsJson partsUsed(Actor actor, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to) {
        ReportDates dates = ReportDates.parse(from, to);
        return PartsJson.of(reports.partsUsed(actor, dates.from(), dates.to()));
    }
}
