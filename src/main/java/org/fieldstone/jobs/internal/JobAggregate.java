package org.fieldstone.jobs.internal;

import static org.fieldstone.jobs.internal.JobTables.CHECKLIST_ITEMS;
import static org.fieldstone.jobs.internal.JobTables.COMPLETED_AT;
import static org.fieldstone.jobs.internal.JobTables.DONE;
import static org.fieldstone.jobs.internal.JobTables.DONE_AT;
import static org.fieldstone.jobs.internal.JobTables.DONE_BY;
import static org.fieldstone.jobs.internal.JobTables.EN_ROUTE_AT;
import static org.fieldstone.jobs.internal.JobTables.FINISHED_AT;
import static org.fieldstone.jobs.internal.JobTables.SIGNATURE_FILE_ID;
import static org.fieldstone.jobs.internal.JobTables.SIGNED_AT;
import static org.fieldstone.jobs.internal.JobTables.SIGNED_BY;
import static org.fieldstone.jobs.internal.JobTables.JOBS;
import static org.fieldstone.jobs.internal.JobTables.STARTED_AT;
import static org.fieldstone.jobs.internal.JobTables.STATUS;
import static org.fieldstone.jobs.internal.JobTables.VISITS;
import static org.fieldstone.jobs.internal.JobTables.VISIT_STATUS;

