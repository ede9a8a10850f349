package org.fieldstone.reports.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * The filter of the audit log page, API and exports, as request parameters. Times are ISO-8601 instants or
 * dates (UTC); a date in {@code to} includes that whole day.
 */
record AuditFilter(String entityType, String entityId, String actorId, String action, String from, String to) {

    AuditQuery query() {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Instant start = errors.check(() -> instant("from", from, false));
        Instant end = errors.check(() -> instant("to", to, true));
        errors.throwIfAny();
        if (start != null && end != null && !end.isAfter(start)) {
            throw new InvalidInput("to", Message.of("reports.refused.range-order"));
        }
        return new AuditQuery(blank(entityType), blank(entityId), blank(actorId), blank(action), start, end);
    }

    private static Instant instant(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, Message.of("reports.refused.time"));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
