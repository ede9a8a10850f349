package org.fieldstone.jobs.internal;

import org.fieldstone.files.FileStatus;
import org.fieldstone.files.Files;
import org.fieldstone.files.StoredFile;
import org.fieldstone.files.TargetKind;
import org.fieldstone.jobs.NewSignature;
import org.fieldstone.jobs.VisitSignature;
import org.springframework.beans.factory.ObjectProvider;

import static org.fieldstone.jobs.internal.JobTables.ASSIGNEES;
import static org.fieldstone.jobs.internal.JobTables.BODY;
import static org.fieldstone.jobs.internal.JobTables.CHECKLIST_ITEMS;
import static org.fieldstone.jobs.internal.JobTables.CLIENT_ID;
import static org.fieldstone.jobs.internal.JobTables.CREW_ID;
import static org.fieldstone.jobs.internal.JobTables.DESCRIPTION;
import static org.fieldstone.jobs.internal.JobTables.DETACHED;
import static org.fieldstone.jobs.internal.JobTables.DONE;
import static org.fieldstone.jobs.internal.JobTables.ENDS_AT;
import static org.fieldstone.jobs.internal.JobTables.EN_ROUTE_AT;
import static org.fieldstone.jobs.internal.JobTables.FINISHED_AT;
import static org.fieldstone.jobs.internal.JobTables.JOBS;
import static org.fieldstone.jobs.internal.JobTables.JOB_ID;
import static org.fieldstone.jobs.internal.JobTables.LINE_ITEMS;
import static org.fieldstone.jobs.internal.JobTables.NOTES;
import static org.fieldstone.jobs.internal.JobTables.OCCURRENCE;
import static org.fieldstone.jobs.internal.JobTables.POSITION;
import static org.fieldstone.jobs.internal.JobTables.PRIORITY;
import static org.fieldstone.jobs.internal.JobTables.PROPERTY_ID;
import static org.fieldstone.jobs.internal.JobTables.REQUIRED;
import static org.fieldstone.jobs.internal.JobTables.SERIES_ID;
import static org.fieldstone.jobs.internal.JobTables.STARTED_AT;
import static org.fieldstone.jobs.internal.JobTables.STARTS_AT;
import static org.fieldstone.jobs.internal.JobTables.STATUS;
import static org.fieldstone.jobs.internal.JobTables.TAGS;
import static org.fieldstone.jobs.internal.JobTables.TEMPLATES;
import static org.fieldstone.jobs.internal.JobTables.TEMPLATE_ITEMS;
import static org.fieldstone.jobs.internal.JobTables.TEMPLATE_NAME;
import static org.fieldstone.jobs.internal.JobTables.TEXT;
import static org.fieldstone.jobs.internal.JobTables.TITLE;
import static org.fieldstone.jobs.internal.JobTables.VISITS;
import static org.fieldstone.jobs.internal.JobTables.VISIT_ASSIGNEES;
import static org.fieldstone.jobs.internal.JobTables.VISIT_STATUS;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.Change;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.ChecklistItem;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobChanges;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.JobNote;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.jobs.JobSettings;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitChanges;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.Warning;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.DomainEvents;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.Written;
import org.springframework.stereotype.Service;

/**
 * {@link Jobs} over the one write path (writes, each in one transaction with the job's status changes it causes)
 * and {@link JobRecords} (reads, always through the reader's {@link JobAccess.Visibility}). Events are published
 * through the company's outbox in the transaction of the change; listeners hear them after it committed.
 */
@Service
class JobService implements Jobs, Visits, ChecklistTemplates, JobSettings, VisitCalendar {

    private final CompanyDatabases databases;
    private final Companies companies;
    private final RecordStore store;
    private final JobRecords records;
    private final JobAccess access;
    private final Clients clients;
    private final Crews crews;
    private final Team team;
    private final VisitSeries series;
    private final DomainEvents events;
    private final Clock clock;

    private final CompanySettings companySettings;
    private final org.fieldstone.pricing.Pricing pricing;
    /** The files facade, looked up when used: it asks this module's {@link JobAttachments} about targets. */
    private final ObjectProvider<Files> files;

    JobService(CompanyDatabases databases, Companies companies, RecordStore store, JobRecords records, JobAccess access,
               Clients clients, Crews crews, Team team, VisitSeries series, DomainEvents events, CompanySettings companySettings,
               org.fieldstone.pricing.Pricing pricing, Clock clock, ObjectProvider<Files> files) {
        this.files = files;
        this.databases = databases;
        this.pricing = pricing;
        this.companySettings = companySettings;
        this.companies = companies;
        this.store = store;
        this.records = records;
        this.access = access;
        this.clients = clients;
        this.crews = crews;
        this.team = team;
        this.series = series;
        this.events = events;
        this.clock = clock;
    }

    // ---- jobs ---------------------------------------------------------------------------------------------------

