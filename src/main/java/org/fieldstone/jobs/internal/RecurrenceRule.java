package org.fieldstone.jobs.internal;

import static java.time.temporal.ChronoUnit.DAYS;
import static java.time.temporal.ChronoUnit.SECONDS;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * When a recurring job's visits fall: the subset of an RFC 5545 {@code RRULE} that field service needs
 * (FREQ DAILY, WEEKLY or MONTHLY; INTERVAL; BYDAY; BYMONTHDAY; COUNT or UNTIL), parsed and expanded by
 * ical4j (decision 0018). Immutable; equal when their {@link #text()} is.
 *
 * <p>A series starts at {@code first}, a local wall-clock time, which is always its first occurrence (as
 * DTSTART is in RFC 5545, even if it does not match the rule). ical4j expands the rule in wall-clock time,
 * so a weekly 09:00 visit stays at 09:00 across daylight-saving changes; only then is each occurrence
 * placed in the company's zone, where a time in a gap moves forward by the gap and an ambiguous one takes
 * the earlier offset ({@link LocalDateTime#atZone}).
 *
 * <p>COUNT and UNTIL are applied here, not by ical4j: ical4j compares a UTC UNTIL with a local seed in the
 * JVM's default zone, reads a date UNTIL as midnight (dropping that day's occurrence), and does not count
 * a {@code first} that does not match the rule.
 */
public final class RecurrenceRule {

    private static final String FIELD = "recurrence";
    private static final int MAX_LENGTH = 200;
    private static final int MAX_INTERVAL = 99;
    private static final int MAX_COUNT = 1000;
    private static final List<String> KEYS = List.of("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL");

    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern PLAIN_DAY = Pattern.compile("MO|TU|WE|TH|FR|SA|SU");
    private static final Pattern ORDINAL_DAY = Pattern.compile("([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)");
    private static final Pattern MONTH_DAY = Pattern.compile("[+-]?(\\d{1,2})");
    private static final Pattern UNTIL = Pattern.compile("\\d{8}(T\\d{6}Z)?");
    private static final DateTimeFormatter UNTIL_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter UNTIL_UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT).withZone(ZoneOffset.UTC);

    /**
     * Where no zone is given, a UTC UNTIL is read as the wall-clock time it is at UTC+14, the furthest ahead
     * any clock runs, so that an occurrence on or before UNTIL in the company's zone is never lost. The price:
     * in zones ten or more hours behind UTC a daily series may show one occurrence past UNTIL.
     */
    private static final ZoneId WALL_CLOCK = ZoneOffset.ofHours(14);

    /** How the series ends. */
    private sealed interface End {
    }

    private record Forever() implements End {
    }

    private record Count(int times) implements End {
    }

    /** The last day with occurrences, in the company's zone. */
    private record UntilDate(LocalDate date) implements End {
    }

    /** The latest instant an occurrence may start at. */
    private record UntilInstant(Instant instant) implements End {
    }

    private final Frequency frequency;
    private final int interval;
    private final List<WeekDay> days;
    private final List<Integer> monthDays;
    private final End end;
    private final String text;
    /** The rule without COUNT and UNTIL, which this class applies itself. */
    private final Recur<LocalDateTime> expansion;

    private RecurrenceRule(Frequency frequency, int interval, List<WeekDay> days, List<Integer> monthDays, End end) {
        this.frequency = frequency;
        this.interval = interval;
        this.days = days.stream().distinct()
                .sorted(Comparator.comparing(WeekDay::getDayOfWeek).thenComparing(WeekDay::getOffset))
                .toList();
        this.monthDays = monthDays.stream().distinct()
                .sorted(Comparator.comparing((Integer day) -> day < 0).thenComparing(Function.identity()))
                .toList();
        this.end = end;
        StringBuilder rule = new StringBuilder("FREQ=").append(frequency);
        if (interval != 1) {
            rule.append(";INTERVAL=").append(interval);
        }
        if (!this.days.isEmpty()) {
            rule.append(";BYDAY=").append(this.days.stream().map(WeekDay::toString).collect(Collectors.joining(",")));
        }
        if (!this.monthDays.isEmpty()) {
            rule.append(";BYMONTHDAY=").append(this.monthDays.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        this.expansion = new Recur<>(rule.toString());
        switch (end) {
            case Forever forever -> { }
            case Count(int times) -> rule.append(";COUNT=").append(times);
            case UntilDate(LocalDate date) -> rule.append(";UNTIL=").append(UNTIL_DATE.format(date));
            case UntilInstant(Instant instant) -> rule.append(";UNTIL=").append(UNTIL_UTC.format(instant));
        }
        this.text = rule.toString();
    }

    /**
     * Parses and validates a rule, with or without a leading {@code RRULE:}, keys and values in any case.
     *
     * @throws InvalidInput on field {@code recurrence}, naming the part at fault, for anything outside the subset
     */
    public static RecurrenceRule parse(String rrule) {
        if (rrule == null || rrule.isBlank()) {
            throw invalid(Message.of("jobs.rrule.required"));
        }
        if (rrule.length() > MAX_LENGTH) {
            throw invalid(Message.of("jobs.rrule.too-long", MAX_LENGTH));
        }
        String text = rrule.strip().toUpperCase(Locale.ROOT);
        if (text.startsWith("RRULE:")) {
            text = text.substring("RRULE:".length());
        }
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";", -1)) {
            String[] keyValue = part.split("=", -1);
            if (keyValue.length != 2 || keyValue[0].isBlank() || keyValue[1].isBlank()) {
                throw invalid(Message.of("jobs.rrule.not-a-part", shortened(part)));
            }
            String key = keyValue[0].strip();
            if (!KEYS.contains(key)) {
                throw invalid(Message.of("jobs.rrule.unsupported-key", shortened(key)));
            }
            if (parts.putIfAbsent(key, keyValue[1].strip()) != null) {
                throw invalid(Message.of("jobs.rrule.twice", key));
            }
        }
        checkSubset(parts);

        Recur<Temporal> parsed;
        try {
            parsed = new Recur<>(parts.entrySet().stream()
                    .map(part -> part.getKey() + "=" + part.getValue())
                    .collect(Collectors.joining(";")));
        } catch (RuntimeException e) {
            throw invalid(Message.of("jobs.rrule.invalid"));
        }
        End end;
        if (parsed.getCount() > 0) {
            end = new Count(parsed.getCount());
        } else if (parsed.getUntil() instanceof LocalDate date) {
            end = new UntilDate(date);
        } else if (parsed.getUntil() instanceof OffsetDateTime dateTime) {
            end = new UntilInstant(dateTime.toInstant());
        } else if (parsed.getUntil() == null) {
            end = new Forever();
        } else {
            throw invalid(Message.of("jobs.rrule.until-format"));
        }
        return new RecurrenceRule(parsed.getFrequency(), Math.max(parsed.getInterval(), 1),
                parsed.getDayList(), parsed.getMonthDayList(), end);
    }

    /** What ical4j would accept but Fieldstone does not, each refused with a message that names the part. */
    private static void checkSubset(Map<String, String> parts) {
        String frequency = parts.get("FREQ");
        if (frequency == null) {
            throw invalid(Message.of("jobs.rrule.freq-required"));
        }
        if (!List.of("DAILY", "WEEKLY", "MONTHLY").contains(frequency)) {
            throw invalid(Message.of("jobs.rrule.freq-unsupported", shortened(frequency)));
        }
        String interval = parts.get("INTERVAL");
        if (interval != null && !inRange(interval, 1, MAX_INTERVAL)) {
            throw invalid(Message.of("jobs.rrule.interval", MAX_INTERVAL));
        }
        String days = parts.get("BYDAY");
        if (days != null) {
            switch (frequency) {
                case "DAILY" -> throw invalid(Message.of("jobs.rrule.byday-daily"));
                case "WEEKLY" -> {
                    if (!eachMatches(days, PLAIN_DAY)) {
                        throw invalid(Message.of("jobs.rrule.byday-weekly"));
                    }
                }
                default -> {
                    if (!eachMatches(days, ORDINAL_DAY)) {
                        throw invalid(Message.of("jobs.rrule.byday-monthly"));
                    }
                }
            }
        }
        String monthDays = parts.get("BYMONTHDAY");
        if (monthDays != null) {
            if (!frequency.equals("MONTHLY")) {
                throw invalid(Message.of("jobs.rrule.bymonthday-monthly"));
            }
            if (!eachMatches(monthDays, MONTH_DAY) || Stream.of(monthDays.split(",")).anyMatch(day -> {
                int number = Math.abs(Integer.parseInt(day));
                return number < 1 || number > 31;
            })) {
                throw invalid(Message.of("jobs.rrule.bymonthday"));
            }
        }
        String count = parts.get("COUNT");
        String until = parts.get("UNTIL");
        if (count != null && until != null) {
            throw invalid(Message.of("jobs.rrule.count-and-until"));
        }
        if (count != null && !inRange(count, 1, MAX_COUNT)) {
            throw invalid(Message.of("jobs.rrule.count", MAX_COUNT));
        }
        if (until != null) {
            if (!UNTIL.matcher(until).matches()) {
                throw invalid(Message.of("jobs.rrule.until-format"));
            }
            try {
                (until.length() == 8 ? UNTIL_DATE : UNTIL_UTC).parse(until);
            } catch (DateTimeException e) {
                throw invalid(Message.of("jobs.rrule.until-unreal", until));
            }
        }
    }

    /** The rule in a normal form: parts in a fixed order, days sorted, INTERVAL=1 left out. */
    public String text() {
        return text;
    }

    /**
     * The local start times of the occurrences whose instant in {@code zone} falls in [{@code from}, {@code to}),
     * in order. A time in a daylight-saving gap is moved forward by the gap; an ambiguous time takes the earlier
     * offset. The series is expanded from {@code first}, so a window far from it costs one step per interval.
     */
    public List<LocalDateTime> occurrences(LocalDateTime first, ZoneId zone, Instant from, Instant to) {
        Objects.requireNonNull(first, "first");
        if (!from.isBefore(to)) {
            return List.of();
        }
        return series(first, zone, LocalDateTime.ofInstant(from, zone).minusDays(1),
                LocalDateTime.ofInstant(to, zone).plusDays(1)).stream()
                .filter(occurrence -> !occurrence.toInstant().isBefore(from) && occurrence.toInstant().isBefore(to))
                .map(ZonedDateTime::toLocalDateTime)
                .toList();
    }

    /**
     * Whether {@code at} is an occurrence of the series, comparing wall-clock times. A UTC UNTIL is read as if the
     * company's clock were the furthest ahead of any; {@link #isOccurrence(LocalDateTime, ZoneId, LocalDateTime)}
     * is exact.
     */
    public boolean isOccurrence(LocalDateTime first, LocalDateTime at) {
        return isOccurrence(first, WALL_CLOCK, at);
    }

    /** Whether {@code at} is an occurrence of the series in {@code zone} (a time in a gap as it is moved). */
    public boolean isOccurrence(LocalDateTime first, ZoneId zone, LocalDateTime at) {
        LocalDateTime local = at.atZone(zone).toLocalDateTime();
        return series(first, zone, local.minusDays(1), local.plusDays(1)).stream()
                .anyMatch(occurrence -> occurrence.toLocalDateTime().equals(local));
    }

    /**
     * The number of occurrences strictly before {@code at}, comparing wall-clock times. A UTC UNTIL is read as in
     * {@link #isOccurrence(LocalDateTime, LocalDateTime)}; {@link #countBefore(LocalDateTime, ZoneId, LocalDateTime)}
     * is exact.
     */
    public int countBefore(LocalDateTime first, LocalDateTime at) {
        return countBefore(first, WALL_CLOCK, at);
    }

    /** The number of occurrences that start strictly before {@code at} in {@code zone}. */
    public int countBefore(LocalDateTime first, ZoneId zone, LocalDateTime at) {
        return before(first, zone, at).size();
    }

    /**
     * The rule cut so that its last occurrence is the one before {@code at}, for "this and following" edits: a COUNT
     * rule gets COUNT = {@link #countBefore}, any other UNTIL = that last occurrence, in UTC as RFC 5545 asks.
     * Empty when no occurrence is left before {@code at}.
     */
    public Optional<RecurrenceRule> endingBefore(LocalDateTime first, ZoneId zone, LocalDateTime at) {
        List<ZonedDateTime> before = before(first, zone, at);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        End cut = switch (end) {
            case Count count -> new Count(before.size());
            // UNTIL has whole seconds: rounding up keeps a last occurrence that has a fraction of one
            default -> {
                Instant last = before.getLast().toInstant();
                Instant whole = last.truncatedTo(SECONDS);
                yield new UntilInstant(whole.equals(last) ? whole : whole.plusSeconds(1));
            }
        };
        return Optional.of(new RecurrenceRule(frequency, interval, days, monthDays, cut));
    }

    /**
     * The rule for the rest of the series from occurrence {@code at} on, moved so that {@code at} becomes
     * {@code newFirst}, the first occurrence of the new series. COUNT is reduced by {@link #countBefore}; the BYDAY
     * or BYMONTHDAY entry that gives {@code at} moves by the days between {@code at} and {@code newFirst}, the
     * others stay (a Monday and Wednesday weekly series moved from Monday to Tuesday runs on Tuesday and Wednesday;
     * an ordinal day takes the week of the month of {@code newFirst}; day 31 moved a day on is day 1, the last day
     * moved a day on is day 1, day 1 moved a day back is the last day); a move that would merge two days or drop an
     * occurrence between the old and the new day is refused ({@link InvalidInput}) — move that visit alone instead; a date UNTIL moves by the same days and
     * a UTC UNTIL by the same wall-clock time, so that the last occurrence moves along and is kept.
     *
     * @throws IllegalArgumentException if a COUNT rule has no occurrence left from {@code at}
     */
    public RecurrenceRule continuing(LocalDateTime first, LocalDateTime at, LocalDateTime newFirst) {
        long shift = DAYS.between(at.toLocalDate(), newFirst.toLocalDate());
        End rest = switch (end) {
            case Forever forever -> forever;
            case Count(int times) -> {
                int left = times - countBefore(first, at);
                if (left < 1) {
                    throw new IllegalArgumentException("The series has no occurrence left from " + at + ".");
                }
                yield new Count(left);
            }
            case UntilDate(LocalDate date) -> new UntilDate(date.plusDays(shift));
            case UntilInstant(Instant instant) -> new UntilInstant(instant.plus(Duration.between(at, newFirst)));
        };
        // only the day that gives `at` moves (Monday → Thursday of a Monday-and-Friday series: Thursday and Friday);
        // a day of a rule `at` is no occurrence of moves all days along
        LocalDate from = at.toLocalDate();
        boolean dayGivesAt = days.stream().anyMatch(day -> gives(day, from));
        List<WeekDay> movedDays = days.stream()
                .map(day -> !dayGivesAt ? moved(day, null, shift) : gives(day, from) ? moved(day, newFirst.toLocalDate(), shift) : day)
                .toList();
        boolean monthDayGivesAt = monthDays.stream().anyMatch(day -> gives(day, from));
        List<Integer> movedMonthDays = monthDays.stream()
                .map(day -> !monthDayGivesAt || gives(day, from) ? movedMonthDay(day, shift) : day)
                .toList();
        if (shift != 0 && (movedDays.stream().distinct().count() < movedDays.size()
                || movedMonthDays.stream().distinct().count() < movedMonthDays.size())) {
            throw new InvalidInput("start", Message.of("jobs.refused.series-move-merges"));
        }
        if (shift != 0 && days.size() + monthDays.size() > 1) {
            // another occurrence between the old and the new day would be dropped with the rest of the old series
            int before = countBefore(first, at);
            int beforeNew = countBefore(first, newFirst);
            if (newFirst.isAfter(at) ? beforeNew - before > 1 : before - beforeNew > 0) {
                throw new InvalidInput("start", Message.of("jobs.refused.series-move-past"));
            }
        }
        return new RecurrenceRule(frequency, interval, movedDays, movedMonthDays, rest);
    }

    /** Whether the BYDAY entry {@code day} falls on {@code date} (an ordinal one counting in {@code date}'s month). */
    private static boolean gives(WeekDay day, LocalDate date) {
        if (WeekDay.getDayOfWeek(day) != date.getDayOfWeek()) {
            return false;
        }
        return day.getOffset() == 0 || day.getOffset() == ordinal(date, day.getOffset() < 0);
    }

    /** Whether the BYMONTHDAY entry {@code day} (1..31, or -1..-31 from the month's end) falls on {@code date}. */
    private static boolean gives(int day, LocalDate date) {
        return day > 0 ? date.getDayOfMonth() == day : date.getDayOfMonth() - date.lengthOfMonth() - 1 == day;
    }

    /** The week of the month {@code date}'s weekday falls in: 1..5 from the start, or -1..-5 from the end. */
    private static int ordinal(LocalDate date, boolean fromEnd) {
        return fromEnd ? -((date.lengthOfMonth() - date.getDayOfMonth()) / 7 + 1) : (date.getDayOfMonth() - 1) / 7 + 1;
    }

    /**
     * A BYDAY entry moved by {@code shift} days: its weekday, and for an ordinal entry the week of the month of
     * {@code to} (null: the same week number).
     */
    private static WeekDay moved(WeekDay day, LocalDate to, long shift) {
        if (day.getOffset() == 0 || to == null) {
            return new WeekDay(WeekDay.getWeekDay(WeekDay.getDayOfWeek(day).plus(shift)), day.getOffset());
        }
        return new WeekDay(WeekDay.getWeekDay(WeekDay.getDayOfWeek(day).plus(shift)), ordinal(to, day.getOffset() < 0));
    }

    /**
     * Days of the month run 1..31 from its start and -1..-31 back from its end; a day moved past the end
     * continues at the start of the next month and one moved before the start at the end of the previous.
     */
    private static int movedMonthDay(int day, long shift) {
        long moved = day + shift;
        if (day > 0 && moved < 1) {
            moved -= 1; // 0 is the last day of the month before
        } else if (day < 0 && moved > -1) {
            moved += 1; // 0 is the first day of the month after
        }
        if (moved > 31) {
            moved = (moved - 1) % 31 + 1;
        } else if (moved < -31) {
            moved = -((-moved - 1) % 31 + 1);
        }
        return (int) moved;
    }

    /** A short description for the UI (see {@link #describe(ZoneId)}); a UTC UNTIL is shown as its date in UTC. */
    public Message describe() {
        return describe(ZoneOffset.UTC);
    }

    /**
     * A short description for the UI, like "Every 2 weeks on Monday and Thursday, 10 times" or "Monthly on day 15
     * until 31 Mar 2027", as a message: a code per shape of rule ({@code jobs.rrule.describe.*}, the interval as
     * argument), the days it names as messages of their own, wrapped in {@code jobs.rrule.describe.count} or
     * {@code .until} when it ends. A UTC UNTIL is shown as its date in {@code zone}.
     */
    public Message describe(ZoneId zone) {
        Message rule;
        if (!monthDays.isEmpty()) {
            List<Message> named = new ArrayList<>();
            List<Integer> positive = monthDays.stream().filter(day -> day > 0).toList();
            if (!positive.isEmpty()) {
                named.add(Message.of("jobs.rrule.month-days", positive.size(),
                        listed(positive.stream().<Object>map(String::valueOf).toList(), false)));
            }
            monthDays.stream().filter(day -> day < 0).map(day -> Message.of("jobs.rrule.month-day-from-end", -day))
                    .forEach(named::add);
            Message on = listed(new ArrayList<>(named), false);
            rule = days.isEmpty() ? Message.of("jobs.rrule.describe.monthly-on", interval, on)
                    : Message.of("jobs.rrule.describe.monthly-on-if", interval, on,
                            listed(days.stream().<Object>map(RecurrenceRule::dayName).toList(), true));
        } else if (!days.isEmpty()) {
            Message on = listed(days.stream().<Object>map(day -> frequency == Frequency.MONTHLY && day.getOffset() == 0
                    ? Message.of("jobs.rrule.every-weekday", dayName(day))
                    : day.getOffset() == 0 ? dayName(day)
                    : Message.of("jobs.rrule.nth-weekday", day.getOffset(), dayName(day))).toList(), false);
            rule = switch (frequency) {
                case DAILY -> Message.of("jobs.rrule.describe.daily-on", interval, on);
                case WEEKLY -> Message.of("jobs.rrule.describe.weekly-on", interval, on);
                default -> Message.of("jobs.rrule.describe.monthly-on", interval, on);
            };
        } else {
            rule = switch (frequency) {
                case DAILY -> Message.of("jobs.rrule.describe.daily", interval);
                case WEEKLY -> Message.of("jobs.rrule.describe.weekly", interval);
                default -> Message.of("jobs.rrule.describe.monthly", interval);
            };
        }
        return switch (end) {
            case Forever forever -> rule;
            case Count(int times) -> Message.of("jobs.rrule.describe.count", rule, times);
            case UntilDate(LocalDate date) -> Message.of("jobs.rrule.describe.until", rule, date(date));
            case UntilInstant(Instant instant) -> Message.of("jobs.rrule.describe.until", rule,
                    date(instant.atZone(zone).toLocalDate()));
        };
    }

    /** The occurrences that start strictly before {@code at} in {@code zone}. */
    private List<ZonedDateTime> before(LocalDateTime first, ZoneId zone, LocalDateTime at) {
        Instant limit = at.atZone(zone).toInstant();
        return series(first, zone, first, at.plusDays(1)).stream()
                .filter(occurrence -> occurrence.toInstant().isBefore(limit))
                .toList();
    }

    /**
     * The series in order, each occurrence placed in {@code zone}: all of those whose wall-clock time lies in
     * [{@code notBefore}, {@code notAfter}], maybe some before, none far after.
     */
    private List<ZonedDateTime> series(LocalDateTime first, ZoneId zone, LocalDateTime notBefore, LocalDateTime notAfter) {
        LocalDateTime periodEnd = switch (end) {
            case UntilDate(LocalDate date) -> earlier(notAfter, date.atTime(LocalTime.MAX));
            case UntilInstant(Instant instant) -> earlier(notAfter, LocalDateTime.ofInstant(instant, zone).plusDays(1));
            default -> notAfter;
        };
        if (periodEnd.isBefore(first)) {
            return List.of();
        }
        // Without COUNT, ical4j steps from first to the window without expanding the steps in between (it
        // starts expanding one step early, so a step that began before the window still yields its occurrences).
        LocalDateTime periodStart = end instanceof Count ? first : later(first, notBefore);
        List<LocalDateTime> expanded = end instanceof Count(int times)
                ? expansion.getDates(first, periodStart, periodEnd, times)
                : expansion.getDates(first, periodStart, periodEnd);
        Stream<LocalDateTime> wallClock = Stream.concat(
                periodStart.equals(first) ? Stream.of(first) : Stream.<LocalDateTime>empty(),
                expanded.stream().filter(date -> date.isAfter(first)));
        if (end instanceof Count(int times)) {
            wallClock = wallClock.limit(times);
        }
        Stream<ZonedDateTime> placed = wallClock.map(date -> date.atZone(zone));
        return switch (end) {
            case UntilDate(LocalDate date) -> placed.takeWhile(occurrence -> !occurrence.toLocalDate().isAfter(date)).toList();
            case UntilInstant(Instant instant) -> placed.takeWhile(occurrence -> !occurrence.toInstant().isAfter(instant)).toList();
            default -> placed.toList();
        };
    }

    private static LocalDateTime earlier(LocalDateTime one, LocalDateTime other) {
        return one.isBefore(other) ? one : other;
    }

    private static LocalDateTime later(LocalDateTime one, LocalDateTime other) {
        return one.isAfter(other) ? one : other;
    }

    /** A day of the week, e.g. Monday: {@code jobs.rrule.day.MO} …. */
    private static Message dayName(WeekDay day) {
        return Message.of("jobs.rrule.day." + WeekDay.getDayOfWeek(day).name().substring(0, 2));
    }

    /** A date like "31 Mar 2027": {@code jobs.rrule.date}, the month a message of its own. */
    private static Message date(LocalDate date) {
        return Message.of("jobs.rrule.date", date.getDayOfMonth(), Message.of("jobs.month." + date.getMonthValue()),
                date.getYear());
    }

    /** "a", "a and b", "a, b and c" (or "… or c"): {@code jobs.list} and {@code jobs.rrule.and}/{@code .or}. */
    private static Message listed(List<?> items, boolean or) {
        Object listed = items.getFirst();
        if (items.size() == 1) {
            return listed instanceof Message message ? message : Message.of("jobs.rrule.one", listed);
        }
        for (Object item : items.subList(1, items.size() - 1)) {
            listed = Message.of("jobs.list", listed, item);
        }
        return or ? Message.of("jobs.rrule.or", listed, items.getLast())
                : Message.of("jobs.rrule.and", listed, items.getLast());
    }

    private static boolean inRange(String value, int min, int max) {
        if (!NUMBER.matcher(value).matches()) {
            return false;
        }
        int number = Integer.parseInt(value);
        return number >= min && number <= max;
    }

    private static boolean eachMatches(String list, Pattern item) {
        return Stream.of(list.split(",", -1)).allMatch(value -> item.matcher(value).matches());
    }

    private static String shortened(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }

    private static InvalidInput invalid(Message message) {
        return new InvalidInput(FIELD, message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecurrenceRule rule && rule.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
