package org.fieldstone.ops.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Retention tiers (grandfather-father-son): the newest backup of each of the last {@code hourly} hours that have one,
 * of the last {@code daily} days and of the last {@code monthly} months; the newest backup of all is always kept.
 */
record Retention(int hourly, int daily, int monthly) {

    /** Which of {@code backups} to keep; the others may be removed. */
    <T> Set<T> keep(List<T> backups, Function<T, Instant> takenAt) {
        List<T> newestFirst = backups.stream().sorted(Comparator.comparing(takenAt).reversed()).toList();
        Set<T> keep = new LinkedHashSet<>();
        if (!newestFirst.isEmpty()) {
            keep.add(newestFirst.getFirst());
        }
        keepNewestPer(newestFirst, takenAt, t -> t.truncatedTo(ChronoUnit.HOURS).toString(), hourly, keep);
        keepNewestPer(newestFirst, takenAt, t -> t.atZone(ZoneOffset.UTC).toLocalDate().toString(), daily, keep);
        keepNewestPer(newestFirst, takenAt, t -> t.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).toString(), monthly, keep);
        return keep;
    }

    private static <T> void keepNewestPer(List<T> newestFirst, Function<T, Instant> takenAt, Function<Instant, String> period,
                                          int periods, Set<T> keep) {
        Set<String> seen = new LinkedHashSet<>();
        for (T backup : newestFirst) {
            if (seen.size() >= periods) {
                return;
            }
            if (seen.add(period.apply(takenAt.apply(backup)))) {
                keep.add(backup);
            }
        }
    }
}
