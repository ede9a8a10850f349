package org.fieldstone.reports.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.identity.Team;
import org.fieldstone.reports.AuditLog;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Page;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Reports → Audit log: filter, page, before/after per entry, export CSV/JSON; owners decide about admins. */
@Controller
class AuditLogController {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final AuditLog auditLog;
    private final Team team;
    private final MessageSource messages;

    AuditLogController(AuditLog auditLog, Team team, MessageSource messages) {
        this.messages = messages;
        this.auditLog = auditLog;
        this.team = team;
    }

    @GetMapping("/c/{slug}/reports/audit-log")
    String page(Actor actor, @ModelAttribute("filter") AuditFilter filter,
                @RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
        AuditQuery query;
        try {
            query = filter.query();
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            query = AuditQuery.ALL;
        }
        model.addAttribute("entries", auditLog.find(actor, query, Page.request(page, 50)));
        model.addAttribute("members", team.list(actor, Page.request(0, Page.MAX_SIZE)).items());
        model.addAttribute("time", TIME);
        model.addAttribute("isOwner", actor.can(org.fieldstone.shared.Permission.AUDIT_VIEW));
        model.addAttribute("adminsMayView", auditLog.adminsMayView(actor));
        return "reports/audit-log";
    }

    @GetMapping("/c/{slug}/reports/audit-log/export.csv")
    void csv(Actor actor, @PathVariable String slug, @ModelAttribute AuditFilter filter, HttpServletResponse response)
            throws IOException {
        export(actor, slug, filter, AuditLog.Format.CSV, "text/csv", response);
    }

    @GetMapping("/c/{slug}/reports/audit-log/export.json")
    void json(Actor actor, @PathVariable String slug, @ModelAttribute AuditFilter filter, HttpServletResponse response)
            throws IOException {
        export(actor, slug, filter, AuditLog.Format.JSON, "application/json", response);
    }

    @PostMapping("/c/{slug}/reports/audit-log/admins")
    String allowAdmins(Actor actor, @RequestParam boolean allowed) {
        auditLog.allowAdmins(actor, allowed);
        return "redirect:/c/{slug}/reports/audit-log";
    }

    private void export(Actor actor, String slug, AuditFilter filter, AuditLog.Format format, String type, HttpServletResponse response)
            throws IOException {
        AuditQuery query = filter.query();
        if (!auditLog.mayView(actor)) {
            auditLog.find(actor, query, Page.request(0, 1)); // refuses with the usual message
        }
        String name = "audit-log-" + slug + "." + format.name().toLowerCase();
        response.setContentType(type + ";charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        auditLog.export(actor, query, format, response.getWriter());
    }
}
