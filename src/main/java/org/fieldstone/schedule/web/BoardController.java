package org.fieldstone.schedule.web;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitChanges;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a drop on the day board does, through the one write path like the visit form: a visit dropped at another
 * time and/or in another technician's lane is rescheduled (keeping its length) and reassigned if it is still at the
 * version the board showed; a job dropped from the "Unscheduled jobs" panel (or booked at its suggested slot) gets a
 * visit. Answers JSON for board.js: the outcome in words for the page's live region and the warnings (double-booked,
 * outside working hours); a stale drop says who changed the visit and what, and changes nothing.
 */
@RestController
class BoardController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

    private final Jobs jobs;
    private final Visits visits;
    private final Team team;
    private final Companies companies;
    private final VisitHistory history;
    private final MessageSource messages;

    BoardController(Jobs jobs, Visits visits, Team team, Companies companies, VisitHistory history, MessageSource messages) {
        this.jobs = jobs;
        this.visits = visits;
        this.team = team;
        this.companies = companies;
        this.history = history;
        this.messages = messages;
    }

    /**
     * Moves a visit to {@code start} (local to the company, e.g. {@code 2026-12-10T10:15}), keeping its length, and
     * from lane {@code from} to lane {@code to} (user ids; empty: the Unassigned lane): the technician of the lane it
     * left is replaced by the one of the lane it was dropped in, other assignees stay.
     */
    @PostMapping("/c/{slug}/schedule/board/visits/{id}")
    ResponseEntity<Map<String, Object>> move(Actor actor, @PathVariable String id,
                                             @RequestParam(defaultValue = "") String start,
                                             @RequestParam(defaultValue = "") String from,
                                             @RequestParam(defaultValue = "") String to,
                                             @RequestParam(required = false) Long version) {
        actor.require(Permission.JOBS_ASSIGN);
        Visit visit = visits.visit(actor, id);
        ZoneId zone = companies.timeZone(actor.tenant());
        Job job = jobs.get(actor, visit.jobId());
        try {
            if (version == null) {
                throw new InvalidInput("version", Message.of("schedule.refused.form-version"));
            }
            LocalDateTime begin = localTime(start);
            LocalDateTime end = begin.plus(Duration.between(visit.startsAt(), visit.endsAt()));
            Change<List<UserId>> who = from.equals(to) ? Change.keep() : Change.to(reassigned(visit.assignees(), from, to));
            Scheduled saved = visits.updateVisit(actor, id, version, new VisitChanges(
                    Change.to(ScheduleController.LOCAL.format(begin)), Change.to(ScheduleController.LOCAL.format(end)), who),
                    VisitChanges.Scope.THIS);
            return ok(actor, saved, zone, "schedule.board.moved", job.number());
        } catch (InvalidInput e) {
            return answer(HttpStatus.BAD_REQUEST, "refused", String.join(" ", e.fieldErrors(messages).values()), List.of());
        } catch (VersionConflict e) {
            Visit now = visits.visit(actor, id);
            return answer(HttpStatus.CONFLICT, "stale", stale(actor, now, zone), List.of());
        } catch (Conflict e) {
            return answer(HttpStatus.CONFLICT, "refused", e.message(messages), List.of());
        }
    }

    /**
     * Gives a job a visit from {@code start} for {@code minutes} (or to {@code end}), with the lane's technician
     * ({@code to}; empty: nobody). board.js asks for JSON; the "Book it" form of a suggested slot is answered with
     * the day of the new visit (post/redirect/get).
     */
    @PostMapping("/c/{slug}/schedule/board/jobs/{jobId}/visits")
    ResponseEntity<Map<String, Object>> book(Actor actor, @PathVariable String slug, @PathVariable String jobId,
                                             @RequestParam(defaultValue = "") String start,
                                             @RequestParam(defaultValue = "") String end,
                                             @RequestParam(defaultValue = "60") int minutes,
                                             @RequestParam(defaultValue = "") String to,
                                             @RequestHeader(name = "Accept", defaultValue = "") String accept) {
        actor.require(Permission.JOBS_ASSIGN);
        Job job = jobs.get(actor, jobId);
        ZoneId zone = companies.timeZone(actor.tenant());
        boolean json = accept.contains("application/json");
        try {
            LocalDateTime begin = localTime(start);
            LocalDateTime finish = end.isBlank() ? begin.plusMinutes(Math.max(15, Math.min(minutes, 24 * 60))) : localTime(end);
            List<UserId> who = to.isBlank() ? List.of() : List.of(userId(to));
            Scheduled added = visits.addVisit(actor, jobId, new NewVisit(ScheduleController.LOCAL.format(begin),
                    ScheduleController.LOCAL.format(finish), who));
            if (!json) {
                String day = added.visit().startsAt().atZone(zone).toLocalDate().toString();
                return ResponseEntity.status(HttpStatus.SEE_OTHER).location(UriComponentsBuilder
                        .fromPath("/c/{slug}/schedule").queryParam("date", day).queryParam("booked", job.number())
                        .buildAndExpand(slug).toUri()).build();
            }
            return ok(actor, added, zone, "schedule.board.booked", job.number());
        } catch (InvalidInput | Conflict e) {
            if (!json) {
                throw e;
            }
            String message = e instanceof InvalidInput i ? String.join(" ", i.fieldErrors(messages).values()) : e.message(messages);
            return answer(e instanceof InvalidInput ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT, "refused", message, List.of());
        }
    }

    private ResponseEntity<Map<String, Object>> ok(Actor actor, Scheduled saved, ZoneId zone, String code, String number) {
        List<String> warnings = saved.warnings().stream().map(w -> w.message().resolve(messages)).toList();
        Map<String, Object> body = body("saved", messages.getMessage(code,
                new Object[] {number, describe(actor, saved.visit(), zone)}, LocaleContextHolder.getLocale()), warnings);
        body.put("visit", saved.visit().id());
        body.put("version", saved.visit().version());
        return ResponseEntity.ok(body);
    }

    private ResponseEntity<Map<String, Object>> answer(HttpStatus status, String outcome, String message, List<String> warnings) {
        return ResponseEntity.status(status).body(body(outcome, message, warnings));
    }

    private static Map<String, Object> body(String outcome, String message, List<String> warnings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome);
        body.put("message", message);
        body.put("warnings", warnings);
        return body;
    }

    /** "Anna Meier changed this visit at 21:40 (the time, who goes): it is now Tue 8 Dec 10:00–11:00 · Bob." */
    private String stale(Actor actor, Visit now, ZoneId zone) {
        var locale = LocaleContextHolder.getLocale();
        String current = describe(actor, now, zone);
        return history.lastChange(actor, now.id()).map(e -> messages.getMessage("schedule.board.stale",
                        new Object[] {who(e), ScheduleController.TIME.format(e.at().atZone(zone)), what(e), current}, locale))
                .orElseGet(() -> messages.getMessage("schedule.board.stale.unknown", new Object[] {current}, locale));
    }

    private String who(AuditEntry e) {
        return e.actorName() != null ? e.actorName()
                : messages.getMessage("schedule.board.someone", null, LocaleContextHolder.getLocale());
    }

    /** The changed fields in words: the time, who goes, the status (others as "details"). */
    private String what(AuditEntry e) {
        var locale = LocaleContextHolder.getLocale();
        List<String> what = new ArrayList<>();
        for (AuditRecord.Change c : e.changes()) {
            String key = switch (c.field()) {
                case "starts_at", "ends_at" -> "schedule.board.what.time";
                case "assignees" -> "schedule.board.what.assignees";
                case "status" -> "schedule.board.what.status";
                default -> "schedule.board.what.other";
            };
            String word = messages.getMessage(key, null, locale);
            if (!what.contains(word)) {
                what.add(word);
            }
        }
        return what.isEmpty() ? messages.getMessage("schedule.board.what.other", null, locale) : String.join(", ", what);
    }

    /** "Tue 8 Dec 10:00–11:00 · Anna Meier" (or · Unassigned). */
    private String describe(Actor actor, Visit v, ZoneId zone) {
        var locale = LocaleContextHolder.getLocale();
        ZonedDateTime start = v.startsAt().atZone(zone);
        Map<String, String> names = new LinkedHashMap<>();
        if (!v.assignees().isEmpty() && actor.can(Permission.TEAM_VIEW)) {
            for (User u : team.list(actor, Page.request(0, 200)).items()) {
                names.put(u.id().toString(), u.name());
            }
        }
        String who = v.assignees().isEmpty() ? messages.getMessage("schedule.unassigned", null, locale)
                : v.assignees().stream().map(u -> names.getOrDefault(u.toString(), u.toString())).collect(Collectors.joining(", "));
        return WHEN.withLocale(locale).format(start) + "–" + ScheduleController.TIME.format(v.endsAt().atZone(zone)) + " · " + who;
    }

    static List<UserId> reassigned(List<UserId> assignees, String from, String to) {
        List<UserId> result = new ArrayList<>(assignees);
        if (!from.isBlank()) {
            result.remove(userId(from));
        }
        if (!to.isBlank()) {
            UserId target = userId(to);
            if (!result.contains(target)) {
                result.add(target);
            }
        }
        return result;
    }

    private static UserId userId(String text) {
        try {
            return UserId.parse(text.strip());
        } catch (RuntimeException e) {
            throw new InvalidInput("to", Message.of("schedule.refused.user-id"));
        }
    }

    private static LocalDateTime localTime(String text) {
        try {
            return LocalDateTime.parse(text.strip(), ScheduleController.LOCAL);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("start", Message.of("schedule.board.refused.start"));
        }
    }
}
