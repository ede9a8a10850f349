package org.fieldstone.files;

import java.util.Set;
import org.fieldstone.shared.Actor;

/**
 * The SPI through which the files module asks the module that owns a target (a client, property, job, visit, quote or
 * invoice) whether it exists in the actor's company and what the actor may do with it. Implemented by the clients,
 * jobs, quotes and invoices modules (which depend on files); each implementation answers for its own
 * {@link #kinds()}. A target the actor may not see — another company's id, or a job a technician is not assigned to —
 * is {@link org.fieldstone.shared.NotFound}, exactly as the owning module's own reads answer; so are its files.
 */
public interface AttachmentTargets {

    /** The kinds this implementation answers for. */
    Set<TargetKind> kinds();

    /**
     * Refuses unless the target exists and the actor may read it: {@link org.fieldstone.shared.NotFound} when it is
     * missing or hidden from them, {@link org.fieldstone.shared.Forbidden} when their role may not read such records.
     */
    void checkRead(Actor actor, TargetKind kind, String targetId);

    /**
     * Refuses unless the actor may also attach files to it (the target's write permission): as {@link #checkRead},
     * then {@link org.fieldstone.shared.Forbidden}.
     */
    void checkAttach(Actor actor, TargetKind kind, String targetId);
}
