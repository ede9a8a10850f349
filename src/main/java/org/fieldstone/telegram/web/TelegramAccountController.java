package org.fieldstone.telegram.web;

import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.telegram.TelegramLinks;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * My account → Telegram: whether the user's chat is linked; "Link Telegram" shows a one-time code and the bot's deep
 * link (once, on the page that made it); "Unlink".
 */
@Controller
@RequestMapping("/c/{slug}/account/telegram")
class TelegramAccountController {

    private final TelegramLinks links;
    private final MessageSource messages;

    TelegramAccountController(TelegramLinks links, MessageSource messages) {
        this.links = links;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        if ("unlinked".equals(notice)) {
            model.addAttribute("notice", "telegram.account.unlinked");
        }
        model.addAttribute("linked", links.linked(actor).orElse(null));
        return "telegram/account";
    }

    @PostMapping("/code")
    String code(Actor actor, Model model) {
        try {
            model.addAttribute("code", links.newCode(actor));
        } catch (Conflict e) {
            model.addAttribute("refusal", e.message(messages));
        }
        model.addAttribute("linked", links.linked(actor).orElse(null));
        return "telegram/account";
    }

    @PostMapping("/unlink")
    String unlink(Actor actor) {
        links.unlink(actor);
        return "redirect:/c/{slug}/account/telegram?notice=unlinked";
    }
}
