package org.fieldstone.jobs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.UserId;

/**
 * A company's jobs and their visits. Reads need {@code jobs:read}; editing jobs, ticking checklists, notes and a
 * visit's On my way/Start/Finish need {@code jobs:write}; scheduling (adding, moving, reassigning visits, the
 * job's crew and assignees) needs {@code jobs:assign}. When the company lets technicians see only their own work,
 * a {@code USER} finds only jobs assigned to them or their crew (on the job or a visit): others are not found.
 * Lifecycle verbs refuse illegal transitions with {@link org.fieldstone.shared.Conflict} and change nothing.
 */
public interface Jobs {

    Page<Job> list(Actor actor, JobQuery query, Page.PageRequest page);

    Job get(Actor actor, String jobId);

    Job create(Actor actor, NewJob job);

    Job update(Actor actor, String jobId, long expectedVersion, JobChanges changes);

    /** Only a draft or cancelled job none of whose visits was worked on; its number is not given again. */
    void delete(Actor actor, String jobId, long expectedVersion);

    /** {@code SCHEDULED|IN_PROGRESS → COMPLETED}; refused while required checklist items are unticked. */
    Job complete(Actor actor, String jobId, long expectedVersion);

    /** Any open state → {@code CANCELLED}; its open visits are cancelled and its series end. */
    Job cancel(Actor actor, String jobId, long expectedVersion);

    /** {@code COMPLETED|CANCELLED →} {@code SCHEDULED} when it has open visits, else {@code DRAFT}. */
    Job reopen(Actor actor, String jobId, long expectedVersion);

    Job tick(Actor actor, String jobId, String itemId, boolean done);

    Job addChecklist(Actor actor, String jobId, String templateId);

    List<JobNote> notes(Actor actor, String jobId);

    JobNote addNote(Actor actor, String jobId, String body);

    List<Visit> visits(Actor actor, String jobId);

    Visit visit(Actor actor, String visitId);

    /** Adds a visit; a draft job becomes scheduled. The warnings do not stop it. */
    Scheduled addVisit(Actor actor, String jobId, NewVisit visit);

    Scheduled updateVisit(Actor actor, String visitId, long expectedVersion, VisitChanges changes, VisitChanges.Scope scope);

    /** Removes a visit that was not worked on; a recurring one is not generated again. */
    void deleteVisit(Actor actor, String visitId, long expectedVersion);

    Visit enRoute(Actor actor, String visitId, long expectedVersion);

    /** Starts the visit (from scheduled or en route); the job is in progress from then on. */
    Visit start(Actor actor, String visitId, long expectedVersion);

    /**
     * Finishes the visit; when it was the job's last open visit and no series generates more, the job is
     * completed too — which is refused (nothing changes) while required checklist items are unticked.
     */
    Visit finish(Actor actor, String visitId, long expectedVersion);

    Visit cancelVisit(Actor actor, String visitId, long expectedVersion);

    /**
     * The visits starting in [from, to) that the actor may see, by start, with job summaries and warnings;
     * narrowed to an assignee and/or a crew's members when given.
     */
    List<Scheduled> schedule(Actor actor, Instant from, Instant to, Optional<UserId> assignee, Optional<String> crewId);

    /** The actor's own visits on {@code day} in the company's time zone (today when empty), by start. */
    List<Scheduled> day(Actor actor, Optional<LocalDate> day);

    List<ChecklistTemplate> templates(Actor actor);

    ChecklistTemplate template(Actor actor, String templateId);

    ChecklistTemplate createTemplate(Actor actor, String name, List<ChecklistTemplate.Item> items);

    ChecklistTemplate updateTemplate(Actor actor, String templateId, long expectedVersion, String name,
                                     List<ChecklistTemplate.Item> items);

    void deleteTemplate(Actor actor, String templateId, long expectedVersion);

    WorkSettings settings(Actor actor);

    /** Needs {@code settings:manage}. */
    WorkSettings updateSettings(Actor actor, WorkSettings settings);

    /** Generates the visits of every recurring series of the company up to the horizon; returns how many it added. */
    int generateVisits(Actor actor, Instant now);
}
