package org.fieldstone.jobs;

/** {@code SCHEDULED → EN_ROUTE → IN_PROGRESS → COMPLETED}, or {@code CANCELLED}. */
public enum VisitStatus {
    SCHEDULED, EN_ROUTE, IN_PROGRESS, COMPLETED, CANCELLED;

    /** Not finished and not cancelled. */
    public boolean isOpen() {
        return this == SCHEDULED || this == EN_ROUTE || this == IN_PROGRESS;
    }
}
