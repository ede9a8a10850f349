package org.fieldstone.reports.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.reports.AuditLog;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Page;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reports → Audit log: filter (who, which kind of record, which action, when — each a choice), page, before/after per
 * entry, export CSV/JSON; owners decide about admins. The page shows times in the company's time zone, records by the
 * names people know them by (a job's number, a client's name; {@link org.fieldstone.audit.RecordNames}) and
 * addresses as written (RFC 5952); the exports keep the trail's own values (UTC instants, ids, addresses as recorded).
 */
@Controller
class AuditLogController {

    /** When an entry was made, in the company's time zone (its abbreviation shown: CET, CEST …). */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private final AuditLog auditLog;
    private final Team team;
    private final Companies companies;
    private final MessageSource messages;

    AuditLogController(AuditLog auditLog, Team team, Companies companies, MessageSource messages) {
        this.messages = messages;
        this.auditLog = auditLog;
        this.team = team;
        this.companies = companies;
    }

    /** One entry as the page shows it: its time in the company's zone, its record by name, its address readable. */
    record Row(AuditEntry entry, String time, String record, String ip) {
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
        Page<AuditEntry> entries = auditLog.find(actor, query, Page.request(page, 50));
        List<User> members = team.list(actor, Page.request(0, Page.MAX_SIZE)).items();
        Map<String, String> names = new HashMap<>(auditLog.recordNames(actor, entries.items()));
        members.forEach(m -> names.put("user/" + m.id(), m.name()));
        DateTimeFormatter time = TIME.withZone(companies.timeZone(actor.tenant()));
        model.addAttribute("entries", entries);
        model.addAttribute("rows", entries.items().stream().map(e -> new Row(e, time.format(e.at()),
                e.entityId() == null ? null : names.get(e.entityType() + "/" + e.entityId()), IpAddresses.readable(e.ip())))
                .toList());
        model.addAttribute("members", members);
        model.addAttribute("entityTypes", auditLog.entityTypes(actor));
        List<String> actions = new ArrayList<>(auditLog.actions(actor, filter.entityType()));
        if (filter.action() != null && !filter.action().isBlank() && !actions.contains(filter.action().strip())) {
            actions.add(filter.action().strip());
        }
        model.addAttribute("actions", actions);
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
