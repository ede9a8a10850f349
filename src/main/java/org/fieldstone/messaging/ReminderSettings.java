package org.fieldstone.messaging;

import java.util.List;

/**
 * When a company's clients get reminders by email. An overdue invoice's client gets one on the day it becomes overdue
 * (the day after its due date) and again on each of {@code invoiceReminderDays} days after the due date; a sent
 * quote's client gets one {@code quoteReminderDaysBefore} days before it expires. A client who opted out
 * ({@link org.fieldstone.clients.Client#remindersOff()}) or has no email address gets none.
 *
 * @param invoiceReminders        whether overdue invoices are reminded (default: yes)
 * @param invoiceReminderDays     the days after the due date when the reminder goes again, ascending, each from 1 to
 *                                365, at most 6 (default 3 and 10)
 * @param quoteReminders          whether quotes about to expire are reminded (default: yes)
 * @param quoteReminderDaysBefore how many days before its expiry a quote is reminded, 1 to 90 (default 3)
 */
public record ReminderSettings(boolean invoiceReminders, List<Integer> invoiceReminderDays, boolean quoteReminders,
                               int quoteReminderDaysBefore) {

    public static final ReminderSettings DEFAULT = new ReminderSettings(true, List.of(3, 10), true, 3);

    public ReminderSettings {
        invoiceReminderDays = invoiceReminderDays == null ? List.of() : List.copyOf(invoiceReminderDays);
    }
}
