package org.fieldstone.jobs.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * A visit's start and end as entered: ISO date-times with an offset, or local to the company's time zone. A local
 * time skipped by a daylight-saving change moves forward by the gap; one that happens twice takes the earlier offset
 * (as {@link ZonedDateTime#of} does, and as calendar apps do).
 */
final class VisitTimes {

    static final Duration LONGEST = Duration.ofDays(14);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private VisitTimes() {
    }

    static Instant parse(String field, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(field, Message.of("jobs.refused.time-required"));
        }
        String t = text.strip();
        if (t.length() > 40) {
            throw new InvalidInput(field, Message.of("jobs.refused.time-format"));
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                instant = ZonedDateTime.of(LocalDateTime.parse(t), zone).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidInput(field, Message.of("jobs.refused.time-format"));
            }
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new InvalidInput(field, Message.of("jobs.refused.time-range"));
        }
        return instant;
    }

    /** Checks that a visit ends after it starts and lasts at most {@link #LONGEST}. */
    static void check(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new InvalidInput("end", Message.of("jobs.refused.visit-order"));
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new InvalidInput("end", Message.of("jobs.refused.visit-length"));
        }
    }
}
