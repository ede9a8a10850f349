package org.fieldstone.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Customer portal: how many days a new share link lives (settings:manage, as the API's
 * {@code /api/v1/settings/portal}). A refusal is shown beside its field, with what was typed.
 */
@Controller
@RequestMapping("/c/{slug}/settings/portal")
class PortalSettingsController {

    private final ShareLinks links;
    private final MessageSource messages;

    PortalSettingsController(ShareLinks links, MessageSource messages) {
        this.links = links;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        if ("saved".equals(notice)) {
            model.addAttribute("notice", "portal.settings.saved");
        }
        return page(model, String.valueOf(links.linkDays(actor)), Map.of());
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "") String linkDays, Model model,
                HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        try {
            int days;
            try {
                days = Integer.parseInt(linkDays.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput("linkDays", Message.of("portal.refused.link-days", 365));
            }
            links.updateLinkDays(actor, days);
            return "redirect:/c/{slug}/settings/portal?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return page(model, linkDays, e.fieldErrors(messages));
        }
    }

    private static String page(Model model, String linkDays, Map<String, String> errors) {
        model.addAttribute("linkDays", linkDays);
        model.addAttribute("errors", errors);
        return "portal/settings";
    }
}