    @Override
    public Page<Job> list(Actor actor, JobQuery query, Page.PageRequest page) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        return records.list(db, query, access.of(actor, db), page, clock.instant());
    }

    @Override
    public Job get(Actor actor, String jobId) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        return find(actor, db, jobId);
    }

    @Override
    public Job create(Actor actor, NewJob job) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        JobInput input = new JobInput();
        String clientId = job.clientId() == null ? "" : job.clientId().strip();
        String propertyId = job.propertyId() == null ? "" : job.propertyId().strip();
        checkClientAndProperty(actor, input, clientId, propertyId);
        Changes values = Changes.of(JOBS)
                .set(CLIENT_ID, clientId)
                .set(PROPERTY_ID, propertyId)
                .set(TITLE, input.title(job.title()))
                .set(DESCRIPTION, input.description(job.description()))
                .set(PRIORITY, input.priority(job.priority()))
                .set(TAGS, records.json(input.tags(job.tags())))
                .set(STATUS, JobStatus.DRAFT.name());
        List<LineItem> lineItems = input.lineItems(withRates(actor, input, job.lineItems()));
        values.set(LINE_ITEMS, lineItems.isEmpty() ? null : records.lineItemsJson(lineItems));
        List<UserId> assignees = job.assignees();
        String crewId = blankToNull(job.crewId());
        if (!assignees.isEmpty() || crewId != null || job.firstVisit() != null || job.recurrence() != null) {
            actor.require(Permission.JOBS_ASSIGN);
        }
        if (assignees.isEmpty() && crewId == null && access.of(actor, db).restricted()) {
            // a technician who sees only their own work keeps sight of the job they create
            assignees = List.of(actor.userId().orElseThrow());
        }
        values.set(ASSIGNEES, idsJson(checkAssignees(actor, input, "assignees", assignees)));
        values.set(CREW_ID, checkCrew(actor, input, crewId));
        List<ChecklistTemplate.Item> checklist = new ArrayList<>();
        if (blankToNull(job.checklistTemplateId()) != null) {
            records.template(db, job.checklistTemplateId().strip()).ifPresentOrElse(t -> checklist.addAll(t.items()),
                    () -> input.add("checklistTemplateId", Message.of("refusal.not-found", Message.of("jobs.thing.checklist"))));
        }
        checklist.addAll(input.checklist("checklist", job.checklist()));
        if (checklist.size() > JobInput.CHECKLIST_MAX) {
            input.add("checklist", Message.of("jobs.refused.checklist-too-long", JobInput.CHECKLIST_MAX));
        }
        ZoneId zone = zone(actor);
        VisitSeries.Plan plan = job.recurrence() == null ? null
                : series.plan(input, job.recurrence(), job.firstVisit(), zone);
        Instant[] firstVisit = job.firstVisit() == null || plan != null ? null : times(input, job.firstVisit(), zone);
        List<UserId> visitAssignees = job.firstVisit() == null || job.firstVisit().assignees() == null ? null
                : checkAssignees(actor, input, "firstVisit.assignees", job.firstVisit().assignees());
        input.throwIfAny();
        List<DomainEvent> published = new ArrayList<>();
        List<UserId> jobAssignees = assignees;
        String id = db.inTransaction(() -> {
            String jobId = store.insert(actor, values).id();
            insertChecklist(actor, jobId, 0, checklist);
            if (firstVisit != null) {
                published.add(insertVisit(actor, jobId, firstVisit[0], firstVisit[1],
                        visitAssignees == null ? jobAssignees : visitAssignees).event());
                // a job with a visit is scheduled, as when the visit is added later
                apply(actor, db, jobId, load(actor, db, jobId).visitAdded());
            }
            if (plan != null) {
                published.addAll(series.start(actor, db, jobId, plan, visitAssignees == null ? jobAssignees : visitAssignees,
                        zone, clock.instant()));
                apply(actor, db, jobId, load(actor, db, jobId).visitAdded());
            }
            published.forEach(e -> events.publish(db, e));
            return jobId;
        });
        // read again: a job's answer joins its checklist, visits (flags, time on site) and series
        return find(actor, db, id);
    }

    /**
     * A job whose invoice was sent becomes {@code INVOICED} (a job already invoiced, or not completed, stays as it is:
     * an event may arrive twice, and an invoice may bill a job that was reopened meanwhile).
     */
    @org.fieldstone.tenancy.DomainEventListener
    void jobBilled(JobEvents.JobBilled event) {
        Actor system = Actor.system(event.tenant(), org.fieldstone.shared.Channel.SYSTEM);
        CompanyDatabase db = databases.of(event.tenant());
        db.inTransaction(() -> {
            records.aggregate(db, event.jobId(), JobAccess.Visibility.ALL, false)
                    .filter(job -> job.status() == JobStatus.COMPLETED)
                    .ifPresent(job -> apply(system, db, event.jobId(), job.markInvoiced(job.version())));
            return null;
        });
    }

    @Override
    public Job createFromQuote(Actor actor, org.fieldstone.quotes.Quote quote) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        java.util.Set<String> counted = quote.counted();
        List<LineItem> lines = quote.lines().stream().filter(l -> counted.contains(l.id()))
                .map(l -> new LineItem(LineItem.Kind.WORK,
                        l.description().length() > 500 ? l.description().substring(0, 500) : l.description(),
                        l.quantity(), l.unitPrice(), l.tax() == null ? java.math.BigDecimal.ZERO : l.tax().percent(),
                        l.tax() == null ? null : l.tax().taxRateId(), l.discountPercent()))
                .toList();
        Changes values = Changes.of(JOBS)
                .set(CLIENT_ID, quote.clientId())
                .set(PROPERTY_ID, quote.propertyId())
                .set(TITLE, quote.title())
                .set(DESCRIPTION, null)
                .set(PRIORITY, org.fieldstone.jobs.Priority.NORMAL.name())
                .set(TAGS, "[]")
                .set(STATUS, JobStatus.DRAFT.name())
                .set(LINE_ITEMS, lines.isEmpty() ? null : records.lineItemsJson(lines))
                .set(ASSIGNEES, "[]")
                .set(JobTables.QUOTE_ID, quote.id())
                .set(JobTables.DISCOUNT, quote.discount() == null ? null : quote.discount().format())
                .set(JobTables.DEPOSIT_DUE, JobRecords.depositDue(quote.depositDue()));
        String id = db.inTransaction(() -> store.insert(actor, values).id());
        return find(actor, db, id);
    }

    /**
     * Lines that name one of the company's tax rates take its percent (an unknown rate is the line's error); lines that
     * name only a percent keep it.
     */
    private List<LineItem> withRates(Actor actor, JobInput input, List<LineItem> items) {
        if (items == null) {
            return null;
        }
        List<LineItem> resolved = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            if (item.taxRateId() == null || item.taxRateId().isBlank()) {
                resolved.add(item);
                continue;
            }
            try {
                var tax = pricing.lineTaxes(actor, List.of(item.taxRateId().strip()), List.of(item.taxRateId().strip()))
                        .get(item.taxRateId().strip());
                resolved.add(new LineItem(item.kind(), item.description(), item.quantity(), item.unitPrice(),
                        tax.percent(), tax.taxRateId(), item.discountPercent()));
            } catch (InvalidInput e) {
                input.add("lineItems[" + i + "].taxRateId", e.fieldMessages().values().iterator().next());
                resolved.add(item);
            }
        }
        return resolved;
    }

    @Override
    public void checkLineItems(Actor actor, List<LineItem> items) {
        actor.require(Permission.JOBS_WRITE);
        JobInput input = new JobInput();
        input.lineItems(withRates(actor, input, items));
        input.throwIfAny();
    }

    @Override
    public Job update(Actor actor, String jobId, long expectedVersion, JobChanges changes) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Job current = find(actor, db, jobId);
        if (current.status() == JobStatus.INVOICED) {
            throw new Conflict(Message.of("jobs.refused.invoiced-unchangeable"));
        }
        JobInput input = new JobInput();
        Changes set = Changes.of(JOBS);
        if (changes.title() instanceof Change.To<String>(String title)) {
            set.set(TITLE, input.title(title));
        }
        if (changes.description() instanceof Change.To<String>(String description)) {
            set.set(DESCRIPTION, input.description(description));
        }
        if (changes.priority() instanceof Change.To<String>(String priority)) {
            set.set(PRIORITY, priority == null ? "NORMAL" : input.priority(priority));
        }
        if (changes.tags() instanceof Change.To<List<String>>(List<String> tags)) {
            set.set(TAGS, records.json(input.tags(tags)));
        }
        if (changes.lineItems() instanceof Change.To<List<LineItem>>(List<LineItem> items)) {
            List<LineItem> checked = input.lineItems(withRates(actor, input, items));
            set.set(LINE_ITEMS, checked.isEmpty() ? null : records.lineItemsJson(checked));
        }
        if (changes.crewId().isSet() || changes.assignees().isSet()) {
            actor.require(Permission.JOBS_ASSIGN);
        }
        if (changes.crewId() instanceof Change.To<String>(String crewId)) {
            set.set(CREW_ID, checkCrew(actor, input, blankToNull(crewId)));
        }
        if (changes.assignees() instanceof Change.To<List<UserId>>(List<UserId> assignees)) {
            set.set(ASSIGNEES, idsJson(checkAssignees(actor, input, "assignees", assignees == null ? List.of() : assignees)));
        }
        input.throwIfAny();
        store.update(actor, RecordKey.of(jobId), expectedVersion, set);
        // read again: a job's answer joins its checklist, visits (flags, time on site) and series
        return find(actor, db, jobId);
    }

    @Override
    public void delete(Actor actor, String jobId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Job job = find(actor, db, jobId);
        if (job.status() != JobStatus.DRAFT && job.status() != JobStatus.CANCELLED) {
            throw new Conflict(Message.of("jobs.refused.delete", JobAggregate.state(job.status())));
        }
        List<Visit> visits = records.visitsOf(db, jobId);
        if (visits.stream().anyMatch(v -> v.enRouteAt() != null || v.startedAt() != null)) {
            throw new Conflict(Message.of("jobs.refused.delete-worked-job"));
        }
        if (job.version() != expectedVersion) {
            throw new org.fieldstone.shared.VersionConflict(Message.of("jobs.thing.job"), job.version());
        }
        db.inTransaction(() -> {
            for (Visit visit : visits) {
                store.delete(actor, VISITS, RecordKey.of(visit.id(), jobId), visit.version());
            }
            series.deleteAll(actor, db, jobId);
            for (ChecklistItem item : job.checklist()) {
                store.delete(actor, CHECKLIST_ITEMS, RecordKey.of(item.id(), jobId), item.version());
            }
            for (var note : db.jdbc().sql("SELECT id, version FROM job_notes WHERE job_id = :job").param("job", jobId)
                    .query().listOfRows()) {
                store.delete(actor, NOTES, RecordKey.of((String) note.get("id"), jobId), ((Number) note.get("version")).longValue());
            }
            store.delete(actor, JOBS, RecordKey.of(jobId), expectedVersion);
        });
    }

    @Override
    public Job complete(Actor actor, String jobId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        change(actor, db, jobId, job -> job.complete(expectedVersion, clock.instant()));
        // read again, here and after the other verbs on a job: its answer joins its checklist, visits and series
        return find(actor, db, jobId);
    }

    @Override
    public Job cancel(Actor actor, String jobId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        change(actor, db, jobId, job -> job.cancel(expectedVersion));
        return find(actor, db, jobId);
    }

    @Override
    public Job reopen(Actor actor, String jobId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        change(actor, db, jobId, job -> job.reopen(expectedVersion));
        return find(actor, db, jobId);
    }

    @Override
    public Job tick(Actor actor, String jobId, String itemId, boolean done) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        // ticking is idempotent, so it needs no version from the caller: the item's own guards the write
        change(actor, db, jobId, job -> job.tick(itemId, done,
                actor.userId().map(Object::toString).orElse(actor.displayName()), clock.instant()));
        return find(actor, db, jobId);
    }

    @Override
    public Job addChecklist(Actor actor, String jobId, String templateId) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Job job = find(actor, db, jobId);
        ChecklistTemplate template = records.template(db, templateId == null ? "" : templateId)
                .orElseThrow(() -> new InvalidInput("templateId", Message.of("refusal.not-found", Message.of("jobs.thing.checklist"))));
        if (job.checklist().size() + template.items().size() > JobInput.CHECKLIST_MAX) {
            throw new InvalidInput("templateId", Message.of("jobs.refused.checklist-too-long", JobInput.CHECKLIST_MAX));
        }
        int next = job.checklist().stream().mapToInt(ChecklistItem::position).max().orElse(-1) + 1;
        db.inTransaction(() -> insertChecklist(actor, jobId, next, template.items()));
        return find(actor, db, jobId);
    }

    @Override
    public List<JobNote> notes(Actor actor, String jobId) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, jobId);
        return records.notes(db, jobId, names(actor));
    }

    @Override
    public JobNote addNote(Actor actor, String jobId, String body) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, jobId);
        JobInput input = new JobInput();
        String text = input.note(body);
        input.throwIfAny();
        Written note = store.insert(actor, Changes.of(NOTES).set(JOB_ID, jobId).set(BODY, text));
        String author = note.createdBy();
        return new JobNote(note.id(), jobId, note.get(BODY), author, names(actor).getOrDefault(author, author),
                note.createdAt());
    }

    // ---- visits -------------------------------------------------------------------------------------------------

    @Override
    public List<Visit> visits(Actor actor, String jobId) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, jobId);
        return records.visitsOf(db, jobId);
    }

    @Override
    public Visit visit(Actor actor, String visitId) {
        actor.require(Permission.JOBS_READ);
        return findVisit(actor, databases.of(actor.tenant()), visitId);
    }

    @Override
    public Scheduled addVisit(Actor actor, String jobId, NewVisit visit) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        Job job = find(actor, db, jobId);
        if (!job.status().isOpen()) {
            // said before the times are checked; the aggregate says it again inside the transaction
            throw new Conflict(Message.of("jobs.refused.closed.schedule-visit", JobAggregate.state(job.status())));
        }
        JobInput input = new JobInput();
        Instant[] times = times(input, visit, zone(actor));
        List<UserId> assignees = visit.assignees() == null ? job.assignees()
                : checkAssignees(actor, input, "assignees", visit.assignees());
        input.throwIfAny();
        Written added = db.inTransaction(() -> {
            apply(actor, db, jobId, load(actor, db, jobId).visitAdded());
            NewVisitRow inserted = insertVisit(actor, jobId, times[0], times[1], assignees);
            events.publish(db, inserted.event());
            return inserted.visit();
        });
        // the visit as written; its job, client and conflicts are joined by scheduled()
        return scheduled(actor, db, visit(added));
    }

    @Override
    public Scheduled updateVisit(Actor actor, String visitId, long expectedVersion, VisitChanges changes,
                                 VisitChanges.Scope scope) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        if (!visit.status().isOpen()) {
            throw new Conflict(Message.of("jobs.refused.visit.move", JobAggregate.state(visit.status())));
        }
        ZoneId zone = zone(actor);
        JobInput input = new JobInput();
        Instant start = changes.start() instanceof Change.To<String>(String s) ? time(input, "start", s, zone) : visit.startsAt();
        Instant end = changes.end() instanceof Change.To<String>(String e) ? time(input, "end", e, zone) : visit.endsAt();
        List<UserId> assignees = changes.assignees() instanceof Change.To<List<UserId>>(List<UserId> a)
                ? checkAssignees(actor, input, "assignees", a == null ? List.of() : a) : visit.assignees();
        input.throwIfAny();
        VisitTimes.check(start, end);
        if (scope == VisitChanges.Scope.THIS_AND_FOLLOWING && visit.isRecurring()) {
            db.inTransaction(() -> {
                series.changeFollowing(actor, db, visit, expectedVersion, start, end, assignees, zone, clock.instant())
                        .forEach(e -> events.publish(db, e));
                return null;
            });
            // read again: the series wrote the visit (and maybe others) through several writes
            return scheduled(actor, db, findVisit(actor, db, visitId));
        }
        Changes set = Changes.of(VISITS)
                .set(STARTS_AT, start.toEpochMilli())
                .set(ENDS_AT, end.toEpochMilli())
                .set(VISIT_ASSIGNEES, idsJson(assignees));
        if (visit.isRecurring()) {
            set.set(DETACHED, true);
        }
        Written moved = db.inTransaction(() -> {
            Written written = store.change(actor, RecordKey.of(visitId, visit.jobId()), expectedVersion, set, "rescheduled");
            if (written.version() != expectedVersion) {
                events.publish(db, new JobEvents.VisitRescheduled(actor.tenant(), visit.jobId(), visitId, start, end,
                        assignees.stream().map(UserId::toString).toList()));
            }
            return written;
        });
        // the visit as written; its job, client and conflicts are joined by scheduled()
        return scheduled(actor, db, visit(moved));
    }

    @Override
    public void deleteVisit(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        if (visit.enRouteAt() != null || visit.startedAt() != null) {
            throw new Conflict(Message.of("jobs.refused.delete-worked-visit"));
        }
        db.inTransaction(() -> {
            if (visit.isRecurring()) {
                series.skip(actor, db, visit);
            }
            store.delete(actor, VISITS, RecordKey.of(visitId, visit.jobId()), expectedVersion);
            Map<String, Object> job = records.jobRow(db, visit.jobId()).orElseThrow();
            boolean anyLeft = !records.visitsOf(db, visit.jobId()).isEmpty() || series.hasActive(db, visit.jobId());
            if (!anyLeft && JobStatus.SCHEDULED.name().equals(job.get("status"))) {
                store.change(actor, RecordKey.of(visit.jobId()), ((Number) job.get("version")).longValue(),
                        Changes.of(JOBS).set(STATUS, JobStatus.DRAFT.name()), "unscheduled");
            }
        });
    }

    @Override
    public Visit enRoute(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        return visitAfter(actor, db, visitId, change(actor, db, visit.jobId(), job -> job.enRoute(visitId, expectedVersion,
                actor.userId().map(Object::toString).orElse(null), clock.instant())));
    }

    @Override
    public Visit start(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        return visitAfter(actor, db, visitId,
                change(actor, db, visit.jobId(), job -> job.startVisit(visitId, expectedVersion, clock.instant())));
    }

    @Override
    public Visit finish(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        return visitAfter(actor, db, visitId,
                change(actor, db, visit.jobId(), job -> job.finishVisit(visitId, expectedVersion, clock.instant())));
    }

    @Override
    public Visit finish(Actor actor, String visitId, long expectedVersion, NewSignature signature) {
        if (signature == null) {
            return finish(actor, visitId, expectedVersion);
        }
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        if (visit.status() != VisitStatus.IN_PROGRESS) {
            throw new Conflict(Message.of("jobs.refused.visit.finish", JobAggregate.state(visit.status())));
        }
        // the PNG goes the way of every upload (typed by content, encrypted, scanned) before the visit records it
        Files fileStore = files.getObject();
        StoredFile stored = fileStore.upload(actor, TargetKind.VISIT, visitId, "signature-" + visitId + ".png",
                new java.io.ByteArrayInputStream(signature.png()));
        if (stored.status() == FileStatus.INFECTED) {
            throw new InvalidInput("signature", Message.of("files.infected", stored.name(), stored.verdict()));
        }
        try {
            return visitAfter(actor, db, visitId, change(actor, db, visit.jobId(),
                    job -> job.finishVisit(visitId, expectedVersion, clock.instant(), stored.id(), signature.signedBy())));
        } catch (RuntimeException e) {
            try {
                fileStore.delete(actor, stored.id(), stored.version());
            } catch (RuntimeException ignored) {
                // the refusal is what the user needs to hear; an orphaned signature file stays on the visit
            }
            throw e;
        }
    }

    @Override
    public List<VisitSignature> signatures(Actor actor, String jobId) {
        actor.require(Permission.JOBS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(actor, db, jobId);
        return records.signatures(db, jobId);
    }

    @Override
    public Visit cancelVisit(Actor actor, String visitId, long expectedVersion) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        return visitAfter(actor, db, visitId, change(actor, db, visit.jobId(), job -> job.cancelVisit(visitId, expectedVersion)));
    }

    @Override
    public Optional<Visit> confirmNextByClient(Actor actor, String clientId) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Optional<String> next = db.jdbc().sql("SELECT v.id FROM visits v JOIN jobs j ON j.id = v.job_id"
                        + " WHERE j.client_id = :client AND j.status IN ('DRAFT', 'SCHEDULED', 'IN_PROGRESS')"
                        + " AND v.status IN ('SCHEDULED', 'EN_ROUTE', 'IN_PROGRESS') AND v.ends_at > :now"
                        + " ORDER BY v.starts_at, v.id")
                .param("client", clientId).param("now", clock.instant().toEpochMilli())
                .query(String.class).stream().findFirst();
        return next.map(id -> confirmByClient(actor, id));
    }

    @Override
    public Visit confirmByClient(Actor actor, String visitId) {
        actor.require(Permission.JOBS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Visit visit = findVisit(actor, db, visitId);
        return visitAfter(actor, db, visitId,
                change(actor, db, visit.jobId(), job -> job.confirmByClient(visitId, clock.instant())));
    }

    // ---- schedule -----------------------------------------------------------------------------------------------

    @Override
    public List<Scheduled> schedule(Actor actor, Instant from, Instant to, Optional<UserId> assignee, Optional<String> crewId) {
        actor.require(Permission.JOBS_READ);
        if (!to.isAfter(from)) {
            throw new InvalidInput("to", Message.of("jobs.refused.range-order"));
        }
        if (java.time.Duration.between(from, to).toDays() > MAX_RANGE_DAYS) {
            throw new InvalidInput("to", Message.of("jobs.refused.range-length", MAX_RANGE_DAYS));
        }
        CompanyDatabase db = databases.of(actor.tenant());
        JobAccess.Visibility visibility = access.of(actor, db);
        Set<UserId> crewMembers = crewId.map(id -> Set.copyOf(crews.get(actor, id).members())).orElse(null);
        List<Visit> visits = records.visitsBetween(db, from, to, visibility, true).stream()
                .filter(v -> assignee.map(a -> v.assignees().contains(a)).orElse(true))
                .toList();
        Map<String, JobRecords.JobHead> heads = records.heads(db, visits.stream().map(Visit::jobId).distinct().toList());
        if (crewMembers != null) {
            visits = visits.stream().filter(v -> crewId.get().equals(heads.get(v.jobId()).crewId())
                    || v.assignees().stream().anyMatch(crewMembers::contains)).toList();
        }
        return views(actor, db, visits, heads, visibility, from, to);
    }

    @Override
    public List<Scheduled> day(Actor actor, Optional<LocalDate> day) {
        actor.require(Permission.JOBS_READ);
        UserId me = actor.userId().orElseThrow(() -> new InvalidInput("assignee", Message.of("jobs.refused.day-without-user")));
        ZoneId zone = zone(actor);
        LocalDate date = day.orElseGet(() -> LocalDate.ofInstant(clock.instant(), zone));
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        return schedule(actor, from, to, Optional.of(me), Optional.empty()).stream()
                .filter(s -> s.visit().status() != VisitStatus.CANCELLED).toList();
    }

    private List<Scheduled> views(Actor actor, CompanyDatabase db, List<Visit> visits, Map<String, JobRecords.JobHead> heads,
                                  JobAccess.Visibility visibility, Instant from, Instant to) {
        if (visits.isEmpty()) {
            return List.of();
        }
        Set<String> clientIds = new LinkedHashSet<>();
        Set<String> propertyIds = new LinkedHashSet<>();
        heads.values().forEach(h -> {
            clientIds.add(h.clientId());
            propertyIds.add(h.propertyId());
        });
        // without clients:read (a token granted only jobs:read) the schedule is answered without client names and
        // addresses rather than refused, as get_job is
        boolean seesClients = actor.can(Permission.CLIENTS_READ);
        Map<String, Client> clientsById = seesClients ? clients.clientsById(actor, clientIds) : Map.of();
        Map<String, Property> propertiesById = seesClients ? clients.propertiesById(actor, propertyIds) : Map.of();
        // conflicts are found among every visit of the range, also those the reader does not see (without naming them)
        // — read afresh: the visits asked about may be fewer than the range holds (one visit just added or moved)
        List<Visit> all = records.visitsBetween(db, from, to, JobAccess.Visibility.ALL, false);
        List<Visit> seen = visibility.restricted() ? records.visitsBetween(db, from, to, visibility, false) : all;
        Map<String, String> numbers = new HashMap<>();
        heads.values().forEach(h -> numbers.put(h.id(), h.number()));
        records.heads(db, seen.stream().map(Visit::jobId).filter(id -> !numbers.containsKey(id)).distinct().toList())
                .values().forEach(h -> numbers.put(h.id(), h.number()));
        WorkSettings settings = access.settings(db);
        ZoneId zone = zone(actor);
        Function<UserId, String> names = nameLookup(actor);
        List<Scheduled> result = new ArrayList<>();
        for (Visit visit : visits) {
            JobRecords.JobHead head = heads.get(visit.jobId());
            Client client = clientsById.get(head.clientId());
            Property property = propertiesById.get(head.propertyId());
            result.add(new Scheduled(visit, new Scheduled.JobSummary(head.id(), head.number(), head.title(), head.status(),
                    head.priority(), head.clientId(), client == null ? null : client.name(),
                    client == null ? null : client.phone(), head.propertyId(), address(property), head.crewId()),
                    visit.status() == VisitStatus.CANCELLED ? List.of()
                            : Conflicts.of(visit, all, settings, zone, names, numbers)));
        }
        return result;
    }

    private Scheduled scheduled(Actor actor, CompanyDatabase db, Visit visit) {
        JobAccess.Visibility visibility = access.of(actor, db);
        Map<String, JobRecords.JobHead> heads = records.heads(db, List.of(visit.jobId()));
        return views(actor, db, List.of(visit), heads, visibility, visit.startsAt(), visit.endsAt()).getFirst();
    }

    // ---- templates and settings ---------------------------------------------------------------------------------

    @Override
    public List<ChecklistTemplate> templates(Actor actor) {
        actor.require(Permission.JOBS_READ);
        return records.templates(databases.of(actor.tenant()));
    }

    @Override
    public ChecklistTemplate template(Actor actor, String templateId) {
        actor.require(Permission.JOBS_READ);
        return records.template(databases.of(actor.tenant()), templateId).orElseThrow(() -> new NotFound(Message.of("jobs.thing.checklist")));
    }

    @Override
    public ChecklistTemplate createTemplate(Actor actor, String name, List<ChecklistTemplate.Item> items) {
        actor.require(Permission.SETTINGS_MANAGE);
        JobInput input = new JobInput();
        Changes values = Changes.of(TEMPLATES).set(TEMPLATE_NAME, input.templateName(name))
                .set(TEMPLATE_ITEMS, records.templateItemsJson(input.checklist("items", items)));
        input.throwIfAny();
        return template(store.insert(actor, values));
    }

    @Override
    public ChecklistTemplate updateTemplate(Actor actor, String templateId, long expectedVersion, String name,
                                            List<ChecklistTemplate.Item> items) {
        actor.require(Permission.SETTINGS_MANAGE);
        template(actor, templateId);
        JobInput input = new JobInput();
        Changes set = Changes.of(TEMPLATES);
        if (name != null) {
            set.set(TEMPLATE_NAME, input.templateName(name));
        }
        if (items != null) {
            set.set(TEMPLATE_ITEMS, records.templateItemsJson(input.checklist("items", items)));
        }
        input.throwIfAny();
        return template(store.update(actor, RecordKey.of(templateId), expectedVersion, set));
    }

    @Override
    public void deleteTemplate(Actor actor, String templateId, long expectedVersion) {
        actor.require(Permission.SETTINGS_MANAGE);
        store.delete(actor, TEMPLATES, RecordKey.of(templateId), expectedVersion);
    }

    @Override
    public WorkSettings settings(Actor actor) {
        actor.require(Permission.JOBS_READ);
        return access.settings(databases.of(actor.tenant()));
    }

    @Override
    public WorkSettings updateSettings(Actor actor, WorkSettings settings) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (settings.workingDays().isEmpty()) {
            throw new InvalidInput("workingDays", Message.of("jobs.refused.no-working-day"));
        }
        if (!settings.dayEnd().isAfter(settings.dayStart())) {
            throw new InvalidInput("dayEnd", Message.of("jobs.refused.working-day-order"));
        }
        companySettings.set(actor, JobAccess.WORK_SETTINGS, settings);
        return access.settings(databases.of(actor.tenant()));
    }

    @Override
    public int generateVisits(Actor actor, Instant now) {
        actor.require(Permission.JOBS_ASSIGN);
        CompanyDatabase db = databases.of(actor.tenant());
        // each series' visits and their events are written in a transaction of their own
        return series.generate(actor, db, zone(actor), now).size();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Job find(Actor actor, CompanyDatabase db, String jobId) {
        return records.job(db, jobId, access.of(actor, db), clock.instant()).orElseThrow(() -> new NotFound(Message.of("jobs.thing.job")));
    }

    /**
     * Loads the job as an aggregate inside a write transaction, lets a verb decide, and applies its outcome in the same
     * transaction: the writes through the write path, the end of its series, its events into the outbox.
     */
    private List<Written> change(Actor actor, CompanyDatabase db, String jobId,
                                 java.util.function.Function<JobAggregate, JobAggregate.Outcome> verb) {
        return db.inTransaction(() -> apply(actor, db, jobId, verb.apply(load(actor, db, jobId))));
    }

    /**
     * The job as the actor may see it (another's is not found), its row locked for the rest of the transaction where
     * the engine locks rows.
     */
    private JobAggregate load(Actor actor, CompanyDatabase db, String jobId) {
        return records.aggregate(db, jobId, access.of(actor, db), series.hasActive(db, jobId))
                .orElseThrow(() -> new NotFound(Message.of("jobs.thing.job")));
    }

    /** Applies a verb's outcome; returns its records as written, in the order of its writes. */
    private List<Written> apply(Actor actor, CompanyDatabase db, String jobId, JobAggregate.Outcome outcome) {
        List<Written> written = new ArrayList<>();
        for (JobAggregate.Write w : outcome.writes()) {
            written.add(store.change(actor, w.key(), w.expectedVersion(), w.set(), w.action()));
        }
        if (outcome.endsSeries()) {
            series.endAll(actor, db, jobId);
        }
        outcome.events().forEach(e -> events.publish(db, e));
        return written;
    }

    /**
     * The visit a verb named, as its write left it: the verb's load already applied the reader's visibility, and no
     * later write of the same outcome touches it. Read again only if the verb wrote nothing of it.
     */
    private Visit visitAfter(Actor actor, CompanyDatabase db, String visitId, List<Written> written) {
        return written.stream().filter(w -> w.type() == VISITS && w.id().equals(visitId)).reduce((a, b) -> b)
                .map(JobService::visit).orElseGet(() -> findVisit(actor, db, visitId));
    }

    /** A visit from its row as written. */
    static Visit visit(Written w) {
        return new Visit(w.id(), w.get(JOB_ID), Instant.ofEpochMilli(w.get(STARTS_AT)), Instant.ofEpochMilli(w.get(ENDS_AT)),
                JobRecords.userIds(w.get(VISIT_ASSIGNEES)), VisitStatus.valueOf(w.get(VISIT_STATUS)),
                instant(w.get(EN_ROUTE_AT)), instant(w.get(STARTED_AT)), instant(w.get(FINISHED_AT)), w.get(SERIES_ID),
                w.get(OCCURRENCE), Boolean.TRUE.equals(w.get(DETACHED)), w.version(), w.createdAt(), w.updatedAt(),
                instant(w.get(JobTables.CONFIRMED_BY_CLIENT_AT)));
    }

    private ChecklistTemplate template(Written w) {
        return new ChecklistTemplate(w.id(), w.get(TEMPLATE_NAME), records.templateItems(w.get(TEMPLATE_ITEMS)), w.version());
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** A visit as inserted, and the event that says so. */
    record NewVisitRow(Written visit, JobEvents.VisitScheduled event) {
    }

    /** A visit the actor may see (its job visible to them); anything else is not found. */
    private Visit findVisit(Actor actor, CompanyDatabase db, String visitId) {
        Visit visit = records.visit(db, visitId).orElseThrow(() -> new NotFound(Message.of("jobs.thing.visit")));
        if (records.job(db, visit.jobId(), access.of(actor, db), clock.instant()).isEmpty()) {
            throw new NotFound(Message.of("jobs.thing.visit"));
        }
        return visit;
    }

    NewVisitRow insertVisit(Actor actor, String jobId, Instant start, Instant end, List<UserId> assignees) {
        Written visit = store.insert(actor, Changes.of(VISITS)
                .set(JOB_ID, jobId)
                .set(STARTS_AT, start.toEpochMilli())
                .set(ENDS_AT, end.toEpochMilli())
                .set(VISIT_ASSIGNEES, idsJson(assignees))
                .set(VISIT_STATUS, VisitStatus.SCHEDULED.name())
                .set(DETACHED, false));
        return new NewVisitRow(visit, new JobEvents.VisitScheduled(actor.tenant(), jobId, visit.id(), start, end,
                assignees.stream().map(UserId::toString).toList()));
    }

    private void insertChecklist(Actor actor, String jobId, int firstPosition, List<ChecklistTemplate.Item> items) {
        for (int i = 0; i < items.size(); i++) {
            store.insert(actor, Changes.of(CHECKLIST_ITEMS)
                    .set(JOB_ID, jobId)
                    .set(POSITION, firstPosition + i)
                    .set(TEXT, items.get(i).text())
                    .set(REQUIRED, items.get(i).required())
                    .set(DONE, false));
        }
    }


    private void checkClientAndProperty(Actor actor, JobInput input, String clientId, String propertyId) {
        if (clientId.isEmpty()) {
            input.add("clientId", Message.of("jobs.refused.client-required"));
            return;
        }
        try {
            clients.get(actor, clientId);
        } catch (NotFound e) {
            input.add("clientId", Message.of("refusal.not-found", Message.of("jobs.thing.client")));
            return;
        }
        if (propertyId.isEmpty()) {
            input.add("propertyId", Message.of("jobs.refused.property-required"));
            return;
        }
        try {
            clients.property(actor, clientId, propertyId);
        } catch (NotFound e) {
            input.add("propertyId", Message.of("jobs.refused.property-of-other-client"));
        }
    }

    private List<UserId> checkAssignees(Actor actor, JobInput input, String field, Collection<UserId> assignees) {
        List<UserId> ids = new ArrayList<>();
        for (UserId id : new LinkedHashSet<>(assignees)) {
            try {
                User user = team.get(actor, id);
                if (!user.active()) {
                    input.add(field, Message.of("jobs.refused.assignee-deactivated", user.name()));
                }
            } catch (NotFound e) {
                input.add(field, Message.of("jobs.refused.assignee-unknown", String.valueOf(id)));
            }
            ids.add(id);
        }
        if (ids.size() > 50) {
            input.add(field, Message.of("jobs.refused.too-many-assignees", 50));
        }
        return ids;
    }

    private String checkCrew(Actor actor, JobInput input, String crewId) {
        if (crewId == null) {
            return null;
        }
        try {
            crews.get(actor, crewId);
        } catch (NotFound e) {
            input.add("crewId", Message.of("refusal.not-found", Message.of("jobs.thing.crew")));
        }
        return crewId;
    }

    private Instant[] times(JobInput input, NewVisit visit, ZoneId zone) {
        Instant start = time(input, "start", visit.start(), zone);
        Instant end = time(input, "end", visit.end(), zone);
        if (start != null && end != null) {
            try {
                VisitTimes.check(start, end);
            } catch (InvalidInput e) {
                e.fieldMessages().forEach(input::add);
            }
        }
        return new Instant[] {start, end};
    }

    private static Instant time(JobInput input, String field, String text, ZoneId zone) {
        try {
            return VisitTimes.parse(field, text, zone);
        } catch (InvalidInput e) {
            e.fieldMessages().forEach(input::add);
            return null;
        }
    }

    ZoneId zone(Actor actor) {
        return companies.timeZone(actor.tenant());
    }

    /**
     * The team's names, for the authors of notes and the people a warning names: part of what the reader of a job may
     * see, so they are read as the company (not as the reader, who may hold no {@code team:view}, e.g. an OAuth token
     * granted only {@code jobs:write}).
     */
    private Map<String, String> names(Actor actor) {
        Map<String, String> names = new HashMap<>();
        team.list(Actor.system(actor.tenant(), org.fieldstone.shared.Channel.SYSTEM), new Page.PageRequest(0, Page.MAX_SIZE)).items().forEach(u -> names.put(u.id().toString(), u.name()));
        return names;
    }

    /** Names for warnings, read (and opened) only when a warning names someone. */
    private Function<UserId, String> nameLookup(Actor actor) {
        Map<String, String> names = new HashMap<>();
        return id -> {
            if (names.isEmpty()) {
                names.putAll(names(actor));
            }
            return names.getOrDefault(id.toString(), "Someone");
        };
    }

    private static String address(Property property) {
        if (property == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (property.street() != null) {
            parts.add(property.street());
        }
        String town = String.join(" ", java.util.stream.Stream.of(property.postalCode(), property.city())
                .filter(java.util.Objects::nonNull).toList());
        if (!town.isBlank()) {
            parts.add(town);
        }
        return parts.isEmpty() ? property.label() : String.join(", ", parts);
    }

    private String idsJson(List<UserId> ids) {
        return records.json(ids.stream().map(UserId::toString).toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
