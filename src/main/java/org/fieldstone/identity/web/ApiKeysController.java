package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Role;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "My API keys": create (shown once), list, revoke. */
@Controller
class ApiKeysController {

    private final ApiKeys apiKeys;
    private final org.fieldstone.identity.MultiFactor mfa;
    private final java.time.Clock clock;
    private final MessageSource messages;

    ApiKeysController(ApiKeys apiKeys, org.fieldstone.identity.MultiFactor mfa, java.time.Clock clock,
                      MessageSource messages) {
        this.messages = messages;
        this.apiKeys = apiKeys;
        this.mfa = mfa;
        this.clock = clock;
    }

    @GetMapping("/c/{slug}/account/api-keys")
    String list(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", Notices.key(notice));
        return render(me, model);
    }

    @PostMapping("/c/{slug}/account/api-keys")
    String create(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String expiresInDays,
                  Model model, HttpServletResponse response) {
        // a key outlives the session: one that skipped the second step the user has (or the company requires) makes none
        mfa.requireSatisfied(me);
        try {
            Optional<Role> keyRole = role.isBlank() ? Optional.empty() : Optional.of(Role.parse(role));
            Optional<Integer> days = Optional.empty();
            if (!expiresInDays.isBlank()) {
                try {
                    days = Optional.of(Integer.parseInt(expiresInDays.strip()));
                } catch (NumberFormatException e) {
                    throw new InvalidInput("expiresInDays", Message.of("identity.refused.key-expiry-days"));
                }
            }
            model.addAttribute("created", apiKeys.create(me.actor(), name, keyRole, days));
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("name", name);
        }
        return render(me, model);
    }

    @PostMapping("/c/{slug}/account/api-keys/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        apiKeys.revoke(me.actor(), id);
        return "redirect:/c/" + me.companySlug() + "/account/api-keys?notice=keyRevoked";
    }

    /** A key with its times as text (UTC) for the page. */
    record KeyRow(ApiKeys.ApiKey key, String expires, String lastUsed) {
        private static final java.time.format.DateTimeFormatter DAY =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(java.time.ZoneOffset.UTC);
        private static final java.time.format.DateTimeFormatter MINUTE =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        static KeyRow of(ApiKeys.ApiKey k) {
            return new KeyRow(k, k.expiresAt() == null ? null : DAY.format(k.expiresAt()),
                    k.lastUsedAt() == null ? null : MINUTE.format(k.lastUsedAt()) + " · " + k.lastUsedIp());
        }
    }

    private String render(SignedIn me, Model model) {
        model.addAttribute("keys", apiKeys.listOwn(me.actor()).stream().map(KeyRow::of).toList());
        model.addAttribute("now", clock.instant());
        model.addAttribute("mfaNeeded", !mfa.satisfied(me));
        model.addAttribute("grantable", Arrays.stream(Role.values()).filter(r -> me.role().covers(r)).toList());
        return "identity/api-keys";
    }
}
