package org.fieldstone.assistant.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fieldstone.assistant.Assistant;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
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
 * Settings → Assistant (settings:manage): the provider (off by default), base URL, model, the API key (write-only, kept
 * in the company's secret store, shown as a hint) and whether client contact fields are kept out of what is sent.
 */
@Controller
@RequestMapping("/c/{slug}/settings/assistant")
class AssistantSettingsController {

    private final Assistant assistant;
    private final MessageSource messages;

    AssistantSettingsController(Assistant assistant, MessageSource messages) {
        this.assistant = assistant;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        Notices.show(model, notice, "assistant.settings", "saved", "removed");
        return page(model, assistant.setup(actor), Map.of());
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "off") String provider,
                @RequestParam(defaultValue = "") String baseUrl, @RequestParam(defaultValue = "") String model,
                @RequestParam(defaultValue = "") String apiKey,
                @RequestParam(defaultValue = "false") boolean excludeContacts, Model page,
                HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        try {
            Assistant.Provider chosen;
            try {
                chosen = Assistant.Provider.valueOf(provider.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("provider", Message.of("assistant.refused.provider"));
            }
            assistant.update(actor, chosen, baseUrl, model, apiKey, excludeContacts);
            return "redirect:/c/{slug}/settings/assistant?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            // what was typed in the key field is never sent back to the page
            return page(page, assistant.setup(actor), e.fieldErrors(messages));
        }
    }

    @PostMapping("/remove")
    String remove(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        assistant.removeKey(actor);
        return "redirect:/c/{slug}/settings/assistant?notice=removed";
    }

    private static String page(Model model, Assistant.Setup setup, Map<String, String> errors) {
        model.addAttribute("setup", setup);
        model.addAttribute("providers", Assistant.Provider.values());
        model.addAttribute("errors", errors);
        return "settings/assistant";
    }
}
