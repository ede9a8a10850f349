package org.fieldstone.jobs.internal;

import static org.fieldstone.jobs.internal.JobTables.CHECKLIST_ITEMS;
import static org.fieldstone.jobs.internal.JobTables.JOBS;
import static org.fieldstone.jobs.internal.JobTables.VISITS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.jobs.ChecklistItem;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordType;

/**
 * A job and its visits and checklist as the write path changes them, loaded inside the write transaction
 * ({@link JobRecords#aggregate}, the job's row locked where the engine locks rows). State changes only through its
 * verbs, which refuse an illegal transition with a {@link Conflict} (its message a code of
 * {@code messages.properties}, the statuses as arguments) and otherwise return an {@link Outcome}: the
 * writes to make (each with the version it expects) and the events to publish, both in that same transaction. It
 * holds no database and no clock: a verb is given the time, so the lifecycle is tested without Spring
 * ({@code JobAggregateTests}).
 */
final class JobAggregate {

    private final TenantId tenant;
    private final String id;
    private final String number;
    private final JobStatus status;
    private final long version;
    private final List<ChecklistItem> checklist;
    private final List<Visit> visits;
    private final boolean runningSeries;

    JobAggregate(TenantId tenant, String id, String number, JobStatus status, long version, List<ChecklistItem> checklist,
                 List<Visit> visits, boolean runningSeries) {
        this.tenant = tenant;
        this.id = id;
        this.number = number;
        this.status = status;
        this.version = version;
        this.checklist = List.copyOf(checklist);
        this.visits = List.copyOf(visits);
        this.runningSeries = runningSeries;
    }

    /** One write of the outcome: a record at the version it must still have, the columns to set, the action's name. */
    record Write(RecordType type, RecordKey key, long expectedVersion, Map<String, Object> changes, String action) {
    }

    /**
     * What a verb decided: the writes (in order), the events, and whether the job's recurring series ends (its
     * generated visits stop).
     */
    record Outcome(List<Write> writes, List<DomainEvent> events, boolean endsSeries) {

        static final Outcome NOTHING = new Outcome(List.of(), List.of(), false);

        Outcome and(Outcome more) {
            List<Write> w = new ArrayList<>(writes);
            w.addAll(more.writes);
            List<DomainEvent> e = new ArrayList<>(events);
            e.addAll(more.events);
            return new Outcome(w, e, endsSeries || more.endsSeries);
        }
    }

    String id() {
        return id;
    }

    JobStatus status() {
        return status;
    }

    long version() {
        return version;
    }

    // ---- the job's lifecycle

    /**
     * {@code SCHEDULED | IN_PROGRESS → COMPLETED}: refused while a required checklist item is unticked (the items are
     * the refusal's reasons); its open visits are cancelled and its series ends.
     */
    Outcome complete(long expectedVersion, Instant now) {
        requireStatus(Message.of("jobs.refused.complete", state(status)), JobStatus.SCHEDULED, JobStatus.IN_PROGRESS);
        return completion(expectedVersion, now);
    }

    /** {@code DRAFT | SCHEDULED | IN_PROGRESS → CANCELLED}; its open visits are cancelled and its series ends. */
    Outcome cancel(long expectedVersion) {
        requireStatus(Message.of("jobs.refused.cancel", state(status)), JobStatus.DRAFT, JobStatus.SCHEDULED,
                JobStatus.IN_PROGRESS);
        return new Outcome(List.of(job(expectedVersion, Map.of("status", JobStatus.CANCELLED.name()), "cancelled")),
                List.of(), false).and(closeOpenVisits(null));
    }

    /** {@code COMPLETED | CANCELLED →} {@code SCHEDULED} when it still has an open visit, else {@code DRAFT}. */
    Outcome reopen(long expectedVersion) {
        requireStatus(Message.of("jobs.refused.reopen", state(status)), JobStatus.COMPLETED, JobStatus.CANCELLED);
        boolean hasOpenVisits = visits.stream().anyMatch(v -> v.status().isOpen());
        Map<String, Object> set = new HashMap<>();
        set.put("status", (hasOpenVisits ? JobStatus.SCHEDULED : JobStatus.DRAFT).name());
        set.put("completed_at", null);
        return new Outcome(List.of(job(expectedVersion, set, "reopened")), List.of(), false);
    }

