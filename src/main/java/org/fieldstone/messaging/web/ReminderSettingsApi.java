package org.fieldstone.messaging.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fieldstone.messaging.ReminderSettings;
import org.fieldstone.messaging.Reminders;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings/reminders} ({@code settings:manage}): whether overdue invoices and expiring quotes are
 * reminded, the days after the due date when an invoice's reminder goes again, and how many days before its expiry a
 * quote's goes.
 */
@RestController
@RequestMapping("/api/v1/settings/reminders")
@SecurityRequirement(name = "apiKey")
class ReminderSettingsApi {

    static final String INVOICE_REMINDERS = "invoiceReminders";
    static final String INVOICE_DAYS = "invoiceReminderDays";
    static final String QUOTE_REMINDERS = "quoteReminders";
    static final String QUOTE_DAYS = "quoteReminderDaysBefore";
    private static final Set<String> FIELDS = Set.of(INVOICE_REMINDERS, INVOICE_DAYS, QUOTE_REMINDERS, QUOTE_DAYS);

    private final Reminders reminders;

    ReminderSettingsApi(Reminders reminders) {
        this.reminders = reminders;
    }

    @Operation(summary = "The company's reminder settings (settings:manage)")
    @GetMapping
    ReminderSettings get(Actor actor) {
        return reminders.settings(actor);
    }

    @Operation(summary = "Change {invoiceReminders, invoiceReminderDays: [3, 10], quoteReminders, "
            + "quoteReminderDaysBefore: 3}; absent fields keep their value (settings:manage)")
    @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ReminderSettings put(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.SETTINGS_MANAGE);
        ReminderSettings current = reminders.settings(actor);
        JsonFields f = JsonFields.of(body, FIELDS, Set.of());
        boolean invoicesOn = f.bool(INVOICE_REMINDERS) instanceof Change.To<Boolean>(Boolean b) && b != null
                ? b : current.invoiceReminders();
        boolean quotesOn = f.bool(QUOTE_REMINDERS) instanceof Change.To<Boolean>(Boolean b) && b != null
                ? b : current.quoteReminders();
        List<Integer> days = current.invoiceReminderDays();
        if (f.has(INVOICE_DAYS)) {
            days = days(body.get(INVOICE_DAYS));
            if (days == null) {
                f.reject(INVOICE_DAYS, Message.of("messaging.refused.reminder-days", 6));
            }
        }
        int before = current.quoteReminderDaysBefore();
        if (f.has(QUOTE_DAYS)) {
            JsonNode n = body.get(QUOTE_DAYS);
            if (n == null || !n.isInt()) {
                f.reject(QUOTE_DAYS, Message.of("messaging.refused.reminder-days-before"));
            } else {
                before = n.asInt();
            }
        }
        f.throwIfAny();
        return reminders.updateSettings(actor, new ReminderSettings(invoicesOn, days, quotesOn, before));
    }

    /** Whole numbers of an array (null: an empty list), or null when it is no such array. */
    private static List<Integer> days(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 100) {
            return null;
        }
        List<Integer> days = new ArrayList<>();
        for (JsonNode d : node) {
            if (!d.isInt()) {
                return null;
            }
            days.add(d.asInt());
        }
        return days;
    }
}
