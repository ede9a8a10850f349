package org.fieldstone.notifications.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a notification may go: past the company's quiet hours, and after a failed attempt, past its backoff. */
final class DeliveryTimes {

    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofMinutes(30);

    private DeliveryTimes() {
    }

    /**
     * {@code at}, or the end of the quiet hours {@code [start, end)} in {@code zone} when {@code at} falls into them.
     * A window may cross midnight (21:00–08:00: 22:00 waits until 08:00 the next morning, 03:00 until 08:00 the same
     * morning); start equal to end means no quiet hours.
     */
    static Instant pastQuietHours(Instant at, ZoneId zone, LocalTime start, LocalTime end) {
        if (start.equals(end)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        boolean crossesMidnight = start.isAfter(end);
        if (crossesMidnight) {
            if (!time.isBefore(start)) {
                return day.plusDays(1).atTime(end).atZone(zone).toInstant();
            }
            if (time.isBefore(end)) {
                return day.atTime(end).atZone(zone).toInstant();
            }
            return at;
        }
        if (!time.isBefore(start) && time.isBefore(end)) {
            return day.atTime(end).atZone(zone).toInstant();
        }
        return at;
    }

    /** The wait after the {@code attempts}-th failed attempt: 30 s, doubling, at most 30 min. */
    static Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(16, attempts - 1));
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }
}
