package org.fieldstone.jobs;

import java.time.Instant;
import java.util.Optional;
import org.fieldstone.shared.UserId;

/** An item of a job's checklist; a required one must be ticked before the job can be completed. */
public record ChecklistItem(String id, int position, String text, boolean required, boolean done,
                            Optional<UserId> doneBy, Instant doneAt, long version) {
}
