package org.fieldstone.shared;

/**
 * The record changed since the caller read it (optimistic concurrency, seed 000): nothing was written.
 * The API answers 412 Precondition Failed; the dashboard shows the other change beside the user's.
 * Its message is {@code refusal.version-conflict}, with the thing's name and the current version as arguments.
 */
public final class VersionConflict extends DomainException {

    private final long currentVersion;

    /** {@code what} names the thing, e.g. {@code Message.of("jobs.thing.job")}. */
    public VersionConflict(Message what, long currentVersion) {
        super(Message.of("refusal.version-conflict", what, Long.toString(currentVersion)));
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
