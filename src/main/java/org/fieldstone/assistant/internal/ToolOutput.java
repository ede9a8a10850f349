package org.fieldstone.assistant.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Page;

/** What tools share in their answers: pages, times with the company's offset, money. */
final class ToolOutput {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 50;
    private static final DateTimeFormatter SUMMARY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private ToolOutput() {
    }

    /** A page of a list as every list tool answers it. */
    record PageJson<T>(List<T> items, int page, int size, long total) {
        static <T> PageJson<T> of(Page<T> page) {
            return new PageJson<>(page.items(), page.page(), page.size(), page.total());
        }
    }

    /** The page asked for: 0-based, 20 a page unless asked, at most 50. */
    static Page.PageRequest request(Integer page, Integer size) {
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new InvalidInput("size", Message.of("shared.refused.page-size", MAX_SIZE));
        }
        return Page.request(page, size == null ? DEFAULT_SIZE : size);
    }

    /** One page of a list read whole (a day's visits). */
    static <T> PageJson<T> page(List<T> all, Page.PageRequest request) {
        int from = (int) Math.min((long) request.offset(), all.size());
        int to = Math.min(from + request.size(), all.size());
        return new PageJson<>(all.subList(from, to), request.page(), request.size(), all.size());
    }

    /** ISO-8601 with the company's offset, e.g. {@code 2026-12-10T10:00:00+01:00}; null stays null. */
    static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** A span for a sentence: {@code Thu 10 Dec 10:00–11:00}. */
    static String span(Instant start, Instant end, ZoneId zone) {
        String from = SUMMARY_TIME.format(start.atZone(zone));
        boolean sameDay = start.atZone(zone).toLocalDate().equals(end.atZone(zone).toLocalDate());
        return from + "–" + (sameDay ? HOUR.format(end.atZone(zone)) : SUMMARY_TIME.format(end.atZone(zone)));
    }

    /** Money as minor units, currency and the text a person reads ({@code CHF 1,234.50}). */
    record MoneyJson(long amount, String currency, String formatted) {
        static MoneyJson of(Money money) {
            return money == null ? null : new MoneyJson(money.amount(), money.currency(), money.format(Locale.ENGLISH));
        }
    }
}
