package org.fieldstone.jobs.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Warning;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.UserId;
import org.springframework.context.MessageSource;

/** A visit as the API answers it: times with their offset in the company's time zone, and its warnings. */
record VisitJson(String id, String jobId, String start, String end, List<String> assignees, String status,
                 String enRouteAt, String startedAt, String finishedAt, Long timeOnSiteMinutes, boolean recurring,
                 boolean detached, long version, List<WarningJson> warnings) {

    /** The schedule answers at most 62 days at a time; windows of a job's visits stay below it. */
    private static final Duration WINDOW = Duration.ofDays(60);

    /** {@code messages} resolves each warning in the request's locale. */
    static VisitJson of(Visit v, ZoneId zone, List<Warning> warnings, MessageSource messages) {
        return new VisitJson(v.id(), v.jobId(), time(v.startsAt(), zone), time(v.endsAt(), zone),
                v.assignees().stream().map(UserId::toString).toList(), v.status().name(), time(v.enRouteAt(), zone),
                time(v.startedAt(), zone), time(v.finishedAt(), zone), v.timeOnSite().map(Duration::toMinutes).orElse(null),
                v.isRecurring(), v.detached(), v.version(), warnings.stream().map(w -> WarningJson.of(w, messages)).toList());
    }

    static VisitJson of(Scheduled s, ZoneId zone, MessageSource messages) {
        return of(s.visit(), zone, s.warnings(), messages);
    }

    static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    /**
     * The warnings of visits read on their own: what the schedule computes for them (only it sees every visit they
     * could conflict with), read window by window over their span.
     */
    static Map<String, List<Warning>> warnings(VisitCalendar calendar, Actor actor, List<Visit> visits) {
        Map<String, List<Warning>> warnings = new HashMap<>();
        if (visits.isEmpty()) {
            return warnings;
        }
        Instant from = visits.stream().map(Visit::startsAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = visits.stream().map(Visit::endsAt).max(Comparator.naturalOrder()).orElseThrow();
        List<String> wanted = new ArrayList<>(visits.stream().map(Visit::id).toList());
        while (from.isBefore(end)) {
            Instant to = from.plus(WINDOW).isBefore(end) ? from.plus(WINDOW) : end;
            for (Scheduled s : calendar.schedule(actor, from, to, Optional.empty(), Optional.empty())) {
                if (wanted.contains(s.visit().id())) {
                    warnings.putIfAbsent(s.visit().id(), s.warnings());
                }
            }
            from = to;
        }
        return warnings;
    }

    record WarningJson(String code, String message, String userId, String otherVisitId) {
        static WarningJson of(Warning w, MessageSource messages) {
            return new WarningJson(w.code(), w.message().resolve(messages), w.userId(), w.otherVisitId());
        }
    }
}
