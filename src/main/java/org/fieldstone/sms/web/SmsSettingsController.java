package org.fieldstone.sms.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Permission;
import org.fieldstone.sms.SmsSettings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → SMS (settings:manage, as the API's {@code /api/v1/settings/sms}): the company's Twilio account SID, auth
 * token (write-only; its hint shown), sender and monthly cap, "Test connection", and the webhook URL to enter in
 * Twilio.
 */
@Controller
@RequestMapping("/c/{slug}/settings/sms")
class SmsSettingsController {

    private final SmsSettings settings;
    private final MessageSource messages;

    SmsSettingsController(SmsSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (notice != null && notice.matches("^(saved|removed|test-ok|sms\\.test\\.[a-z-]+)$")) {
            model.addAttribute(notice.startsWith("sms.test.") ? "problem" : "notice",
                    notice.startsWith("sms.") ? notice : "sms.settings." + notice);
        }
        return page(model, settings.setup(actor), Map.of());
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "") String accountSid,
                @RequestParam(defaultValue = "") String authToken, @RequestParam(defaultValue = "") String sender,
                @RequestParam(defaultValue = "") String monthlyCap, Model model, HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        try {
            Long cap;
            try {
                cap = monthlyCap.isBlank() ? null : Long.valueOf(monthlyCap.strip());
            } catch (NumberFormatException e) {
                cap = -1L;
            }
            settings.update(actor, accountSid, authToken, sender, cap);
            return "redirect:/c/{slug}/settings/sms?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            // what was typed in the token field is never sent back to the page
            return page(model, settings.setup(actor), e.fieldErrors(messages));
        }
    }

    @PostMapping("/test")
    String test(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        return "redirect:/c/{slug}/settings/sms?notice=" + settings.test(actor).orElse("test-ok");
    }

    @PostMapping("/remove")
    String remove(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        settings.removeToken(actor);
        return "redirect:/c/{slug}/settings/sms?notice=removed";
    }

    private static String page(Model model, SmsSettings.Setup setup, Map<String, String> errors) {
        model.addAttribute("setup", setup);
        model.addAttribute("errors", errors);
        return "settings/sms";
    }
}
