package org.fieldstone.schedule.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Warning;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.api.QueryTimes;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/schedule}: the visits of a range with a summary of their jobs and their warnings, and the caller's
 * own visits today. Times are answered with their offset in the company's time zone; dates and local times in the
 * query are read in it. Only what the caller may see is listed.
 */
@RestController
@RequestMapping("/api/v1/schedule")
@SecurityRequirement(name = "apiKey")
class ScheduleApi {

    private final VisitCalendar calendar;
    private final Companies companies;
    private final MessageSource messages;

    ScheduleApi(VisitCalendar calendar, Companies companies, MessageSource messages) {
        this.messages = messages;
        this.calendar = calendar;
        this.companies = companies;
    }

    @Operation(summary = "Visits starting or going on in [from, to) by start, at most " + VisitCalendar.MAX_RANGE_DAYS
            + " days; from/to are ISO dates "
            + "(to includes its day) or date-times; narrowed to an assignee (user id) and/or a crew (jobs:read)")
    @GetMapping
    List<EntryJson> schedule(Actor actor, @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to,
                             @RequestParam(required = false) String assignee,
                             @RequestParam(required = false) String crew) {
        ZoneId zone = zone(actor);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (from == null || from.isBlank()) {
            errors.add("from", Message.of("schedule.refused.from-required"));
        }
        if (to == null || to.isBlank()) {
            errors.add("to", Message.of("schedule.refused.to-required"));
        }
        Instant start = errors.check(() -> QueryTimes.from("from", from, zone));
        Instant end = errors.check(() -> QueryTimes.to("to", to, zone));
        UserId user = errors.check(() -> userId(assignee));
        errors.throwIfAny();
        if (Duration.between(start, end).compareTo(VisitCalendar.MAX_RANGE) > 0) {
            throw new InvalidInput("to", Message.of("schedule.refused.range-length", VisitCalendar.MAX_RANGE_DAYS));
        }
        Optional<String> crewId = crew == null || crew.isBlank() ? Optional.empty() : Optional.of(crew.strip());
        return calendar.schedule(actor, start, end, Optional.ofNullable(user), crewId).stream()
                .map(s -> EntryJson.of(s, zone, messages)).toList();
    }

    @Operation(summary = "The caller's own visits today in the company's time zone, by start (jobs:read)")
    @GetMapping("/today")
    List<EntryJson> today(Actor actor) {
        ZoneId zone = zone(actor);
        return calendar.day(actor, Optional.empty()).stream().map(s -> EntryJson.of(s, zone, messages)).toList();
    }

    private ZoneId zone(Actor actor) {
        return companies.timeZone(actor.tenant());
    }

    private static UserId userId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UserId.parse(text.strip());
        } catch (NotFound e) {
            throw new InvalidInput("assignee", Message.of("schedule.refused.user-id"));
        }
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    /** A visit as {@code /api/v1/visits/{id}} answers it, plus its job. */
    record EntryJson(String id, String jobId, String start, String end, List<String> assignees, String status,
                     String enRouteAt, String startedAt, String finishedAt, Long timeOnSiteMinutes, boolean recurring,
                     boolean detached, long version, List<WarningJson> warnings, JobJson job) {
        static EntryJson of(Scheduled s, ZoneId zone, MessageSource messages) {
            Visit v = s.visit();
            Scheduled.JobSummary j = s.job();
            return new EntryJson(v.id(), v.jobId(), time(v.startsAt(), zone), time(v.endsAt(), zone),
                    v.assignees().stream().map(UserId::toString).toList(), v.status().name(), time(v.enRouteAt(), zone),
                    time(v.startedAt(), zone), time(v.finishedAt(), zone),
                    v.timeOnSite().map(Duration::toMinutes).orElse(null), v.isRecurring(), v.detached(), v.version(),
                    s.warnings().stream().map(w -> WarningJson.of(w, messages)).toList(),
                    new JobJson(j.id(), j.number(), j.title(), j.status().name(), j.priority().name(), j.clientId(),
                            j.clientName(), j.clientPhone(), j.propertyId(), j.address(), j.crewId()));
        }
    }

    record WarningJson(String code, String message, String userId, String otherVisitId) {
        static WarningJson of(Warning w, MessageSource messages) {
            return new WarningJson(w.code(), w.message().resolve(messages), w.userId(), w.otherVisitId());
        }
    }

    record JobJson(String id, String number, String title, String status, String priority, String clientId,
                   String clientName, String clientPhone, String propertyId, String address, String crewId) {
    }
}
