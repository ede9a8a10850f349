package org.fieldstone.messaging.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldstone.messaging.ReminderSettings;
import org.fieldstone.messaging.Reminders;
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
 * Settings → Reminders ({@code settings:manage}, as the API's {@code /api/v1/settings/reminders}): overdue-invoice
 * reminders on or off and the days after the due date (comma-separated), quote-expiry reminders on or off and the
 * days before. Post/redirect/get; a refusal is shown beside its field, with what was typed.
 */
@Controller
@RequestMapping("/c/{slug}/settings/reminders")
class ReminderSettingsController {

    private final Reminders reminders;
    private final MessageSource messages;

    ReminderSettingsController(Reminders reminders, MessageSource messages) {
        this.reminders = reminders;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        ReminderSettings s = reminders.settings(actor);
        if ("saved".equals(notice)) {
            model.addAttribute("notice", "settings.reminders.saved");
        }
        return page(model, s.invoiceReminders(), s.invoiceReminderDays().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")), s.quoteReminders(), String.valueOf(s.quoteReminderDaysBefore()),
                Map.of());
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "false") boolean invoiceReminders,
                @RequestParam(defaultValue = "") String invoiceReminderDays,
                @RequestParam(defaultValue = "false") boolean quoteReminders,
                @RequestParam(defaultValue = "") String quoteReminderDaysBefore, Model model,
                HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<Integer> days = new ArrayList<>();
        for (String part : invoiceReminderDays.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                days.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                errors.add("invoiceReminderDays", Message.of("messaging.refused.reminder-days", 6));
                break;
            }
        }
        int before = -1;
        try {
            before = Integer.parseInt(quoteReminderDaysBefore.strip());
        } catch (NumberFormatException e) {
            errors.add("quoteReminderDaysBefore", Message.of("messaging.refused.reminder-days-before"));
        }
        try {
            errors.throwIfAny();
            reminders.updateSettings(actor, new ReminderSettings(invoiceReminders, days, quoteReminders, before));
            return "redirect:/c/{slug}/settings/reminders?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return page(model, invoiceReminders, invoiceReminderDays, quoteReminders, quoteReminderDaysBefore,
                    e.fieldErrors(messages));
        }
    }

    private static String page(Model model, boolean invoicesOn, String days, boolean quotesOn, String before,
                               Map<String, String> errors) {
        model.addAttribute("invoiceReminders", invoicesOn);
        model.addAttribute("invoiceReminderDays", days);
        model.addAttribute("quoteReminders", quotesOn);
        model.addAttribute("quoteReminderDaysBefore", before);
        model.addAttribute("errors", errors);
        return "settings/reminders";
    }
}
