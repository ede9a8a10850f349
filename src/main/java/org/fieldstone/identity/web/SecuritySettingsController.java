package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fieldstone.identity.MultiFactor;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Permission;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Settings → Security (owners, {@code security:manage}): require two-step verification of everyone. */
@Controller
class SecuritySettingsController {

    private final MultiFactor mfa;
    private final MessageSource messages;

    SecuritySettingsController(MultiFactor mfa, MessageSource messages) {
        this.messages = messages;
        this.mfa = mfa;
    }

    @GetMapping("/c/{slug}/settings/security")
    String show(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String notice, Model model) {
        me.actor().require(Permission.SECURITY_MANAGE);
        model.addAttribute("notice", Notices.key(notice));
        return render(me, model);
    }

    @PostMapping("/c/{slug}/settings/security")
    String change(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "false") boolean requireMfa,
                  Model model, HttpServletResponse response) {
        try {
            mfa.setRequired(me.actor(), requireMfa);
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("error", e.message(messages));
            return render(me, model);
        }
        return "redirect:/c/" + me.companySlug() + "/settings/security?notice=" + (requireMfa ? "mfaRequiredOn" : "mfaRequiredOff");
    }

    private String render(SignedIn me, Model model) {
        model.addAttribute("required", mfa.required(me.actor()));
        model.addAttribute("ownMfa", mfa.status(me.actor()).enabled());
        return "identity/security-settings";
    }
}
