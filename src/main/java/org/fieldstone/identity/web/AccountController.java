package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.InvalidInput;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "My account": who I am, and changing my password (which ends my other sessions). */
@Controller
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/c/{slug}/account")
    String show(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", Notices.key(notice));
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
            return "identity/account";
        }
    }
}
