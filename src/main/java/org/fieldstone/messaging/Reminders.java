package org.fieldstone.messaging;

import org.fieldstone.shared.Actor;
import org.fieldstone.shared.TenantId;

/**
 * Reminders of overdue invoices and expiring quotes, emailed to the documents' clients by a scheduled job
 * ({@code fieldstone.reminders.*}). Each reminder — a document and a stage (the day after the due date it belongs to,
 * or the expiry date a quote is reminded of) — is claimed by one row before it is sent, so several nodes, or two runs
 * at once, send it once; it is recorded on the document's timeline, sent, failed (tried again by the next runs) or
 * skipped (no email address, the client opted out).
 */
public interface Reminders {

    /** The company's reminder settings ({@code settings:manage}). */
    ReminderSettings settings(Actor actor);

    /**
     * Changes them ({@code settings:manage}); the days are kept sorted.
     *
     * @throws org.fieldstone.shared.InvalidInput days out of range, repeated or too many
     */
    ReminderSettings updateSettings(Actor actor, ReminderSettings settings);

    /**
     * Sends the reminders of one company that are due today (in its time zone, by the application's clock) and not
     * yet claimed; answers how many it claimed (sent, failed or skipped). What the scheduled job runs for each company.
     */
    int sendDue(TenantId company);
}
