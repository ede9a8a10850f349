package org.fieldstone.jobs.web;

import static org.fieldstone.shared.api.VersionTags.expectedVersion;

import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.ApiMediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldstone.jobs.ChecklistItem;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobChanges;
import org.fieldstone.jobs.JobNote;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.api.JsonFields;
import org.fieldstone.shared.api.QueryTimes;
import org.fieldstone.shared.api.VersionTags;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * {@code /api/v1/jobs}: jobs, their lifecycle actions, checklists, notes and visits. Reads answer an {@code ETag}
 * (the job's version); changes of the job need {@code If-Match} with it (none: 428, stale: 412). Ticking a
 * checklist item needs none: it is idempotent. A job the caller may not see is not found (404), like another
 * company's.
 */
@RestController
@RequestMapping("/api/v1/jobs")
@SecurityRequirement(name = "apiKey")
class JobsApi {

    private static final Set<String> JOB_FIELDS = Set.of("title", "description", "priority", "tags", "lineItems",
            "crewId", "assignees");
    private static final Set<String> NEW_JOB_FIELDS = Set.of("clientId", "propertyId", "title", "description", "priority",
            "tags", "lineItems", "crewId", "assignees", "checklistTemplateId", "checklist", "recurrence", "firstVisit");
    private static final Set<String> LINE_ITEM_FIELDS = Set.of("kind", "description", "quantity", "unitPrice", "taxRate",
            "taxRateId", "discountPercent");
    private static final Set<String> CHECKLIST_FIELDS = Set.of("text", "required");
    static final Set<String> VISIT_FIELDS = Set.of("start", "end", "assignees");
    private static final Set<String> READ_ONLY = Set.of("id", "number", "status", "netTotal", "flags",
            "timeOnSiteMinutes", "completedAt", "quoteId", "discountPercent", "discountAmount", "depositDue", "version",
            "createdAt", "updatedAt");
    private static final Set<String> PATCH_READ_ONLY = Set.of("id", "number", "clientId", "propertyId", "status",
            "netTotal", "checklist", "recurrence", "flags", "timeOnSiteMinutes", "completedAt", "quoteId",
            "discountPercent", "discountAmount", "depositDue", "version", "createdAt", "updatedAt");

    private final Jobs jobs;
    private final Visits jobVisits;
    private final VisitCalendar calendar;
    private final Companies companies;
    private final MessageSource messages;

    JobsApi(Jobs jobs, Visits jobVisits, VisitCalendar calendar, Companies companies, MessageSource messages) {
        this.messages = messages;
        this.jobs = jobs;
        this.jobVisits = jobVisits;
        this.calendar = calendar;
        this.companies = companies;
    }

    @Operation(summary = "Jobs, newest first; filters status, clientId, assignee (user id), from/to (a visit starting "
            + "then; ISO dates or date-times, the company's zone when without offset), flag=late|unscheduled|"
            + "requires-invoicing (jobs:read)")
    @GetMapping
    Page<JobJson> list(Actor actor, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String clientId, @RequestParam(required = false) String assignee,
                       @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String flag, @RequestParam(required = false) Integer page,
                       @RequestParam(required = false) Integer size) {
        ZoneId zone = companies.timeZone(actor.tenant());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        JobStatus byStatus = errors.check(() -> status(status));
        UserId byAssignee = errors.check(() -> userId("assignee", assignee));
        Instant since = errors.check(() -> QueryTimes.from("from", from, zone));
        Instant until = errors.check(() -> QueryTimes.to("to", to, zone));
        JobQuery.Flag byFlag = errors.check(() -> flag(flag));
        Page.PageRequest request = errors.check(() -> Page.request(page, size));
        errors.throwIfAny();
        JobQuery query = new JobQuery(byStatus, clientId == null || clientId.isBlank() ? null : clientId.strip(),
                byAssignee, since, until, byFlag);
        return jobs.list(actor, query, request).map(JobJson::of);
    }

    @Operation(summary = "Create a job (jobs:write); crewId, assignees, firstVisit and recurrence need jobs:assign")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<JobJson> create(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.JOBS_WRITE);
        JsonFields f = JsonFields.of(body, NEW_JOB_FIELDS, READ_ONLY);
        List<ChecklistTemplate.Item> checklist = new ArrayList<>();
        if (f.objects("checklist", CHECKLIST_FIELDS) instanceof Change.To<List<JsonFields>>(List<JsonFields> items)) {
            for (JsonFields item : items) {
                checklist.add(new ChecklistTemplate.Item(JsonFields.valueOf(item.text("text")),
                        item.bool("required") instanceof Change.To<Boolean>(Boolean required) && required));
            }
        }
        JsonFields first = f.object("firstVisit", VISIT_FIELDS);
        NewVisit firstVisit = first == null ? null : newVisit(first);
        NewJob job = new NewJob(JsonFields.valueOf(f.text("clientId")), JsonFields.valueOf(f.text("propertyId")),
                JsonFields.valueOf(f.text("title")), JsonFields.valueOf(f.text("description")),
                JsonFields.valueOf(f.text("priority")), JsonFields.valueOf(f.strings("tags")), JsonFields.valueOf(lineItems(f)),
                JsonFields.valueOf(f.text("crewId")), JsonFields.valueOf(userIds(f, "assignees")),
                JsonFields.valueOf(f.text("checklistTemplateId")), checklist, JsonFields.valueOf(f.text("recurrence")),
                firstVisit);
        f.throwIfAny();
        return ApiResponses.created(jobs.create(actor, job), JobJson::of);
    }

    @Operation(summary = "One job, with its version as ETag (jobs:read)")
    @GetMapping("/{id}")
    ResponseEntity<JobJson> get(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(jobs.get(actor, id), JobJson::of);
    }

    @Operation(summary = "Change a job (JSON merge patch; lineItems replaces the list; If-Match required; jobs:write, "
            + "crewId and assignees jobs:assign)")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<JobJson> patch(Actor actor, @PathVariable String id,
                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, JOB_FIELDS, PATCH_READ_ONLY);
        Permission needed = f.has("crewId") || f.has("assignees") ? Permission.JOBS_ASSIGN : Permission.JOBS_WRITE;
        return ApiResponses.change(actor, needed, ifMatch, () -> jobs.get(actor, id), version -> {
            JobChanges changes = new JobChanges(f.text("title"), f.text("description"), f.text("priority"),
                    f.strings("tags"), lineItems(f), f.text("crewId"), userIds(f, "assignees"));
            f.throwIfAny();
            return jobs.update(actor, id, version, changes);
        }, JobJson::of);
    }

    @Operation(summary = "Delete a draft or cancelled job none of whose visits was worked on; its number is not given "
            + "again (If-Match required; jobs:write)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = expectedVersion(actor, Permission.JOBS_WRITE, ifMatch, () -> jobs.get(actor, id));
        jobs.delete(actor, id, version);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "complete (scheduled or in progress; required checklist items ticked), cancel (any open "
            + "state) or reopen (completed or cancelled); complete and cancel cancel the job's open visits, past or "
            + "future, and end its series; a refused transition is 409 and changes nothing (If-Match required; "
            + "jobs:write)")
    @PostMapping("/{id}/actions/{action}")
    ResponseEntity<JobJson> act(Actor actor, @PathVariable String id,
                                @PathVariable String action,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (!Set.of("complete", "cancel", "reopen").contains(action)) {
            throw new NotFound(Message.of("jobs.thing.action"));
        }
        return ApiResponses.change(actor, Permission.JOBS_WRITE, ifMatch, () -> jobs.get(actor, id), version -> switch (action) {
            case "complete" -> jobs.complete(actor, id, version);
            case "cancel" -> jobs.cancel(actor, id, version);
            default -> jobs.reopen(actor, id, version);
        }, JobJson::of);
    }

    @Operation(summary = "Tick or untick a checklist item: {\"done\": true|false}; idempotent, no If-Match (jobs:write)")
    @PatchMapping(path = "/{id}/checklist/{itemId}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<JobJson> tick(Actor actor, @PathVariable String id,
                                 @PathVariable String itemId, @RequestBody JsonNode body) {
        actor.require(Permission.JOBS_WRITE);
        JsonFields f = JsonFields.of(body, Set.of("done"), Set.of("id", "text", "required", "doneBy", "doneAt"));
        Change<Boolean> done = f.bool("done");
        if (!done.isSet()) {
            f.reject("done", Message.of("jobs.refused.done"));
        }
        f.throwIfAny();
        return ApiResponses.tagged(jobs.tick(actor, id, itemId, ((Change.To<Boolean>) done).value()), JobJson::of);
    }

    @Operation(summary = "Copy a checklist template's items into the job: {\"templateId\": …} (jobs:write)")
    @PostMapping(path = "/{id}/checklist", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<JobJson> addChecklist(Actor actor, @PathVariable String id,
                                         @RequestBody JsonNode body) {
        actor.require(Permission.JOBS_WRITE);
        JsonFields f = JsonFields.of(body, Set.of("templateId"));
        String templateId = JsonFields.valueOf(f.text("templateId"));
        f.throwIfAny();
        return ApiResponses.tagged(jobs.addChecklist(actor, id, templateId), JobJson::of);
    }

    @Operation(summary = "The job's internal notes, oldest first (jobs:read)")
    @GetMapping("/{id}/notes")
    List<NoteJson> notes(Actor actor, @PathVariable String id) {
        return jobs.notes(actor, id).stream().map(NoteJson::of).toList();
    }

    @Operation(summary = "Add a note: {\"body\": …} (jobs:write)")
    @PostMapping(path = "/{id}/notes", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<NoteJson> addNote(Actor actor, @PathVariable String id,
                                     @RequestBody JsonNode body) {
        actor.require(Permission.JOBS_WRITE);
        JsonFields f = JsonFields.of(body, Set.of("body"), Set.of("id", "jobId", "authorId", "authorName", "createdAt"));
        String text = JsonFields.valueOf(f.text("body"));
        f.throwIfAny();
        return ResponseEntity.status(HttpStatus.CREATED).body(NoteJson.of(jobs.addNote(actor, id, text)));
    }

    @Operation(summary = "The job's visits by start, with their warnings (jobs:read)")
    @GetMapping("/{id}/visits")
    List<VisitJson> visits(Actor actor, @PathVariable String id) {
        List<Visit> visits = jobVisits.visits(actor, id);
        ZoneId zone = companies.timeZone(actor.tenant());
        Map<String, List<org.fieldstone.jobs.Warning>> warnings = VisitJson.warnings(calendar, actor, visits);
        return visits.stream().map(v -> VisitJson.of(v, zone, warnings.getOrDefault(v.id(), List.of()), messages)).toList();
    }

    @Operation(summary = "Schedule a visit: {start, end, assignees?} (the job's assignees when absent); times with an "
            + "offset or local to the company; a draft job becomes scheduled; warnings (double-booked, outside working "
            + "hours) do not stop it (jobs:assign)")
    @PostMapping(path = "/{id}/visits", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<VisitJson> addVisit(Actor actor, @PathVariable String id,
                                       @RequestBody JsonNode body) {
        actor.require(Permission.JOBS_ASSIGN);
        JsonFields f = JsonFields.of(body, VISIT_FIELDS, VisitsApi.READ_ONLY);
        NewVisit visit = newVisit(f);
        f.throwIfAny();
        Scheduled added = jobVisits.addVisit(actor, id, visit);
        ZoneId zone = companies.timeZone(actor.tenant());
        return ApiResponses.created(VisitsApi.PATH, added.visit(), v -> VisitJson.of(added, zone, messages));
    }

    // --- reading bodies and parameters

    static NewVisit newVisit(JsonFields f) {
        return new NewVisit(JsonFields.valueOf(f.text("start")), JsonFields.valueOf(f.text("end")),
                JsonFields.valueOf(userIds(f, "assignees")));
    }

    /** User ids as strings; one that is not an id is refused as the field's (null clears: none). */
    static Change<List<UserId>> userIds(JsonFields f, String field) {
        if (!(f.strings(field) instanceof Change.To<List<String>>(List<String> texts))) {
            return Change.keep();
        }
        List<UserId> ids = new ArrayList<>();
        for (String text : texts) {
            try {
                ids.add(UserId.parse(text.strip()));
            } catch (NotFound e) {
                f.reject(field, Message.of("jobs.refused.assignee-unknown", abbreviate(text)));
            }
        }
        return Change.to(ids);
    }

    private static Change<List<LineItem>> lineItems(JsonFields f) {
        if (!(f.objects("lineItems", LINE_ITEM_FIELDS) instanceof Change.To<List<JsonFields>>(List<JsonFields> lines))) {
            return Change.keep();
        }
        List<LineItem> items = new ArrayList<>();
        for (JsonFields line : lines) {
            String kind = JsonFields.valueOf(line.text("kind"));
            LineItem.Kind parsed = null;
            if (kind != null) {
                try {
                    parsed = LineItem.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    line.reject("kind", Message.of("jobs.refused.line-kind"));
                }
            }
            BigDecimal quantity = decimal(line, "quantity");
            BigDecimal unitPrice = decimal(line, "unitPrice");
            long cents = 0;
            if (unitPrice == null) {
                line.reject("unitPrice", Message.of("jobs.refused.unit-price"));
            } else {
                try {
                    cents = unitPrice.longValueExact();
                } catch (ArithmeticException e) {
                    line.reject("unitPrice", Message.of("jobs.refused.unit-price-whole"));
                }
            }
            BigDecimal discount = decimal(line, "discountPercent");
            items.add(new LineItem(parsed, JsonFields.valueOf(line.text("description")), quantity, cents,
                    decimal(line, "taxRate"), JsonFields.valueOf(line.text("taxRateId")), discount));
        }
        return Change.to(items);
    }

    private static BigDecimal decimal(JsonFields f, String field) {
        String text = JsonFields.valueOf(f.decimal(field));
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            f.reject(field, Message.of("jobs.refused.number"));
            return null;
        }
    }

    private static JobStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JobStatus.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", Message.of("jobs.refused.status-filter", abbreviate(text)));
        }
    }

    private static JobQuery.Flag flag(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "late" -> JobQuery.Flag.LATE;
            case "unscheduled" -> JobQuery.Flag.UNSCHEDULED;
            case "requires-invoicing" -> JobQuery.Flag.REQUIRES_INVOICING;
            default -> throw new InvalidInput("flag", Message.of("jobs.refused.flag-filter", abbreviate(text)));
        };
    }

    private static UserId userId(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UserId.parse(text.strip());
        } catch (NotFound e) {
            throw new InvalidInput(field, Message.of("jobs.refused.user-id", abbreviate(text)));
        }
    }

    static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    // --- answers

    record JobJson(String id, String number, String clientId, String propertyId, String title, String description,
                   String priority, List<String> tags, String status, List<LineItemJson> lineItems, long netTotal,
                   String crewId, List<String> assignees, List<ChecklistItemJson> checklist, String recurrence,
                   FlagsJson flags, long timeOnSiteMinutes, Instant completedAt, String quoteId,
                   BigDecimal discountPercent, Long discountAmount, org.fieldstone.pricing.DocumentJson.MoneyJson depositDue,
                   long version, Instant createdAt,
                   Instant updatedAt) {
        static JobJson of(Job j) {
            return new JobJson(j.id(), j.number(), j.clientId(), j.propertyId(), j.title(), j.description(),
                    j.priority().name(), j.tags(), j.status().name(), j.lineItems().stream().map(LineItemJson::of).toList(),
                    j.netTotal(), j.crewId(), j.assignees().stream().map(UserId::toString).toList(),
                    j.checklist().stream().map(ChecklistItemJson::of).toList(), j.recurrence(),
                    new FlagsJson(j.flags().unscheduled(), j.flags().late(), j.flags().requiresInvoicing()),
                    j.timeOnSite().toMinutes(), j.completedAt(), j.quoteId(),
                    org.fieldstone.pricing.DocumentJson.percentOf(j.discount()),
                    org.fieldstone.pricing.DocumentJson.amountOf(j.discount()),
                    org.fieldstone.pricing.DocumentJson.MoneyJson.of(j.depositDue()), j.version(), j.createdAt(),
                    j.updatedAt());
        }
    }

    record LineItemJson(String kind, String description, BigDecimal quantity, long unitPrice, BigDecimal taxRate,
                        String taxRateId, BigDecimal discountPercent) {
        static LineItemJson of(LineItem i) {
            return new LineItemJson(i.kind().name(), i.description(), i.quantity(), i.unitPrice(), i.taxRate(),
                    i.taxRateId(), i.discountPercent());
        }
    }

    record ChecklistItemJson(String id, String text, boolean required, boolean done, String doneBy, Instant doneAt) {
        static ChecklistItemJson of(ChecklistItem i) {
            return new ChecklistItemJson(i.id(), i.text(), i.required(), i.done(),
                    i.doneBy().map(UserId::toString).orElse(null), i.doneAt());
        }
    }

    record FlagsJson(boolean unscheduled, boolean late, boolean requiresInvoicing) {
    }

    record NoteJson(String id, String jobId, String body, String authorId, String authorName, Instant createdAt) {
        static NoteJson of(JobNote n) {
            return new NoteJson(n.id(), n.jobId(), n.body(), n.authorId(), n.authorName(), n.createdAt());
        }
    }
}
