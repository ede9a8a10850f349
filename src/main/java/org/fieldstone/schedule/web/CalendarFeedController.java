package org.fieldstone.schedule.web;

import org.fieldstone.identity.SignedIn;
import org.fieldstone.schedule.CalendarFeeds;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
    String page(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("since", feeds.subscribedSince(me.actor()).orElse(null));
        return "schedule/subscription";
    }

    @PostMapping("/c/{slug}/schedule/subscription")
    String subscribe(@AuthenticationPrincipal SignedIn me, Model model) {
        String token = feeds.subscribe(me.actor());
        // shown this once: only the hash is kept
        model.addAttribute("link", ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/c/{slug}/calendar/{token}.ics").buildAndExpand(me.companySlug(), token).toUriString());
        model.addAttribute("since", feeds.subscribedSince(me.actor()).orElse(null));
        return "schedule/subscription";
    }

    @PostMapping("/c/{slug}/schedule/subscription/revoke")
    String revoke(@AuthenticationPrincipal SignedIn me) {
        feeds.revoke(me.actor());
        return "redirect:/c/" + me.companySlug() + "/schedule/subscription?revoked";
    }
}
