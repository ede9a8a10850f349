package org.fieldstone.ops.status;

import java.time.Duration;
import java.time.Instant;

/** Affected customers are notified within 72 hours of a breach being recorded (seeds 000/001). */
public final class BreachDeadline {

    public static final Duration WITHIN = Duration.ofHours(72);

    private BreachDeadline() {
    }

    public static Instant of(Instant recordedAt) {
        return recordedAt.plus(WITHIN);
    }

    /**
     * What the CLI shows: {@code 71 h 59 min left}, {@code overdue by 2 h 5 min}, or {@code met} when every owner was
     * notified before the deadline ({@code notifiedAt} the last notice, null when some are still to be notified).
     */
    public static String describe(Instant recordedAt, Instant now, Instant notifiedAt) {
        Instant deadline = of(recordedAt);
        if (notifiedAt != null) {
            return notifiedAt.isAfter(deadline) ? "notified " + hours(Duration.between(deadline, notifiedAt)) + " late"
                    : "met (notified " + hours(Duration.between(recordedAt, notifiedAt)) + " after recording)";
        }
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? "overdue by " + hours(left.negated()) : hours(left) + " left";
    }

    static String hours(Duration d) {
        long minutes = d.toMinutes();
        return (minutes / 60) + " h " + (minutes % 60) + " min";
    }
}
