package org.fieldstone.jobs;

import java.time.Instant;
import java.util.List;
import org.fieldstone.shared.Actor;

/**
 * The visits of a company's jobs: adding, moving and reassigning them needs {@code jobs:assign}; On my way, Start
 * and Finish need {@code jobs:write}. A visit of a job the actor may not see is not found. Its job changes with it
 * (a first visit schedules a draft job, the last finish completes it), in the same transaction.
 */
public interface Visits {

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

    /**
     * Finishes the visit with the customer's signature (null: without one): the PNG is stored as a file of the visit
     * through the files facade (scanned and encrypted like every upload), and the visit records that file, the printed
     * name and when it was signed, in the same write as its finish. A signature found infected is refused (the visit
     * is not finished); so is a finish refused after the upload, and the stored signature is then deleted again.
     */
    Visit finish(Actor actor, String visitId, long expectedVersion, NewSignature signature);

    /** The signatures collected on a job's visits (read access to the job), oldest first. */
    List<VisitSignature> signatures(Actor actor, String jobId);

    Visit cancelVisit(Actor actor, String visitId, long expectedVersion);

    /**
     * The client of {@code clientId} confirmed their next visit (an SMS reply {@code C}/{@code YES}; the actor is the
     * company's system through the channel it came on, audited so): the earliest visit of the client's open jobs that
     * is scheduled, en route or in progress and has not ended yet is marked confirmed by the client, once. Needs
     * {@code jobs:write}.
     *
     * @return the visit as confirmed (also when it was confirmed before), or empty when the client has no such visit
     */
    java.util.Optional<Visit> confirmNextByClient(Actor actor, String clientId);

    /** Marks one visit confirmed by its client (idempotent); refused on a finished or cancelled visit. */
    Visit confirmByClient(Actor actor, String visitId);

    /** Generates the visits of every recurring series of the company up to the horizon; returns how many it added. */
    int generateVisits(Actor actor, Instant now);
}
