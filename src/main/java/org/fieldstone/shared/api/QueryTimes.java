package org.fieldstone.shared.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * A point in time as a query parameter ({@code ?from=&to=}): an ISO date-time with an offset, or a local date-time
 * or date read in the company's time zone. A date as the start of a range is its first moment; as the end, the
 * range includes that whole day.
 */
public final class QueryTimes {

    private QueryTimes() {
    }

    /** The start of a range: a date is its midnight. Null when {@code text} is absent. */
    public static Instant from(String field, String text, ZoneId zone) {
        return parse(field, text, zone, false);
    }

    /** The (exclusive) end of a range: a date includes that day, so it is the next day's midnight. */
    public static Instant to(String field, String text, ZoneId zone) {
        return parse(field, text, zone, true);
    }

    /**
     * A moment, not a day: an ISO date-time with an offset, or a local date-time read in {@code zone}. Null when
     * {@code text} is absent.
     *
     * @throws InvalidInput with {@code refusal} for {@code field} when it is neither
     */
    public static Instant at(String field, String text, ZoneId zone, Message refusal) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant at = dateTime(text.strip(), zone);
        if (at == null) {
            throw new InvalidInput(field, refusal);
        }
        return at;
    }

    /** The instant of an ISO date-time with an offset or a local one in {@code zone}; null when it is neither. */
    private static Instant dateTime(String t, ZoneId zone) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException notWithOffset) {
            // a local date-time, below
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException notLocal) {
            return null;
        }
    }

    private static Instant parse(String field, String text, ZoneId zone, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() <= 40) {
            Instant at = dateTime(t, zone);
            if (at != null) {
                return at;
            }
            try {
                LocalDate date = LocalDate.parse(t);
                return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            } catch (DateTimeException notADate) {
                // refused below
            }
        }
        throw new InvalidInput(field, Message.of("api.refused.date-time"));
    }
}
