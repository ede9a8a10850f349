package org.fieldstone.shared;

/**
 * The record changed since the caller read it (optimistic concurrency, seed 000): nothing was written.
 * The API answers 412 Precondition Failed; the dashboard shows the other change beside the user's.
 */
public final class VersionConflict extends DomainException {

    private final long currentVersion;

    public VersionConflict(String what, long currentVersion) {
        super("Someone else changed this " + what + " meanwhile (it is now at version " + currentVersion
                + "). Nothing was saved: review their change and try again.");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
