package org.fieldstone.reports.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.fieldstone.reports.AuditLog;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit-events}: the company's audit trail, filtered and paged, newest first. */
@RestController
@SecurityRequirement(name = "apiKey")
class AuditEventsApi {

    private final AuditLog auditLog;

    AuditEventsApi(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Operation(summary = "Audit events (audit:view, or admins when an owner allows it)")
    @GetMapping("/api/v1/audit-events")
    Page<AuditEventJson> list(Actor actor,
                              @RequestParam(required = false) String entityType,
                              @RequestParam(required = false) String entityId,
                              @RequestParam(required = false) String actorId,
                              @RequestParam(required = false) String action,
                              @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to,
                              @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        var query = new AuditFilter(entityType, entityId, actorId, action, from, to).query();
        return auditLog.find(actor, query, Page.request(page, size)).map(AuditEventJson::of);
    }
}