    /** {@code COMPLETED → INVOICED}: the invoice that bills it was issued. */
    Outcome markInvoiced(long expectedVersion) {
        requireStatus(Message.of("jobs.refused.invoice", state(status)), JobStatus.COMPLETED);
        return new Outcome(List.of(job(expectedVersion, Map.of("status", JobStatus.INVOICED.name()), "invoiced")),
                List.of(), false);
    }

    /** A visit was added: a draft job becomes scheduled. Refused on a job that is not open. */
    Outcome visitAdded() {
        requireOpen(Message.of("jobs.refused.closed.schedule-visit", state(status)));
        return status == JobStatus.DRAFT
                ? new Outcome(List.of(job(version, Map.of("status", JobStatus.SCHEDULED.name()), "scheduled")), List.of(), false)
                : Outcome.NOTHING;
    }

    /**
     * Refuses to change a job that is not open (completed, cancelled or invoiced): checked inside the transaction that
     * then writes the child (a checklist tick, a note), so a concurrent cancel cannot slip in between.
     */
    void requireOpen(Message refusal) {
        if (!status.isOpen()) {
            throw new Conflict(refusal);
        }
    }

    /** Ticks or unticks a checklist item (idempotent: the item's own version guards the write). */
    Outcome tick(String itemId, boolean done, String by, Instant now) {
        requireOpen(Message.of("jobs.refused.closed.checklist", state(status)));
        ChecklistItem item = checklist.stream().filter(i -> i.id().equals(itemId)).findFirst()
                .orElseThrow(() -> new NotFound(Message.of("jobs.thing.checklist-item")));
        if (item.done() == done) {
            return Outcome.NOTHING;
        }
        Map<String, Object> set = new HashMap<>();
        set.put("done", done);
        set.put("done_by", done ? by : null);
        set.put("done_at", done ? now.toEpochMilli() : null);
        return new Outcome(List.of(new Write(CHECKLIST_ITEMS, RecordKey.of(itemId, id), item.version(), set,
                done ? "ticked" : "unticked")), List.of(), false);
    }

    // ---- its visits

    /** {@code SCHEDULED → EN_ROUTE}, telling the client the technician is on the way. */
    Outcome enRoute(String visitId, long expectedVersion, String userId, Instant now) {
        Visit visit = openJobsVisit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.en-route", state(visit.status())), VisitStatus.SCHEDULED);
        return new Outcome(List.of(visit(visit, expectedVersion, Map.of("status", VisitStatus.EN_ROUTE.name(),
                "en_route_at", now.toEpochMilli()), "en_route")),
                List.of(new JobEvents.TechnicianEnRoute(tenant, id, visitId, userId, now)), false);
    }

