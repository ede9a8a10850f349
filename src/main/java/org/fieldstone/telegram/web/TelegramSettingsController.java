package org.fieldstone.telegram.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Permission;
import org.fieldstone.telegram.TelegramSettings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Telegram (settings:manage): paste the bot's token (write-only; checked with Telegram, then the webhook is
 * set), see the bot's @username, disconnect.
 */
@Controller
@RequestMapping("/c/{slug}/settings/telegram")
class TelegramSettingsController {

    private final TelegramSettings settings;
    private final MessageSource messages;

    TelegramSettingsController(TelegramSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        if ("connected".equals(notice) || "disconnected".equals(notice)) {
            model.addAttribute("notice", "connected".equals(notice) ? "telegram.settings.connected.notice" : "telegram.settings.disconnected");
        }
        return page(model, settings.setup(actor), Map.of());
    }

    @PostMapping
    String connect(Actor actor, @RequestParam(defaultValue = "") String botToken, Model model,
                   HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        try {
            settings.connect(actor, botToken);
            return "redirect:/c/{slug}/settings/telegram?notice=connected";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            // the token typed is never sent back to the page
            return page(model, settings.setup(actor), e.fieldErrors(messages));
        }
    }

    @PostMapping("/disconnect")
    String disconnect(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        settings.disconnect(actor);
        return "redirect:/c/{slug}/settings/telegram?notice=disconnected";
    }

    private static String page(Model model, TelegramSettings.Setup setup, Map<String, String> errors) {
        model.addAttribute("setup", setup);
        model.addAttribute("errors", errors);
        return "telegram/settings";
    }
}
