package org.fieldstone.jobs;

/** Where a job is in its life. Late, unscheduled and requires-invoicing are computed ({@link Job.Flags}), never stored. */
public enum JobStatus {
    DRAFT, SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED, INVOICED;

    /** Work can still happen on it. */
    public boolean isOpen() {
        return this == DRAFT || this == SCHEDULED || this == IN_PROGRESS;
    }
}
