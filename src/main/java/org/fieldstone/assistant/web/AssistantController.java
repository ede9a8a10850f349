package org.fieldstone.assistant.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fieldstone.assistant.Assistant;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chat panel ({@code /c/{slug}/assistant}): the user's conversations, one conversation's messages, a question form,
 * the changes the assistant proposed with Confirm / Cancel forms, and deleting a conversation. Every form is a plain POST
 * (CSRF token included) answered with a redirect to the conversation, so the page works without JavaScript; with htmx
 * the form swaps the conversation section in place ({@code hx-select}), announced by its live region.
 */
@Controller
@RequestMapping("/c/{slug}/assistant")
class AssistantController {

    private final Assistant assistant;
    private final MessageSource messages;

    AssistantController(Assistant assistant, MessageSource messages) {
        this.assistant = assistant;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(name = "c", required = false) String conversation,
                @RequestParam(required = false) String notice, Model model) {
        if ("deleted".equals(notice)) {
            model.addAttribute("notice", "assistant.deleted");
        }
        return page(actor, conversation, model);
    }

    @PostMapping
    String ask(Actor actor, @RequestParam(name = "c", required = false) String conversation,
               @RequestParam(defaultValue = "") String text, Model model, HttpServletResponse response,
               RedirectAttributes redirect) {
        try {
            Assistant.Reply reply = assistant.ask(actor, conversation, text);
            if (reply.failure() != null) {
                model.addAttribute("failure", "assistant.failure." + reply.failure());
                model.addAttribute("question", text);
                return page(actor, reply.conversationId(), model);
            }
            redirect.addAttribute("c", reply.conversationId());
            return "redirect:/c/{slug}/assistant";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("question", text);
            return page(actor, conversation, model);
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("error", e.message(messages, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            return page(actor, conversation, model);
        }
    }

    @PostMapping("/{conversation}/actions/{action}/confirm")
    String confirm(Actor actor, @PathVariable String conversation, @PathVariable String action, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        return act(actor, conversation, action, true, model, response, redirect);
    }

    @PostMapping("/{conversation}/actions/{action}/cancel")
    String cancel(Actor actor, @PathVariable String conversation, @PathVariable String action, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        return act(actor, conversation, action, false, model, response, redirect);
    }

    private String act(Actor actor, String conversation, String action, boolean confirm, Model model,
                       HttpServletResponse response, RedirectAttributes redirect) {
        try {
            if (confirm) {
                assistant.confirm(actor, conversation, action);
            } else {
                assistant.cancel(actor, conversation, action);
            }
            redirect.addAttribute("c", conversation);
            return "redirect:/c/{slug}/assistant";
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("error", e.message(messages, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            return page(actor, conversation, model);
        }
    }

    @PostMapping("/{conversation}/delete")
    String delete(Actor actor, @PathVariable String conversation) {
        assistant.delete(actor, conversation);
        return "redirect:/c/{slug}/assistant?notice=deleted";
    }

    private String page(Actor actor, String conversation, Model model) {
        model.addAttribute("state", assistant.state(actor));
        model.addAttribute("conversations", assistant.conversations(actor));
        model.addAttribute("conversation", conversation == null || conversation.isBlank() ? null
                : assistant.conversation(actor, conversation));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "assistant/panel";
    }

}
