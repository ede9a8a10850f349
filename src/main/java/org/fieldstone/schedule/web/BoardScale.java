package org.fieldstone.schedule.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The day board's time axis in minutes of the wall clock: the working day, widened to whole hours around any visit
 * outside it, and where a visit sits on it. A visit's place is its start's minute of the day and its length in
 * minutes (cut at midnight when it runs into the next day); board.js turns minutes into pixels, so a card's height
 * is its duration, minute-exact. On a day with a daylight-saving change the wall-clock minutes are what is shown.
 *
 * @param startMinute the axis' first minute (a whole hour)
 * @param endMinute   the axis' last minute (a whole hour, at most 24:00)
 */
record BoardScale(int startMinute, int endMinute) {

    static final int DAY = 24 * 60;

    /** The working day from {@code dayStart} to {@code dayEnd}, widened to hold every one of {@code places}. */
    static BoardScale of(LocalTime dayStart, LocalTime dayEnd, List<Place> places) {
        int start = dayStart.getHour() * 60;
        int end = Math.max(start + 60, ceilHour(dayEnd.getHour() * 60 + dayEnd.getMinute()));
        for (Place p : places) {
            start = Math.min(start, p.startMinute() / 60 * 60);
            end = Math.max(end, ceilHour(p.startMinute() + Math.max(p.minutes(), 1)));
        }
        return new BoardScale(start, Math.min(end, DAY));
    }

    /** Where a visit from {@code start} to {@code end} sits on {@code day}'s board (both as instants). */
    static Place place(LocalDate day, Instant start, Instant end, ZoneId zone) {
        var local = start.atZone(zone);
        int minute = local.toLocalDate().isBefore(day) ? 0 : local.getHour() * 60 + local.getMinute();
        Instant midnight = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant shownEnd = end.isAfter(midnight) ? midnight : end;
        int minutes = (int) Math.max(0, Duration.between(start, shownEnd).toMinutes());
        return new Place(minute, Math.min(minutes, DAY - minute));
    }

    /** The hours the axis labels, as minutes of the day. */
    List<Integer> hours() {
        return java.util.stream.IntStream.iterate(startMinute, m -> m < endMinute, m -> m + 60).boxed().toList();
    }

    private static int ceilHour(int minute) {
        return (minute + 59) / 60 * 60;
    }

    /** A visit on the board: its start's minute of the day and how many minutes it lasts on that day. */
    record Place(int startMinute, int minutes) {
    }
}
