package org.fieldstone.notifications;

import java.util.Locale;

/** What a notification is about; each kind has its templates and its default channels per company. */
public enum NotificationKind {
    VISIT_SCHEDULED, VISIT_RESCHEDULED, VISIT_CANCELLED,
    /** An appointment reminder, by default 24 h before the visit. */
    VISIT_REMINDER,
    /** "On my way", with the technician's name, when they tap On my way. */
    TECHNICIAN_EN_ROUTE,
    JOB_COMPLETED,
    QUOTE_SENT, QUOTE_APPROVED, QUOTE_DECLINED, QUOTE_CHANGES_REQUESTED,
    INVOICE_SENT, INVOICE_OVERDUE, PAYMENT_RECEIVED,
    LOW_STOCK, MALWARE_DETECTED,
    /** Free text written to a client from the client's page. */
    MESSAGE,
    /** A client asked to be called back (an SMS reply {@code R}): a task for the office. */
    CALLBACK_REQUESTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
