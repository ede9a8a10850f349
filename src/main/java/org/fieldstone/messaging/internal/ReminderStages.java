package org.fieldstone.messaging.internal;

import java.util.List;
import java.util.TreeSet;

/**
 * Which reminder is due: pure date arithmetic, apart from the sending. An overdue invoice's stages are the days after
 * its due date a reminder belongs to: 1 (the day it becomes overdue) and each configured day. On any day the latest
 * stage reached is due — once: its row claims it — so a run missed for a day or two still sends it, and an invoice
 * that ran past several stages while reminders were off gets one reminder, not several. A stage more than
 * {@link #CATCH_UP_DAYS} days old is not sent any more: switching reminders on (or the first run after an upgrade)
 * does not remind clients of invoices long overdue.
 */
final class ReminderStages {

    /** How many days after its day a stage is still sent. */
    static final int CATCH_UP_DAYS = 7;

    private ReminderStages() {
    }

    /** The stage due when the invoice is {@code daysOverdue} days past its due date, or null. */
    static Integer invoiceStage(long daysOverdue, List<Integer> days) {
        if (daysOverdue < 1) {
            return null;
        }
        TreeSet<Integer> stages = new TreeSet<>(days);
        stages.add(1);
        Integer stage = stages.floor((int) Math.min(daysOverdue, Integer.MAX_VALUE));
        return stage == null || daysOverdue - stage >= CATCH_UP_DAYS ? null : stage;
    }

    /** Whether a quote expiring in {@code daysLeft} days (0: today is its last day) is reminded now. */
    static boolean quoteDue(long daysLeft, int daysBefore) {
        return daysLeft >= 0 && daysLeft <= daysBefore;
    }
}
