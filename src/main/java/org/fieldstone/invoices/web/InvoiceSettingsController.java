package org.fieldstone.invoices.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fieldstone.invoices.InvoiceSettings;
import org.fieldstone.invoices.Invoices;
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
 * Settings → Invoicing: the number prefix, the next number and the payment terms (pricing:manage, as the API's
 * {@code /api/v1/settings/invoicing}). A refusal is shown beside its field, with what was typed.
 */
@Controller
@RequestMapping("/c/{slug}/settings/invoicing")
class InvoiceSettingsController {

    private final Invoices invoices;
    private final MessageSource messages;

    InvoiceSettingsController(Invoices invoices, MessageSource messages) {
        this.invoices = invoices;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.PRICING_MANAGE);
        InvoiceSettings s = invoices.settings(actor);
        if ("saved".equals(notice)) {
            model.addAttribute("notice", "settings.invoicing.saved");
        }
        return page(model, s.prefix(), String.valueOf(s.nextNumber()), String.valueOf(s.paymentTermsDays()), Map.of());
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "") String prefix, @RequestParam(defaultValue = "") String nextNumber,
                @RequestParam(defaultValue = "") String paymentTermsDays, Model model, HttpServletResponse response) {
        actor.require(Permission.PRICING_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Long next = errors.check(() -> whole("nextNumber", nextNumber, Message.of("invoices.refused.next-number")));
        Long days = errors.check(() -> whole("paymentTermsDays", paymentTermsDays,
                Message.of("invoices.refused.terms-days", 365)));
        try {
            errors.throwIfAny();
            invoices.updateSettings(actor, new InvoiceSettings(prefix, next, Math.toIntExact(days)));
            return "redirect:/c/{slug}/settings/invoicing?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return page(model, prefix, nextNumber, paymentTermsDays, e.fieldErrors(messages));
        }
    }

    private static String page(Model model, String prefix, String next, String days, Map<String, String> errors) {
        model.addAttribute("prefix", prefix);
        model.addAttribute("nextNumber", next);
        model.addAttribute("paymentTermsDays", days);
        model.addAttribute("errors", errors);
        return "settings/invoicing";
    }

    private static Long whole(String field, String text, Message refusal) {
        try {
            long n = Long.parseLong(text.strip());
            if (n > Integer.MAX_VALUE) {
                throw new InvalidInput(field, refusal);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, refusal);
        }
    }
}
