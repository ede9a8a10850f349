package org.fieldstone.jobs.internal;

import java.util.Set;
import org.fieldstone.files.AttachmentTargets;
import org.fieldstone.files.TargetKind;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/**
 * Files on jobs and visits: a job or visit the actor cannot see (another company's, or one a technician is not
 * assigned to, {@link JobAccess}) is not found, and so are its files; attaching needs {@code jobs:write}.
 */
@Component
class JobAttachments implements AttachmentTargets {

    private final Jobs jobs;
    private final Visits visits;

    JobAttachments(Jobs jobs, Visits visits) {
        this.jobs = jobs;
        this.visits = visits;
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.JOB, TargetKind.VISIT);
    }

    @Override
    public void checkRead(Actor actor, TargetKind kind, String targetId) {
        if (kind == TargetKind.VISIT) {
            visits.visit(actor, targetId);
        } else {
            jobs.get(actor, targetId);
        }
    }

    @Override
    public void checkAttach(Actor actor, TargetKind kind, String targetId) {
        checkRead(actor, kind, targetId);
        actor.require(Permission.JOBS_WRITE);
    }
}
