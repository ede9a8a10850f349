package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.MultiFactor;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "My account": who I am, where I am signed in, changing my password (which ends my other sessions), and two-step
 * verification: set up, new recovery codes, turn off.
 */
@Controller
class AccountController {

    private final Accounts accounts;
    private final Sessions sessions;
    private final MultiFactor mfa;
    private final MessageSource messages;

    AccountController(Accounts accounts, Sessions sessions, MultiFactor mfa, MessageSource messages) {
        this.messages = messages;
        this.accounts = accounts;
        this.sessions = sessions;
        this.mfa = mfa;
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
        MultiFactor.Status status = mfa.status(me.actor());
        model.addAttribute("mfa", status);
        model.addAttribute("mfaSince", status.enabledAt() == null ? null : MINUTE.format(status.enabledAt()));
        return "identity/account";
    }

    // two-step verification

    @GetMapping("/c/{slug}/account/mfa")
    String enrolForm(@AuthenticationPrincipal SignedIn me, Model model) {
        if (mfa.status(me.actor()).enabled()) {
            return "redirect:/c/" + me.companySlug() + "/account";
        }
        return enrolPage(me, model);
    }

    @PostMapping("/c/{slug}/account/mfa")
    String enrol(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String code, Model model,
                 HttpServletResponse response) {
        try {
            MultiFactor.Enrolled enrolled = mfa.confirmEnrolment(me, code.strip());
            // a new session id for the session that now proved the second factor; every other session ended
            response.addHeader(HttpHeaders.SET_COOKIE, LoginController.sessionCookie(enrolled.sessionCookie(), null).toString());
            model.addAttribute("codes", enrolled.recoveryCodes());
            model.addAttribute("continueTo", "/c/" + me.companySlug() + "/account");
            model.addAttribute("enrolled", true);
            return "identity/mfa-codes";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            return enrolPage(me, model);
        }
    }

    @PostMapping("/c/{slug}/account/mfa/recovery-codes")
    String regenerate(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String proof, Model model,
                      HttpServletResponse response) {
        try {
            model.addAttribute("codes", mfa.regenerateRecoveryCodes(me, proof));
            model.addAttribute("continueTo", "/c/" + me.companySlug() + "/account");
            return "identity/mfa-codes";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", java.util.Map.of("regenerateProof", e.message(messages)));
            return render(me, model);
        }
    }

    @PostMapping("/c/{slug}/account/mfa/disable")
    String disable(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String proof, Model model,
                   HttpServletResponse response) {
        try {
            if (mfa.disable(me, proof)) {
                return "redirect:/c/" + me.companySlug() + "/account?notice=mfaDisabled";
            }
            // the company requires it: signed out everywhere, the next sign-in sets it up again
            response.addHeader(HttpHeaders.SET_COOKIE, LoginController.sessionCookie("", java.time.Duration.ZERO).toString());
            return "redirect:/c/" + me.companySlug() + "/login?notice=mfaDisabledSignIn";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", java.util.Map.of("disableProof", e.message(messages)));
            return render(me, model);
        }
    }

    private String enrolPage(SignedIn me, Model model) {
        EnrolmentView.addTo(model, mfa.startEnrolment(me), "/c/" + me.companySlug() + "/account/mfa");
        return "identity/mfa-enrol";
    }

    @PostMapping("/c/{slug}/account/password")
    String changePassword(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword,
                          @RequestParam(defaultValue = "") String confirmPassword, Model model,
                          HttpServletResponse response) {
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw new InvalidInput("confirmPassword", Message.of("identity.refused.new-passwords-differ"));
            }
            accounts.changePassword(me.actor(), me.sessionId(), currentPassword.toCharArray(), newPassword.toCharArray());
            return "redirect:/c/" + me.companySlug() + "/account?notice=passwordChanged";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            return render(me, model);
        }
    }
}