import java.time.Instant;
import java.util.ArrayList;
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
import org.fieldstone.tenancy.Changes;
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

    /**
     * One write of the outcome: a record at the version it must still have, its typed changes (built against the
     * table's {@link JobTables} columns), the action's name.
     */
    record Write(RecordKey key, long expectedVersion, Changes set, String action) {

        RecordType type() {
            return set.type();
        }

        /** The values by column name, as the write path and the audit trail see them. */
        Map<String, Object> changes() {
            return set.values();
        }
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
        return new Outcome(List.of(job(expectedVersion, jobStatus(JobStatus.CANCELLED), "cancelled")),
                List.of(), false).and(closeOpenVisits(null));
    }

    /** {@code COMPLETED | CANCELLED →} {@code SCHEDULED} when it still has an open visit, else {@code DRAFT}. */
    Outcome reopen(long expectedVersion) {
        requireStatus(Message.of("jobs.refused.reopen", state(status)), JobStatus.COMPLETED, JobStatus.CANCELLED);
        boolean hasOpenVisits = visits.stream().anyMatch(v -> v.status().isOpen());
        // in the order the audit entry always listed them
        Changes set = Changes.of(JOBS).set(COMPLETED_AT, null)
                .set(STATUS, (hasOpenVisits ? JobStatus.SCHEDULED : JobStatus.DRAFT).name());
        return new Outcome(List.of(job(expectedVersion, set, "reopened")), List.of(), false);
    }

    /** {@code COMPLETED → INVOICED}: the invoice that bills it was issued. */
    Outcome markInvoiced(long expectedVersion) {
        requireStatus(Message.of("jobs.refused.invoice", state(status)), JobStatus.COMPLETED);
        return new Outcome(List.of(job(expectedVersion, jobStatus(JobStatus.INVOICED), "invoiced")),
                List.of(), false);
    }

    /** A visit was added: a draft job becomes scheduled. Refused on a job that is not open. */
    Outcome visitAdded() {
        requireOpen(Message.of("jobs.refused.closed.schedule-visit", state(status)));
        return status == JobStatus.DRAFT
                ? new Outcome(List.of(job(version, jobStatus(JobStatus.SCHEDULED), "scheduled")), List.of(), false)
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
        // in the order the audit entry always listed them
        Changes set = Changes.of(CHECKLIST_ITEMS).set(DONE_BY, done ? by : null)
                .set(DONE_AT, done ? now.toEpochMilli() : null).set(DONE, done);
        return new Outcome(List.of(new Write(RecordKey.of(itemId, id), item.version(), set,
                done ? "ticked" : "unticked")), List.of(), false);
    }

    // ---- its visits

    /** {@code SCHEDULED → EN_ROUTE}, telling the client the technician is on the way. */
    Outcome enRoute(String visitId, long expectedVersion, String userId, Instant now) {
        Visit visit = openJobsVisit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.en-route", state(visit.status())), VisitStatus.SCHEDULED);
        return new Outcome(List.of(visit(visit, expectedVersion, visitStatus(VisitStatus.EN_ROUTE)
                .set(EN_ROUTE_AT, now.toEpochMilli()), "en_route")),
                List.of(new JobEvents.TechnicianEnRoute(tenant, id, visitId, userId, now)), false);
    }

    /** {@code SCHEDULED | EN_ROUTE → IN_PROGRESS}; the job is in progress from its first started visit. */
    Outcome startVisit(String visitId, long expectedVersion, Instant now) {
        Visit visit = openJobsVisit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.start", state(visit.status())), VisitStatus.SCHEDULED,
                VisitStatus.EN_ROUTE);
        List<Write> writes = new ArrayList<>();
        writes.add(visit(visit, expectedVersion, visitStatus(VisitStatus.IN_PROGRESS)
                .set(STARTED_AT, now.toEpochMilli()), "started"));
        if (status != JobStatus.IN_PROGRESS) {
            writes.add(job(version, jobStatus(JobStatus.IN_PROGRESS), "started"));
        }
        return new Outcome(writes, List.of(), false);
    }

    /** {@code IN_PROGRESS → COMPLETED}; finishing the last open visit of a job without a running series completes it. */
    Outcome finishVisit(String visitId, long expectedVersion, Instant now) {
        return finishVisit(visitId, expectedVersion, now, null, null);
    }

    /** As {@link #finishVisit(String, long, Instant)}, recording the customer's signature (a file) when given. */
    Outcome finishVisit(String visitId, long expectedVersion, Instant now, String signatureFileId, String signedBy) {
        Visit visit = openJobsVisit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.finish", state(visit.status())), VisitStatus.IN_PROGRESS);
        Changes finish = visitStatus(VisitStatus.COMPLETED).set(FINISHED_AT, now.toEpochMilli());
        if (signatureFileId != null) {
            finish.set(SIGNATURE_FILE_ID, signatureFileId).set(SIGNED_BY, signedBy).set(SIGNED_AT, now.toEpochMilli());
        }
        Outcome finished = new Outcome(List.of(visit(visit, expectedVersion, finish, "finished")),
                List.of(), false);
        boolean lastOne = visits.stream().filter(v -> !v.id().equals(visitId)).noneMatch(v -> v.status().isOpen())
                && !runningSeries;
        // the job's row was not written yet in this transaction: it is still at the version loaded
        return lastOne ? finished.and(completion(version, now, visitId)) : finished;
    }

    /**
     * The client confirmed the visit (an SMS reply {@code C}/{@code YES}): records when, once — a visit confirmed
     * before changes nothing. Refused on a finished or cancelled visit and on a visit of a job that is not open.
     */
    Outcome confirmByClient(String visitId, Instant now) {
        Visit visit = openJobsVisit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.confirm", state(visit.status())), VisitStatus.SCHEDULED,
                VisitStatus.EN_ROUTE, VisitStatus.IN_PROGRESS);
        if (visit.confirmedByClient()) {
            return Outcome.NOTHING;
        }
        return new Outcome(List.of(visit(visit, visit.version(), Changes.of(VISITS)
                .set(JobTables.CONFIRMED_BY_CLIENT_AT, now.toEpochMilli()), "confirmed_by_client")), List.of(), false);
    }

    /** {@code SCHEDULED | EN_ROUTE | IN_PROGRESS → CANCELLED}. */
    Outcome cancelVisit(String visitId, long expectedVersion) {
        Visit visit = visit(visitId);
        requireVisitStatus(visit, Message.of("jobs.refused.visit.cancel", state(visit.status())), VisitStatus.SCHEDULED,
                VisitStatus.EN_ROUTE, VisitStatus.IN_PROGRESS);
        return new Outcome(List.of(visit(visit, expectedVersion, visitStatus(VisitStatus.CANCELLED),
                "cancelled")), List.of(new JobEvents.VisitCancelled(tenant, id, visitId, visit.startsAt(), visit.endsAt(),
                visit.assignees().stream().map(u -> u.value().toString()).toList())), false);
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
        Changes set = jobStatus(JobStatus.COMPLETED).set(COMPLETED_AT, now.toEpochMilli());
        return new Outcome(List.of(job(expectedVersion, set, "completed")),
                List.of(new JobEvents.JobCompleted(tenant, id, number, now)), false).and(closeOpenVisits(finishedVisit));
    }

    /** A finished or cancelled job keeps no open visits and generates no more. */
    private Outcome closeOpenVisits(String except) {
        List<Write> writes = visits.stream().filter(v -> v.status().isOpen() && !v.id().equals(except))
                .map(v -> visit(v, v.version(), visitStatus(VisitStatus.CANCELLED), "cancelled")).toList();
        return new Outcome(writes, List.of(), true);
    }

    private Write job(long expectedVersion, Changes changes, String action) {
        return new Write(RecordKey.of(id), expectedVersion, requireType(changes, JOBS), action);
    }

    private Write visit(Visit visit, long expectedVersion, Changes changes, String action) {
        return new Write(RecordKey.of(visit.id(), id), expectedVersion, requireType(changes, VISITS), action);
    }

    private static Changes jobStatus(JobStatus to) {
        return Changes.of(JOBS).set(STATUS, to.name());
    }

    private static Changes visitStatus(VisitStatus to) {
        return Changes.of(VISITS).set(VISIT_STATUS, to.name());
    }

    private static Changes requireType(Changes changes, RecordType type) {
        if (changes.type() != type) {
            throw new IllegalArgumentException("Changes of " + changes.type().table() + " written as " + type.table());
        }
        return changes;
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
