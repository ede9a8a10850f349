package org.fieldstone.ops.status;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TooManyRequests;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public status page (no login, no company's data): components with their state now and over 90 days, incidents
 * with their updates, as HTML (works without JavaScript), JSON and Atom; email subscriptions with double opt-in.
 * Confirm and unsubscribe links show a button that posts: a mail scanner following the link changes nothing.
 */
@Controller
class StatusController {

    private final Incidents incidents;
    private final StatusSubscribers subscribers;
    private final MessageSource messages;
    private final Clock clock;
    private final String base;

    StatusController(Incidents incidents, StatusSubscribers subscribers, MessageSource messages, Clock clock,
                     @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String base) {
        this.incidents = incidents;
        this.subscribers = subscribers;
        this.messages = messages;
        this.clock = clock;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** {@code /status.json}: the documented shape (README, "Status page"). */
    record StatusJson(String updated, String status, List<ComponentJson> components, List<IncidentJson> incidents) {
    }

    record ComponentJson(String name, String state, List<DayJson> history) {
    }

    record DayJson(String day, String state) {
    }

    record IncidentJson(long id, String title, List<String> components, String state, boolean open, String openedAt,
                        String resolvedAt, List<UpdateJson> updates) {
    }

    record UpdateJson(String at, String kind, String state, String message) {
    }

    /** One row of the page's component table. */
    record ComponentRow(StatusComponent component, ComponentState state, List<HistoryBars.Day> days) {
    }

    @GetMapping("/status")
    String page(Model model) {
        View view = view();
        model.addAttribute("rows", view.rows());
        model.addAttribute("overall", view.overall());
        model.addAttribute("incidents", view.incidents());
        model.addAttribute("days", HistoryBars.DAYS);
        return "status/page";
    }

    @GetMapping(value = "/status.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    StatusJson json() {
        View view = view();
        return new StatusJson(Instant.now(clock).toString(), view.overall().key(),
                view.rows().stream().map(r -> new ComponentJson(r.component().key(), r.state().key(),
                        r.days().stream().map(d -> new DayJson(d.day().toString(), d.worst().key())).toList())).toList(),
                view.incidents().stream().map(i -> new IncidentJson(i.id(), i.title(),
                        i.components().stream().map(StatusComponent::key).toList(),
                        i.open() ? i.state().key() : ComponentState.OPERATIONAL.key(), i.open(), i.openedAt().toString(),
                        i.resolvedAt() == null ? null : i.resolvedAt().toString(),
                        i.updates().stream().map(u -> new UpdateJson(u.at().toString(), u.kind().key(), u.state().key(),
                                u.message())).toList())).toList());
    }

    @GetMapping("/status.atom")
    ResponseEntity<String> atom() {
        String title = messages.getMessage("status.title", null, java.util.Locale.ENGLISH);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
                .body(AtomFeed.render(base, title, view().incidents(), clock.instant()));
    }

    @PostMapping("/status/subscribe")
    String subscribe(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
                     HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            subscribers.subscribe(email, request.getRemoteAddr());
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("email", email.length() > 254 ? "" : email);
            return page(model);
        } catch (TooManyRequests e) {
            response.setStatus(e.pageStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
            model.addAttribute("error", e.message(messages));
            return page(model);
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("error", e.message(messages));
            return page(model);
        }
        flash.addFlashAttribute("notice", "status.subscribe.sent");
        return "redirect:/status";
    }

    @GetMapping("/status/confirm")
    String confirmForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("action", "confirm");
        model.addAttribute("fields", Map.of("token", token));
        return "status/confirm";
    }

    @PostMapping("/status/confirm")
    String confirm(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model,
                   RedirectAttributes flash) {
        try {
            subscribers.confirm(token);
        } catch (NotFound e) {
            response.setStatus(404);
            model.addAttribute("error", messages.getMessage("status.confirm.invalid", null, java.util.Locale.ENGLISH));
            model.addAttribute("action", "confirm");
            model.addAttribute("fields", Map.of());
            return "status/confirm";
        }
        flash.addFlashAttribute("notice", "status.subscribe.confirmed");
        return "redirect:/status";
    }

    @GetMapping("/status/unsubscribe")
    String unsubscribeForm(@RequestParam(defaultValue = "") String s, @RequestParam(defaultValue = "") String t, Model model) {
        model.addAttribute("action", "unsubscribe");
        model.addAttribute("fields", Map.of("s", s, "t", t));
        return "status/confirm";
    }

    @PostMapping("/status/unsubscribe")
    String unsubscribe(@RequestParam(defaultValue = "") String s, @RequestParam(defaultValue = "") String t,
                       HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            subscribers.unsubscribe(s, t);
        } catch (NotFound e) {
            response.setStatus(404);
            model.addAttribute("error", messages.getMessage("status.unsubscribe.invalid", null, java.util.Locale.ENGLISH));
            model.addAttribute("action", "unsubscribe");
            model.addAttribute("fields", Map.of());
            return "status/confirm";
        }
        flash.addFlashAttribute("notice", "status.subscribe.removed");
        return "redirect:/status";
    }

    private record View(List<ComponentRow> rows, ComponentState overall, List<Incident> incidents) {
    }

    private View view() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Incident> shown = new ArrayList<>(incidents.forStatusPage());
        // open first, then the newest
        shown.sort(Comparator.comparing((Incident i) -> !i.open()).thenComparing(Incident::openedAt, Comparator.reverseOrder()));
        var bars = HistoryBars.of(today, incidents.recordedDays(today.minusDays(HistoryBars.DAYS - 1)), shown);
        var now = HistoryBars.current(shown);
        List<ComponentRow> rows = new ArrayList<>();
        ComponentState overall = ComponentState.OPERATIONAL;
        for (StatusComponent c : StatusComponent.values()) {
            rows.add(new ComponentRow(c, now.get(c), bars.get(c)));
            overall = overall.worse(now.get(c));
        }
        return new View(rows, overall, shown);
    }
}
