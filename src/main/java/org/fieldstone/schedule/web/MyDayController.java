package org.fieldstone.schedule.web;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.VersionConflict;
import org.springframework.context.MessageSource;
import org.fieldstone.tenancy.Companies;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A technician's day on their phone: their visits today in order, each with the address (a maps link), the
 * client's phone (tap to call), the job's checklist and notes, and one big button for the next step — On my way,
 * Start, Finish. A stale version or a refused step (e.g. unticked required items) is said in words on the visit.
 * Each tap updates its stop in place (htmx) and keeps it in view; without JavaScript it posts to the page's own
 * address and comes back at the stop ({@code #stop-id}).
 */
@Controller
class MyDayController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM");

    private final Jobs jobs;
    private final Visits jobVisits;
    private final VisitCalendar calendar;
    private final Companies companies;
    private final java.time.Clock clock;

    private final MessageSource messages;

    private final org.fieldstone.pricing.Pricing pricing;

    MyDayController(Jobs jobs, Visits jobVisits, VisitCalendar calendar, Companies companies, java.time.Clock clock,
                    MessageSource messages, org.fieldstone.pricing.Pricing pricing) {
        this.pricing = pricing;
        this.messages = messages;
        this.clock = clock;
        this.jobs = jobs;
        this.jobVisits = jobVisits;
        this.calendar = calendar;
        this.companies = companies;
    }

    @GetMapping("/c/{slug}/my-day")
    String myDay(Actor actor, Model model) {
        page(actor, model, null, null, null);
        return "schedule/my-day";
    }

    /**
     * A step on a visit (en-route, start, finish), posted to the page's own address so that a refusal is shown
     * under it (a reload never meets a POST-only URL). With htmx the answer is the stop alone, swapped in place so
     * the page keeps its scroll; a plain post that worked is redirected back to the stop ({@code #stop-id}).
     */
    @PostMapping(path = "/c/{slug}/my-day", params = "step!=note")
    String step(Actor actor, @RequestParam(defaultValue = "") String visit, @RequestParam(defaultValue = "") String step,
                @RequestParam(required = false) Long version,
                @RequestParam(defaultValue = "") String signature, @RequestParam(defaultValue = "") String signedBy,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                HttpServletResponse response) {
        try {
            if (version == null) {
                throw new InvalidInput("version", Message.of("schedule.refused.form-version"));
            }
            switch (step) {
                case "en-route" -> jobVisits.enRoute(actor, visit, version);
                case "start" -> jobVisits.start(actor, visit, version);
                // the customer's signature, when drawn: checked to be a small PNG before anything is stored
                case "finish" -> jobVisits.finish(actor, visit, version, org.fieldstone.jobs.NewSignature.of(signature, signedBy));
                default -> throw new InvalidInput("step", Message.of("myday.refused.step"));
            }
            return answer(actor, model, response, htmx, visit, HttpServletResponse.SC_OK, null, null);
        } catch (VersionConflict e) {
            return answer(actor, model, response, htmx, visit, e.pageStatus(), "stale", null);
        } catch (Conflict e) {
            return answer(actor, model, response, htmx, visit, e.pageStatus(), "refused", e.message(messages));
        } catch (InvalidInput e) {
            return answer(actor, model, response, htmx, visit, e.pageStatus(), "refused", e.message(messages));
        }
    }

    /** A note on the job of a stop, posted like a step. */
    @PostMapping(path = "/c/{slug}/my-day", params = "step=note")
    String addNote(Actor actor, @RequestParam(defaultValue = "") String visit, @RequestParam(defaultValue = "") String job,
                   @RequestParam(defaultValue = "") String body,
                   @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                   HttpServletResponse response) {
        try {
            jobs.addNote(actor, job, body);
            return answer(actor, model, response, htmx, visit, HttpServletResponse.SC_OK, null, null);
        } catch (InvalidInput e) {
            return answer(actor, model, response, htmx, visit, e.pageStatus(), "refused", e.message(messages));
        }
    }

    /** After a step or note: the stop alone for htmx; else a redirect to it, or the page with the refusal on it. */
    private String answer(Actor actor, Model model, HttpServletResponse response, String htmx, String visitId,
                          int status, String problem, String refusal) {
        String stop = visitId.matches("[0-9A-Za-z-]{1,64}") ? visitId : "";
        if (htmx == null && problem == null) {
            return stop.isEmpty() ? "redirect:/c/{slug}/my-day" : "redirect:/c/{slug}/my-day#stop-" + stop;
        }
        response.setStatus(status);
        model.addAttribute("refusal", refusal);
        if (htmx == null) {
            page(actor, model, stop, problem, null);
            return "schedule/my-day";
        }
        page(actor, model, stop, problem, stop);
        return "schedule/my-day :: stop";
    }

    /** The day's stops, or only {@code only} (a stop answered alone); {@code problemVisit} shows {@code problem}. */
    private void page(Actor actor, Model model, String problemVisit, String problem, String only) {
        // New quote as the company's money policy allows the technician (a company may take quotes from its users)
        model.addAttribute("canQuote", pricing.withMoneyPolicy(actor).can(org.fieldstone.shared.Permission.QUOTES_WRITE));
        ZoneId zone = companies.timeZone(actor.tenant());
        List<Stop> stops = new ArrayList<>();
        for (Scheduled s : calendar.day(actor, Optional.empty())) {
            if (only != null && !s.visit().id().equals(only)) {
                continue;
            }
            Job job = jobs.get(actor, s.job().id());
            Visit v = s.visit();
            stops.add(new Stop(s, job, TIME.format(v.startsAt().atZone(zone)), TIME.format(v.endsAt().atZone(zone)),
                    maps(s.job().address()), v.timeOnSite().map(this::duration).orElse(null),
                    jobs.notes(actor, job.id()).stream().map(n -> new Note(
                            DateTimeFormatter.ofPattern("HH:mm d.M.").format(n.createdAt().atZone(zone)), n.authorName(),
                            n.body())).toList(),
                    v.id().equals(problemVisit) ? problem : null));
        }
        model.addAttribute("stops", stops);
        model.addAttribute("day", DAY.format(LocalDate.ofInstant(clock.instant(), zone)));
        model.addAttribute("canWrite", actor.can(Permission.JOBS_WRITE));
    }

    private static String maps(String address) {
        return address == null || address.isBlank() ? null
                : "https://www.openstreetmap.org/search?query=" + URLEncoder.encode(address, StandardCharsets.UTF_8);
    }

    /** Time on site like "1 h 05 min" ({@code jobs.duration}), in the request's locale. */
    private String duration(Duration d) {
        long minutes = d.toMinutes();
        return Message.of("jobs.duration", minutes / 60, minutes % 60).resolve(messages);
    }

    /** One visit of the day with its job; {@code problem}: "stale" or "refused" after a step that did not happen. */
    record Stop(Scheduled scheduled, Job job, String start, String end, String mapsLink, String timeOnSite,
                List<Note> notes, String problem) {
    }

    record Note(String at, String author, String body) {
    }
}
