package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.fieldstone.identity.ConnectedApps;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Connected apps: every user sees and revokes the access they gave; admins ({@code settings:manage}) also
 * see everyone's, and register and remove the apps (OAuth clients).
 */
@Controller
class ConnectedAppsController {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ConnectedApps apps;
    private final MessageSource messages;
    private final String publicUrl;

    ConnectedAppsController(ConnectedApps apps, MessageSource messages,
                            @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl) {
        this.apps = apps;
        this.messages = messages;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    record GrantRow(ConnectedApps.Grant grant, String lastUsed) {
    }

    @GetMapping("/c/{slug}/settings/connected-apps")
    String page(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", "revoked".equals(notice) ? "oauth.apps.grant.revoked"
                : "removed".equals(notice) ? "oauth.apps.client.removed" : null);
        return render(me, model);
    }

    @PostMapping("/c/{slug}/settings/connected-apps")
    String register(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String name,
                    @RequestParam(defaultValue = "") String redirectUris,
                    @RequestParam(defaultValue = "false") boolean confidential, Model model, HttpServletResponse response) {
        try {
            List<String> uris = Arrays.stream(redirectUris.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            model.addAttribute("registered", apps.register(me.actor(), name, uris, confidential));
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("name", name);
            model.addAttribute("redirectUris", redirectUris);
        }
        return render(me, model);
    }

    @PostMapping("/c/{slug}/settings/connected-apps/{id}/remove")
    String remove(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        apps.remove(me.actor(), id);
        return "redirect:/c/" + me.companySlug() + "/settings/connected-apps?notice=removed";
    }

    @PostMapping("/c/{slug}/settings/connected-apps/grants/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        apps.revoke(me.actor(), id);
        return "redirect:/c/" + me.companySlug() + "/settings/connected-apps?notice=revoked";
    }

    private String render(SignedIn me, Model model) {
        boolean admin = me.actor().can(Permission.SETTINGS_MANAGE);
        model.addAttribute("admin", admin);
        model.addAttribute("grants", apps.grants(me.actor()).stream()
                .map(g -> new GrantRow(g, g.lastUsedAt() == null ? null : MINUTE.format(g.lastUsedAt()))).toList());
        model.addAttribute("clients", admin ? apps.list(me.actor()) : List.of());
        model.addAttribute("issuer", publicUrl + "/c/" + me.companySlug());
        return "identity/connected-apps";
    }
}
