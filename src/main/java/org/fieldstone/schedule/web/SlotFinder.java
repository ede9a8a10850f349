package org.fieldstone.schedule.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The "next available slot" for a job: the first start, on a quarter hour from {@code now} on, at which one of the
 * suitable technicians has {@code length} free inside the working hours of a working day. The earliest start wins;
 * at the same start the technician named first (the job's own assignee before anyone else). A plain calculation over
 * the visits already read for the whole horizon, so the board asks the database once for every job in its panel.
 */
final class SlotFinder {

    /** How far ahead a slot is looked for. */
    static final int HORIZON_DAYS = 14;
    private static final int STEP_MINUTES = 15;

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime dayStart;
    private final LocalTime dayEnd;

    SlotFinder(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime dayStart, LocalTime dayEnd) {
        this.zone = zone;
        this.workingDays = Set.copyOf(workingDays);
        this.dayStart = dayStart;
        this.dayEnd = dayEnd;
    }

    /** A time that is taken: a visit of {@code userId} (not cancelled) from {@code start} to {@code end}. */
    record Busy(String userId, Instant start, Instant end) {
    }

    /** A free slot of a technician. */
    record Slot(String userId, Instant start, Instant end) {
    }

    /**
     * The first slot of {@code length} for one of {@code candidates} (in order of preference), or empty when none is
     * free within {@link #HORIZON_DAYS} days or the length does not fit in a working day.
     */
    Optional<Slot> first(Instant now, Duration length, List<String> candidates, List<Busy> busy) {
        if (candidates.isEmpty() || length.isNegative() || length.isZero()
                || Duration.between(dayStart, dayEnd).compareTo(length) < 0) {
            return Optional.empty();
        }
        Map<String, List<Busy>> byUser = new java.util.HashMap<>();
        for (Busy b : busy) {
            byUser.computeIfAbsent(b.userId(), k -> new ArrayList<>()).add(b);
        }
        byUser.values().forEach(l -> l.sort(Comparator.comparing(Busy::start)));
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (int d = 0; d < HORIZON_DAYS; d++) {
            LocalDate day = today.plusDays(d);
            if (!workingDays.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant open = day.atTime(dayStart).atZone(zone).toInstant();
            Instant close = day.atTime(dayEnd).atZone(zone).toInstant();
            Instant from = open.isBefore(now) ? roundUp(now) : open;
            Slot best = null;
            for (String user : candidates) {
                Optional<Instant> start = firstGap(from, close, length, byUser.getOrDefault(user, List.of()));
                if (start.isPresent() && (best == null || start.get().isBefore(best.start()))) {
                    best = new Slot(user, start.get(), start.get().plus(length));
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** The first quarter-hour start in [from, close - length] that overlaps none of {@code taken} (sorted by start). */
    private static Optional<Instant> firstGap(Instant from, Instant close, Duration length, List<Busy> taken) {
        Instant start = from;
        while (!start.plus(length).isAfter(close)) {
            Instant end = start.plus(length);
            Instant blockedUntil = null;
            for (Busy b : taken) {
                if (b.start().isBefore(end) && b.end().isAfter(start)) {
                    blockedUntil = blockedUntil == null || b.end().isAfter(blockedUntil) ? b.end() : blockedUntil;
                }
            }
            if (blockedUntil == null) {
                return Optional.of(start);
            }
            start = roundUp(blockedUntil);
        }
        return Optional.empty();
    }

    /** The next quarter hour at or after {@code t} (of the wall clock in whole-hour-offset zones). */
    static Instant roundUp(Instant t) {
        long seconds = t.getEpochSecond();
        long step = STEP_MINUTES * 60L;
        long rounded = t.getNano() == 0 && seconds % step == 0 ? seconds : (Math.floorDiv(seconds, step) + 1) * step;
        return Instant.ofEpochSecond(rounded);
    }
}