    /** {@code SCHEDULED | EN_ROUTE → IN_PROGRESS}; the job is in progress from its first started visit. */
    Outcome startVisit(String visitId, long expectedVersion, Instant now) {
        Visit visit = openJobsVisit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.start", state(visit.status())), VisitStatus.SCHEDULED,
                VisitStatus.EN_ROUTE);
        List<Write> writes = new ArrayList<>();
        writes.add(visit(visit, expectedVersion, Map.of("status", VisitStatus.IN_PROGRESS.name(),
                "started_at", now.toEpochMilli()), "started"));
        if (status != JobStatus.IN_PROGRESS) {
            writes.add(job(version, Map.of("status", JobStatus.IN_PROGRESS.name()), "started"));
        }
        return new Outcome(writes, List.of(), false);
    }

    /** {@code IN_PROGRESS → COMPLETED}; finishing the last open visit of a job without a running series completes it. */
    Outcome finishVisit(String visitId, long expectedVersion, Instant now) {
        Visit visit = openJobsVisit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.finish", state(visit.status())), VisitStatus.IN_PROGRESS);
        Outcome finished = new Outcome(List.of(visit(visit, expectedVersion, Map.of("status",
                VisitStatus.COMPLETED.name(), "finished_at", now.toEpochMilli()), "finished")), List.of(), false);
        boolean lastOne = visits.stream().filter(v -> !v.id().equals(visitId)).noneMatch(v -> v.status().isOpen())
                && !runningSeries;
        // the job's row was not written yet in this transaction: it is still at the version loaded
        return lastOne ? finished.and(completion(version, now, visitId)) : finished;
    }

    /** {@code SCHEDULED | EN_ROUTE | IN_PROGRESS → CANCELLED}. */
    Outcome cancelVisit(String visitId, long expectedVersion) {
        Visit visit = visit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.cancel", state(visit.status())), VisitStatus.SCHEDULED,
                VisitStatus.EN_ROUTE, VisitStatus.IN_PROGRESS);
        return new Outcome(List.of(visit(visit, expectedVersion, Map.of("status", VisitStatus.CANCELLED.name()),
                "cancelled")), List.of(), false);
    }

    // ---- internals

    private Outcome completion(long expectedVersion, Instant now) {
        return completion(expectedVersion, now, null);
    }

    private Outcome completion(long expectedVersion, Instant now, String finishedVisit) {
        List<String> unticked = checklist.stream().filter(i -> i.required() && !i.done()).map(ChecklistItem::text).toList();
        if (!unticked.isEmpty()) {
            throw new Conflict(Message.of("jobs.refused.checklist-unticked", String.join(", ", unticked)), unticked);
        }
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("status", JobStatus.COMPLETED.name());
        set.put("completed_at", now.toEpochMilli());
        return new Outcome(List.of(job(expectedVersion, set, "completed")),
                List.of(new JobEvents.JobCompleted(tenant, id, number, now)), false).and(closeOpenVisits(finishedVisit));
    }

    /** A finished or cancelled job keeps no open visits and generates no more. */
    private Outcome closeOpenVisits(String except) {
        List<Write> writes = visits.stream().filter(v -> v.status().isOpen() && !v.id().equals(except))
                .map(v -> visit(v, v.version(), Map.of("status", VisitStatus.CANCELLED.name()), "cancelled")).toList();
        return new Outcome(writes, List.of(), true);
    }

    private Write job(long expectedVersion, Map<String, Object> changes, String action) {
        return new Write(JOBS, RecordKey.of(id), expectedVersion, changes, action);
    }

    private Write visit(Visit visit, long expectedVersion, Map<String, Object> changes, String action) {
        return new Write(VISITS, RecordKey.of(visit.id(), id), expectedVersion, changes, action);
    }

    private Visit visit(String visitId) {
        return visits.stream().filter(v -> v.id().equals(visitId)).findFirst().orElseThrow(() -> new NotFound(Message.of("jobs.thing.visit")));
    }

    private Visit openJobsVisit(String visitId) {
        Visit visit = visit(visitId);
        if (!status.isOpen()) {
            throw new Conflict(Message.of("jobs.refused.visit-of-closed-job", state(status)));
        }
        return visit;
    }

    /** Refuses with {@code refusal} (which names the allowed statuses in words) unless the job is in one of them. */
    private void requireStatus(Message refusal, JobStatus... allowed) {
        if (!List.of(allowed).contains(status)) {
            throw new Conflict(refusal);
        }
    }

    private static void requireVisitStatus(Visit visit, Message refusal, VisitStatus... allowed) {
        if (!List.of(allowed).contains(visit.status())) {
            throw new Conflict(refusal);
        }
    }

    /**
     * A job's or visit's status as a word within a sentence ("in progress"): {@code jobs.state.*} and
     * {@code visits.state.*} in {@code messages.properties}, one per constant ({@code I18nPropertiesSyncTest}).
     */
    static Message state(JobStatus status) {
        return Message.of("jobs.state." + status.name());
    }

    static Message state(VisitStatus status) {
        return Message.of("visits.state." + status.name());
    }

    Optional<Visit> findVisit(String visitId) {
        return visits.stream().filter(v -> v.id().equals(visitId)).findFirst();
    }
}
