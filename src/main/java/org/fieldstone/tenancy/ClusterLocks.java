package org.fieldstone.tenancy;

import java.time.Duration;

/**
 * Scheduled work that runs on one node at a time across every node serving the same control plane (ShedLock, a lock
 * row in the control plane). A node that finds the job's lock held skips its turn; a lock left by a node that died
 * expires after {@code atMostFor}. Times are the server's wall clock, never the application's {@code Clock}: a lock
 * must expire in real time.
 *
 * <p>Jobs call this from their {@code @Scheduled} entry point only; the work itself stays callable directly (tests,
 * CLI commands).
 */
public interface ClusterLocks {

    /** Runs {@code work} unless another node or thread holds the lock called {@code name}; true if it ran. */
    boolean runOnce(String name, Duration atMostFor, Runnable work);
}
