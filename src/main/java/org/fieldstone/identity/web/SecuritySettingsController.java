package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fieldstone.identity.MultiFactor;
import java.time.Duration;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.SupportAccess;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Permission;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Security (owners, {@code security:manage}): require two-step verification of everyone; grant, list and
 * revoke support access for a platform operator, and see what operators did under it.
 */
@Controller
class SecuritySettingsController {

    private final MultiFactor mfa;
    private final SupportAccess support;
    private final MessageSource messages;

    private final org.fieldstone.tenancy.Companies companies;

    SecuritySettingsController(MultiFactor mfa, SupportAccess support, org.fieldstone.tenancy.Companies companies,
                               MessageSource messages) {
        this.companies = companies;
        this.messages = messages;
        this.mfa = mfa;
        this.support = support;
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

    @PostMapping("/c/{slug}/settings/security/support")
    String grantSupport(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String operator,
                        @RequestParam(defaultValue = "") String hours, @RequestParam(defaultValue = "") String access,
                        Model model, HttpServletResponse response) {
        try {
            support.grant(me.actor(), operator, hours(hours), SupportAccess.Access.parse(access));
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("supportErrors", e.fieldErrors(messages));
            model.addAttribute("supportForm", java.util.Map.of("operator", operator, "hours", hours, "access", access));
            return render(me, model);
        }
        return "redirect:/c/" + me.companySlug() + "/settings/security?notice=supportGranted";
    }

    @PostMapping("/c/{slug}/settings/security/support/{grantId}/revoke")
    String revokeSupport(@AuthenticationPrincipal SignedIn me, @PathVariable String grantId) {
        support.revoke(me.actor(), grantId);
        return "redirect:/c/" + me.companySlug() + "/settings/security?notice=supportRevoked";
    }

    /** Whole hours, as the form asks for them; anything else is refused with the same message as a bad length. */
    private static Duration hours(String text) {
        try {
            return Duration.ofHours(Long.parseLong(text.strip()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInput("hours", Message.of("identity.refused.support-length",
                    SupportAccess.SHORTEST.toHours(), SupportAccess.LONGEST.toHours()));
        }
    }

    private String render(SignedIn me, Model model) {
        model.addAttribute("required", mfa.required(me.actor()));
        model.addAttribute("ownMfa", mfa.status(me.actor()).enabled());
        model.addAttribute("grants", support.list(me.actor()));
        model.addAttribute("supportActivity", support.activity(me.actor(), 50));
        model.addAttribute("zone", companies.timeZone(me.tenant()));
        return "identity/security-settings";
    }
}
