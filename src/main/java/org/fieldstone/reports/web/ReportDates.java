package org.fieldstone.reports.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/** The date range of a work report as request parameters: ISO dates ({@code 2026-11-02}), blank for the default. */
record ReportDates(Optional<LocalDate> from, Optional<LocalDate> to) {

    static ReportDates parse(String from, String to) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Optional<LocalDate> start = errors.check(() -> date("from", from));
        Optional<LocalDate> end = errors.check(() -> date("to", to));
        errors.throwIfAny();
        return new ReportDates(start, end);
    }

    private static Optional<LocalDate> date(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (text.length() > 10) {
            throw new InvalidInput(field, Message.of("reports.refused.date"));
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, Message.of("reports.refused.date"));
        }
    }
}
