package org.fieldstone.reports.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.fieldstone.reports.Aging;
import org.fieldstone.reports.MoneyReports;
import org.fieldstone.reports.Revenue;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Reports → Revenue and → Receivables aging, and their CSV downloads. */
@Controller
class MoneyReportsController {

    private final MoneyReports reports;
    private final MessageSource messages;

    MoneyReportsController(MoneyReports reports, MessageSource messages) {
        this.reports = reports;
        this.messages = messages;
    }

    @GetMapping("/c/{slug}/reports/revenue")
    String revenue(Actor actor, @RequestParam(required = false) Integer year, Model model, HttpServletResponse response) {
        Revenue revenue;
        try {
            revenue = reports.revenue(actor, Optional.ofNullable(year));
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            revenue = reports.revenue(actor, Optional.empty());
        }
        model.addAttribute("revenue", revenue);
        return "reports/revenue";
    }

    @GetMapping("/c/{slug}/reports/aging")
    String aging(Actor actor, Model model) {
        model.addAttribute("aging", reports.aging(actor));
        model.addAttribute("bucketNames", Aging.Bucket.values());
        return "reports/aging";
    }

    @GetMapping("/c/{slug}/reports/revenue.csv")
    void revenueCsv(Actor actor, @PathVariable String slug, @RequestParam(required = false) Integer year,
                    HttpServletResponse response) throws IOException {
        Revenue revenue = reports.revenue(actor, Optional.ofNullable(year));
        csv(response, "revenue-" + slug + "-" + revenue.year() + ".csv", MoneyCsv.revenue(revenue));
    }

    @GetMapping("/c/{slug}/reports/aging.csv")
    void agingCsv(Actor actor, @PathVariable String slug, HttpServletResponse response) throws IOException {
        Aging aging = reports.aging(actor);
        csv(response, "aging-" + slug + "-" + aging.asOf() + ".csv", MoneyCsv.aging(aging));
    }

    private static void csv(HttpServletResponse response, String name, String body) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.getWriter().write(body);
    }
}
