package org.fieldstone.jobs.internal;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Warning;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.Message;
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
                String from = TIME.format(other.startsAt().atZone(zone));
                String to = TIME.format(other.endsAt().atZone(zone));
                Message message = number == null
                        ? Message.of("jobs.warning.double-booked-unseen", names.apply(user), from, to)
                        : Message.of("jobs.warning.double-booked", names.apply(user), from, to, number);
                warnings.add(new Warning("double-booked", message, user.toString(), number == null ? null : other.id()));
            }
        }
        if (outsideWorkingHours(visit, settings, zone)) {
            warnings.add(new Warning("outside-working-hours", Message.of("jobs.warning.outside-working-hours",
                    days(settings), settings.dayStart().toString(), settings.dayEnd().toString()), null, null));
        }
        return warnings;
    }

    static boolean outsideWorkingHours(Visit visit, WorkSettings settings, ZoneId zone) {
        ZonedDateTime start = visit.startsAt().atZone(zone);
        ZonedDateTime end = visit.endsAt().atZone(zone);
        return !settings.workingDays().contains(start.getDayOfWeek()) || !end.toLocalDate().equals(start.toLocalDate())
                || start.toLocalTime().isBefore(settings.dayStart()) || end.toLocalTime().isAfter(settings.dayEnd());
    }

    /** The working days, short, in order ("Mon, Tue, Wed"): each {@code jobs.day.MO} …, listed by {@code jobs.list}. */
    static Message days(WorkSettings settings) {
        List<DayOfWeek> days = settings.workingDays().stream().sorted().toList();
        if (days.isEmpty()) {
            return Message.of("jobs.day.none");
        }
        Message listed = day(days.getFirst());
        for (DayOfWeek day : days.subList(1, days.size())) {
            listed = Message.of("jobs.list", listed, day(day));
        }
        return listed;
    }

    private static Message day(DayOfWeek day) {
        return Message.of("jobs.day." + day.name().substring(0, 2));
    }
}
