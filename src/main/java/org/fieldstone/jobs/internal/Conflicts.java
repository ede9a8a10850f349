package org.fieldstone.jobs.internal;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Warning;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.UserId;

/**
 * What a dispatcher should know about a visit, without stopping it: a user booked twice at the same time, and
 * times outside the company's working hours (in its time zone).
 */
final class Conflicts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private Conflicts() {
    }

    /**
     * @param others     other visits that may overlap (cancelled ones are ignored)
     * @param names      a user's name for the message
     * @param jobNumbers the job number of another visit, or null when the reader may not see that job
     */
    static List<Warning> of(Visit visit, List<Visit> others, WorkSettings settings, ZoneId zone,
                            Function<UserId, String> names, Map<String, String> jobNumbers) {
        List<Warning> warnings = new ArrayList<>();
        if (!visit.status().isOpen() && visit.status() != org.fieldstone.jobs.VisitStatus.COMPLETED) {
            return warnings;
        }
        for (UserId user : visit.assignees()) {
            for (Visit other : others) {
                if (other.id().equals(visit.id()) || other.status() == org.fieldstone.jobs.VisitStatus.CANCELLED
                        || !other.assignees().contains(user)
                        || !other.startsAt().isBefore(visit.endsAt()) || !visit.startsAt().isBefore(other.endsAt())) {
                    continue;
                }
                String number = jobNumbers.get(other.jobId());
                String when = TIME.format(other.startsAt().atZone(zone)) + "–" + TIME.format(other.endsAt().atZone(zone));
                warnings.add(new Warning("double-booked", names.apply(user) + " is also booked " + when
                        + (number == null ? "" : " (" + number + ")") + ".", user.toString(), number == null ? null : other.id()));
            }
        }
        if (outsideWorkingHours(visit, settings, zone)) {
            warnings.add(new Warning("outside-working-hours", "Outside working hours (" + describe(settings) + ").", null, null));
        }
        return warnings;
    }

    static boolean outsideWorkingHours(Visit visit, WorkSettings settings, ZoneId zone) {
        ZonedDateTime start = visit.startsAt().atZone(zone);
        ZonedDateTime end = visit.endsAt().atZone(zone);
        return !settings.workingDays().contains(start.getDayOfWeek()) || !end.toLocalDate().equals(start.toLocalDate())
                || start.toLocalTime().isBefore(settings.dayStart()) || end.toLocalTime().isAfter(settings.dayEnd());
    }

    static String describe(WorkSettings settings) {
        List<String> days = settings.workingDays().stream().sorted()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList();
        return String.join(", ", days) + " " + settings.dayStart() + "–" + settings.dayEnd();
    }
}
