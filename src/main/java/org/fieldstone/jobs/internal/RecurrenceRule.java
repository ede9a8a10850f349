package org.fieldstone.jobs.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** PLACEHOLDER until the recur branch is merged. */
public final class RecurrenceRule {
    public static RecurrenceRule parse(String rrule) { throw new UnsupportedOperationException(); }
    public String text() { throw new UnsupportedOperationException(); }
    public List<LocalDateTime> occurrences(LocalDateTime first, ZoneId zone, Instant from, Instant to) { throw new UnsupportedOperationException(); }
    public boolean isOccurrence(LocalDateTime first, LocalDateTime at) { throw new UnsupportedOperationException(); }
    public int countBefore(LocalDateTime first, LocalDateTime at) { throw new UnsupportedOperationException(); }
    public Optional<RecurrenceRule> endingBefore(LocalDateTime first, ZoneId zone, LocalDateTime at) { throw new UnsupportedOperationException(); }
    public RecurrenceRule continuing(LocalDateTime first, LocalDateTime at, LocalDateTime newFirst) { throw new UnsupportedOperationException(); }
    public String describe() { throw new UnsupportedOperationException(); }
}
