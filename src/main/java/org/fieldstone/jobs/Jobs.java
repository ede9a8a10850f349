package org.fieldstone.jobs;

import java.util.List;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;

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

    /**
     * A draft job made from an approved quote, in the caller's transaction (the quote's conversion): its client and
     * property, title, the lines the customer chose (with their taxes and discounts), the quote's discount and the
     * deposit it asked for. The quotes module calls back here through {@code Quotes.convert}; jobs:write.
     */
    Job createFromQuote(Actor actor, org.fieldstone.quotes.Quote quote);

    Job update(Actor actor, String jobId, long expectedVersion, JobChanges changes);

    /** Only a draft or cancelled job none of whose visits was worked on; its number is not given again. */
    void delete(Actor actor, String jobId, long expectedVersion);

    /**
     * Checks line items as {@link #update} would and saves nothing: every problem at once, each under
     * {@code lineItems[i].field} ({@code i} their position in {@code items}).
     */
    void checkLineItems(Actor actor, List<LineItem> items);

    /**
     * {@code SCHEDULED|IN_PROGRESS → COMPLETED}; refused while required checklist items are unticked. Its open visits,
     * past or future, are cancelled and its series ends.
     */
    Job complete(Actor actor, String jobId, long expectedVersion);

    /** Any open state → {@code CANCELLED}; its open visits are cancelled and its series end. */
    Job cancel(Actor actor, String jobId, long expectedVersion);

    /** {@code COMPLETED|CANCELLED →} {@code SCHEDULED} when it has open visits, else {@code DRAFT}. */
    Job reopen(Actor actor, String jobId, long expectedVersion);

    Job tick(Actor actor, String jobId, String itemId, boolean done);

    Job addChecklist(Actor actor, String jobId, String templateId);

    List<JobNote> notes(Actor actor, String jobId);

    JobNote addNote(Actor actor, String jobId, String body);
}
