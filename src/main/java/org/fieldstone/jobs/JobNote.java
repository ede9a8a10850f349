package org.fieldstone.jobs;

import java.time.Instant;

/** An entry of a job's internal notes: who wrote what, when. */
public record JobNote(String id, String jobId, String body, String authorId, String authorName, Instant createdAt) {
}
