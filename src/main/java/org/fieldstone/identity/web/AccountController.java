package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.InvalidInput;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "My account": who I am, and changing my password (which ends my other sessions). */
@Controller
class AccountController {

    private final Accounts accounts;
    private final Sessions sessions;

    AccountController(Accounts accounts, Sessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/c/{slug}/account")
    String show(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", Notices.key(notice));
        return render(me, model);
    }

    @PostMapping("/c/{slug}/account/sessions/{id}/revoke")
    String revoke(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        sessions.revokeOwn(me.actor(), id);
        return "redirect:/c/" + me.companySlug() + "/account?notice=sessionRevoked";
    }

    @PostMapping("/c/{slug}/account/sessions/revoke-others")
    String revokeOthers(@AuthenticationPrincipal SignedIn me) {
        sessions.revokeOthers(me.actor(), me.sessionId());
        return "redirect:/c/" + me.companySlug() + "/account?notice=otherSessionsEnded";
    }

    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** A session with its last activity as text, for the page. */
    record SessionRow(Sessions.ActiveSession session, String lastSeen) {
    }

    private String render(SignedIn me, Model model) {
        model.addAttribute("sessions", sessions.listOwn(me.actor()).stream()
                .map(s -> new SessionRow(s, MINUTE.format(s.lastSeenAt()))).toList());
        model.addAttribute("current", me.sessionId().orElse(""));
        return "identity/account";
    }

    @PostMapping("/c/{slug}/account/password")
    String changePassword(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword,
                          @RequestParam(defaultValue = "") String confirmPassword, Model model,
                          HttpServletResponse response) {
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw new InvalidInput("confirmPassword", "The two new passwords differ.");
            }
            accounts.changePassword(me.actor(), me.sessionId(), currentPassword.toCharArray(), newPassword.toCharArray());
            return "redirect:/c/" + me.companySlug() + "/account?notice=passwordChanged";
        } catch (InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("errors", e.asFieldErrors());
            return render(me, model);
        }
    }
}
