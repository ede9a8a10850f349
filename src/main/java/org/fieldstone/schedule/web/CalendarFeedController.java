package org.fieldstone.schedule.web;

import org.fieldstone.shared.Actor;
import org.fieldstone.schedule.CalendarFeeds;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A user's private calendar feed: the page to make or revoke its link ({@code /schedule/subscription}), and the feed
 * itself ({@code /calendar/<token>.ics}), which calendar apps fetch without a session — the token in its path is the
 * only credential, so an unknown, revoked or malformed one is simply not found.
 */
@Controller
class CalendarFeedController {

    private static final MediaType CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final CalendarFeeds feeds;

    CalendarFeedController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping("/c/{slug}/calendar/{file}")
    @ResponseBody
    ResponseEntity<String> feed(@PathVariable String slug, @PathVariable String file) {
        String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : file;
        return feeds.render(slug, token)
                .map(ics -> ResponseEntity.ok().contentType(CALENDAR).cacheControl(CacheControl.noStore()).body(ics))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/c/{slug}/schedule/subscription")
    String page(Actor actor, Model model) {
        model.addAttribute("since", feeds.subscribedSince(actor).orElse(null));
        return "schedule/subscription";
    }

    @PostMapping("/c/{slug}/schedule/subscription")
    String subscribe(Actor actor, @PathVariable String slug, Model model) {
        String token = feeds.subscribe(actor);
        // shown this once: only the hash is kept
        model.addAttribute("link", ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/c/{slug}/calendar/{token}.ics").buildAndExpand(slug, token).toUriString());
        model.addAttribute("since", feeds.subscribedSince(actor).orElse(null));
        return "schedule/subscription";
    }

    @PostMapping("/c/{slug}/schedule/subscription/revoke")
    String revoke(Actor actor) {
        feeds.revoke(actor);
        return "redirect:/c/{slug}/schedule/subscription?revoked";
    }
}
