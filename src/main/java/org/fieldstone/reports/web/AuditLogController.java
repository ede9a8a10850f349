package org.fieldstone.reports.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.Team;
import org.fieldstone.reports.AuditLog;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Page;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Reports → Audit log: filter, page, before/after per entry, export CSV/JSON; owners decide about admins. */
@Controller
class AuditLogController {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final AuditLog auditLog;
    private final Team team;

    AuditLogController(AuditLog auditLog, Team team) {
        this.auditLog = auditLog;
        this.team = team;
    }

    @GetMapping("/c/{slug}/reports/audit-log")
    String page(@AuthenticationPrincipal SignedIn me, @ModelAttribute("filter") AuditFilter filter,
                @RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
        AuditQuery query;
        try {
            query = filter.query();
        } catch (InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("errors", e.asFieldErrors());
            query = AuditQuery.ALL;
        }
        model.addAttribute("entries", auditLog.find(me.actor(), query, Page.request(page, 50)));
        model.addAttribute("members", team.list(me.actor(), Page.request(0, Page.MAX_SIZE)).items());
        model.addAttribute("time", TIME);
        model.addAttribute("isOwner", me.actor().can(org.fieldstone.shared.Permission.AUDIT_VIEW));
        model.addAttribute("adminsMayView", auditLog.adminsMayView(me.actor()));
        return "reports/audit-log";
    }

    @GetMapping("/c/{slug}/reports/audit-log/export.csv")
    void csv(@AuthenticationPrincipal SignedIn me, @ModelAttribute AuditFilter filter, HttpServletResponse response)
            throws IOException {
        export(me, filter, AuditLog.Format.CSV, "text/csv", response);
    }

    @GetMapping("/c/{slug}/reports/audit-log/export.json")
    void json(@AuthenticationPrincipal SignedIn me, @ModelAttribute AuditFilter filter, HttpServletResponse response)
            throws IOException {
        export(me, filter, AuditLog.Format.JSON, "application/json", response);
    }

    @PostMapping("/c/{slug}/reports/audit-log/admins")
    String allowAdmins(@AuthenticationPrincipal SignedIn me, @RequestParam boolean allowed) {
        auditLog.allowAdmins(me.actor(), allowed);
        return "redirect:/c/" + me.companySlug() + "/reports/audit-log";
    }

    private void export(SignedIn me, AuditFilter filter, AuditLog.Format format, String type, HttpServletResponse response)
            throws IOException {
        AuditQuery query = filter.query();
        if (!auditLog.mayView(me.actor())) {
            auditLog.find(me.actor(), query, Page.request(0, 1)); // refuses with the usual message
        }
        String name = "audit-log-" + me.companySlug() + "." + format.name().toLowerCase();
        response.setContentType(type + ";charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        auditLog.export(me.actor(), query, format, response.getWriter());
    }
}
