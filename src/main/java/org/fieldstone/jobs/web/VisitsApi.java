package org.fieldstone.jobs.web;

import static org.fieldstone.shared.api.VersionTags.expectedVersion;

import java.time.ZoneId;
import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.ApiMediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitChanges;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.JsonFields;
import org.fieldstone.shared.api.VersionTags;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/visits/{id}}: one visit, moving and reassigning it (a recurring one alone or with the following
 * ones), and what happens on site: On my way, Start, Finish. Every change needs {@code If-Match} with the visit's
 * version. Times are answered with their offset in the company's time zone.
 */
@RestController
@RequestMapping(VisitsApi.PATH)
@SecurityRequirement(name = "apiKey")
class VisitsApi {

    static final String PATH = "/api/v1/visits";
    static final Set<String> READ_ONLY = Set.of("id", "jobId", "status", "enRouteAt", "startedAt", "finishedAt",
            "timeOnSiteMinutes", "recurring", "detached", "version", "warnings");

    private final Visits jobVisits;
    private final VisitCalendar calendar;
    private final Companies companies;
    private final MessageSource messages;

    VisitsApi(Visits jobVisits, VisitCalendar calendar, Companies companies, MessageSource messages) {
        this.messages = messages;
        this.jobVisits = jobVisits;
        this.calendar = calendar;
        this.companies = companies;
    }

    @Operation(summary = "One visit with its warnings, its version as ETag (jobs:read)")
    @GetMapping("/{id}")
    ResponseEntity<VisitJson> get(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(jobVisits.visit(actor, id), visit -> json(actor, visit));
    }

    @Operation(summary = "Move or reassign a visit: start, end, assignees (merge patch); scope=this (default; a "
            + "recurring visit is detached from its series) or following (this and the later visits of its series); "
            + "If-Match required (jobs:assign)")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<VisitJson> patch(Actor actor, @PathVariable String id,
                                    @RequestParam(required = false) String scope,
                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    @RequestBody JsonNode body) {
        ZoneId zone = companies.timeZone(actor.tenant());
        return ApiResponses.change(actor, Permission.JOBS_ASSIGN, ifMatch, () -> jobVisits.visit(actor, id), version -> {
            VisitChanges.Scope which = scope(scope);
            JsonFields f = JsonFields.of(body, JobsApi.VISIT_FIELDS, READ_ONLY);
            VisitChanges changes = new VisitChanges(f.text("start"), f.text("end"), JobsApi.userIds(f, "assignees"));
            f.throwIfAny();
            return jobVisits.updateVisit(actor, id, version, changes, which);
        }, scheduled -> VisitJson.of(scheduled, zone, messages));
    }

    @Operation(summary = "Remove a visit nobody worked on; a recurring one is not generated again (If-Match required; "
            + "jobs:assign)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = expectedVersion(actor, Permission.JOBS_ASSIGN, ifMatch, () -> jobVisits.visit(actor, id));
        jobVisits.deleteVisit(actor, id, version);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "en-route (On my way), start, finish (jobs:write; finishing the job's last visit completes "
            + "the job) or cancel (jobs:assign); a refused transition is 409 and changes nothing (If-Match required)")
    @PostMapping("/{id}/actions/{action}")
    ResponseEntity<VisitJson> act(Actor actor, @PathVariable String id,
                                  @PathVariable String action,
                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Permission needed = switch (action) {
            case "en-route", "start", "finish" -> Permission.JOBS_WRITE;
            case "cancel" -> Permission.JOBS_ASSIGN;
            default -> throw new NotFound(Message.of("jobs.thing.action"));
        };
        return ApiResponses.change(actor, needed, ifMatch, () -> jobVisits.visit(actor, id), version -> switch (action) {
            case "en-route" -> jobVisits.enRoute(actor, id, version);
            case "start" -> jobVisits.start(actor, id, version);
            case "finish" -> jobVisits.finish(actor, id, version);
            default -> jobVisits.cancelVisit(actor, id, version);
        }, visit -> json(actor, visit));
    }

    /** A visit with its warnings, in the company's time zone. */
    private VisitJson json(Actor actor, Visit visit) {
        var warnings = VisitJson.warnings(calendar, actor, List.of(visit)).getOrDefault(visit.id(), List.of());
        return VisitJson.of(visit, companies.timeZone(actor.tenant()), warnings, messages);
    }

    private static VisitChanges.Scope scope(String text) {
        if (text == null || text.isBlank()) {
            return VisitChanges.Scope.THIS;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "this" -> VisitChanges.Scope.THIS;
            case "following" -> VisitChanges.Scope.THIS_AND_FOLLOWING;
            default -> throw new InvalidInput("scope", Message.of("jobs.refused.scope", JobsApi.abbreviate(text)));
        };
    }
}
