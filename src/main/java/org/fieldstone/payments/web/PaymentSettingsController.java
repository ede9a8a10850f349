package org.fieldstone.payments.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fieldstone.payments.PaymentSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.web.Notices;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Payments (settings:manage, as the API's {@code /api/v1/settings/payments}): the company's Stripe secret key
 * and webhook signing secret (write-only; their hints shown), card payments on or off — and, said plainly, why they are
 * off —, the webhook URL, API version and events to enter in Stripe.
 */
@Controller
@RequestMapping("/c/{slug}/settings/payments")
class PaymentSettingsController {

    private final PaymentSettings settings;
    private final MessageSource messages;

    PaymentSettingsController(PaymentSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        Notices.show(model, notice, "payments.settings", "saved", "removed");
        return page(model, settings.setup(actor), Map.of());
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "false") boolean enabled,
                @RequestParam(defaultValue = "") String secretKey, @RequestParam(defaultValue = "") String webhookSecret,
                Model model, HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        try {
            settings.update(actor, enabled, secretKey, webhookSecret);
            return "redirect:/c/{slug}/settings/payments?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            // what was typed in a secret field is never sent back to the page
            return page(model, settings.setup(actor), e.fieldErrors(messages));
        }
    }

    @PostMapping("/remove")
    String remove(Actor actor, @RequestParam String name) {
        actor.require(Permission.SETTINGS_MANAGE);
        settings.remove(actor, name);
        return "redirect:/c/{slug}/settings/payments?notice=removed";
    }

    private static String page(Model model, PaymentSettings.Setup setup, Map<String, String> errors) {
        model.addAttribute("setup", setup);
        model.addAttribute("errors", errors);
        return "settings/payments";
    }
}
