package org.fieldstone.reports.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.reports.InventoryReports;
import org.fieldstone.reports.InventoryReports.InventoryValue;
import org.fieldstone.reports.InventoryReports.PartsUsed;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Reports → Inventory value and → Parts used, and their CSV downloads. */
@Controller
class InventoryReportsController {

    private final InventoryReports reports;
    private final MessageSource messages;

    InventoryReportsController(InventoryReports reports, MessageSource messages) {
        this.reports = reports;
        this.messages = messages;
    }

    @GetMapping("/c/{slug}/reports/inventory-value")
    String value(Actor actor, @RequestParam(required = false) String at, Model model, HttpServletResponse response) {
        InventoryValue report;
        try {
            report = reports.value(actor, ReportDates.parse(at, null).from());
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            Map<String, String> errors = new HashMap<>();
            e.fieldErrors(messages).forEach((field, text) -> errors.put("at", text));
            model.addAttribute("errors", errors);
            model.addAttribute("typedAt", at);
            report = reports.value(actor, Optional.empty());
        }
        model.addAttribute("report", report);
        return "reports/inventory-value";
    }

    @GetMapping("/c/{slug}/reports/inventory-value.csv")
    void valueCsv(Actor actor, @PathVariable String slug, @RequestParam(required = false) String at,
                  HttpServletResponse response) throws IOException {
        InventoryValue report = reports.value(actor, ReportDates.parse(at, null).from());
        csv(response, "inventory-value-" + slug + (report.at() == null ? "" : "-" + report.at()) + ".csv",
                InventoryCsv.value(report));
    }

    @GetMapping("/c/{slug}/reports/parts-used")
    String partsUsed(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     Model model, HttpServletResponse response) {
        PartsUsed report;
        try {
            ReportDates d = ReportDates.parse(from, to);
            report = reports.partsUsed(actor, d.from(), d.to());
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("typedFrom", from);
            model.addAttribute("typedTo", to);
            report = reports.partsUsed(actor, Optional.empty(), Optional.empty());
        }
        model.addAttribute("report", report);
        return "reports/parts-used";
    }

    @GetMapping("/c/{slug}/reports/parts-used.csv")
    void partsUsedCsv(Actor actor, @PathVariable String slug, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        ReportDates dates = ReportDates.parse(from, to);
        PartsUsed report = reports.partsUsed(actor, dates.from(), dates.to());
        csv(response, "parts-used-" + slug + "-" + report.from() + "-" + report.to() + ".csv", InventoryCsv.parts(report));
    }

    private static void csv(HttpServletResponse response, String name, String body) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.getWriter().write(body);
    }
}
