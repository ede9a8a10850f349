package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message key the templates and the Java code use exists in {@code messages.properties}, templates hold no
 * hard-coded user-facing text, and no module builds a refusal from English (in the spirit of spring-petclinic's test
 * of the same name). Plain files, no Spring: a missing key fails the build rather than
 * showing {@code ??key??} or failing a refusal, and English typed into a template or a refusal fails it too.
 */
class I18nPropertiesSyncTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path MESSAGES = Path.of("src/main/resources/messages.properties");
    private static final Path SOURCES = Path.of("src/main/java/org/fieldstone");
    /** {@code #{key}} and {@code #{key(args)}}; keys are dotted words. */
    private static final Pattern KEY = Pattern.compile("#\\{([A-Za-z][\\w.-]*)");

    @Test
    void everyKeyUsedInATemplateIsInMessagesProperties() throws IOException {
        Properties messages = messages();
        TreeSet<String> missing = new TreeSet<>();
        for (Path template : templates()) {
            Matcher m = KEY.matcher(Files.readString(template));
            while (m.find()) {
                if (!messages.containsKey(m.group(1))) {
                    missing.add(TEMPLATES.relativize(template) + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).as("keys used in templates but missing from messages.properties").isEmpty();
    }

    /**
     * A message code in Java: the literal first argument of {@code Message.of}, the one way a code is written. A
     * literal followed by {@code +} is a prefix (e.g. {@code "jobs.state." + status.name()}), checked on its own.
     */
    private static final Pattern CODE = Pattern.compile("\\bMessage\\.of\\(\\s*\"([^\"]*)\"(?!\\s*\\+)");

    @Test
    void everyMessageCodeUsedInJavaIsInMessagesProperties() throws IOException {
        Properties messages = messages();
        TreeSet<String> missing = new TreeSet<>();
        int codes = 0;
        for (Path source : sources(SOURCES)) {
            Matcher m = CODE.matcher(Files.readString(source));
            while (m.find()) {
                codes++;
                if (!messages.containsKey(m.group(1))) {
                    missing.add(SOURCES.relativize(source) + ": " + m.group(1));
                }
            }
        }
        assertThat(codes).as("Message.of(\"…\") calls found: the pattern still matches the code").isGreaterThan(100);
        assertThat(missing).as("message codes used in Java but missing from messages.properties").isEmpty();
    }

    /** {@code Properties} keeps the last of two equal keys: a key added again would silently replace the first. */
    @Test
    void everyKeyIsDefinedOnce() throws IOException {
        Set<String> seen = new java.util.HashSet<>();
        TreeSet<String> twice = new TreeSet<>();
        for (String line : Files.readAllLines(MESSAGES, StandardCharsets.UTF_8)) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#") && !entry.startsWith("!") && entry.contains("=")
                    && !seen.add(entry.substring(0, entry.indexOf('=')).strip())) {
                twice.add(entry.substring(0, entry.indexOf('=')).strip());
            }
        }
        assertThat(twice).as("keys defined twice in messages.properties").isEmpty();
    }

    /**
     * Codes built from a constant's name ({@code JobAggregate.state}, {@code CompanyStatus.word}): one key per
     * constant.
     */
    @Test
    void everyStatusHasItsWordForSentences() throws IOException {
        Properties messages = messages();
        List<String> missing = new ArrayList<>();
        for (var status : org.fieldstone.tenancy.CompanyStatus.values()) {
            if (!messages.containsKey(status.word().code())) {
                missing.add(status.word().code());
            }
        }
        for (var status : org.fieldstone.jobs.JobStatus.values()) {
            if (!messages.containsKey("jobs.state." + status.name())) {
                missing.add("jobs.state." + status.name());
            }
        }
        for (var day : java.time.DayOfWeek.values()) {
            for (String prefix : List.of("jobs.day.", "jobs.rrule.day.")) { // Conflicts.day, RecurrenceRule.dayName
                if (!messages.containsKey(prefix + day.name().substring(0, 2))) {
                    missing.add(prefix + day.name().substring(0, 2));
                }
            }
        }
        for (var month : java.time.Month.values()) { // RecurrenceRule.date
            if (!messages.containsKey("jobs.month." + month.getValue())) {
                missing.add("jobs.month." + month.getValue());
            }
        }
        for (var status : org.fieldstone.jobs.VisitStatus.values()) {
            if (!messages.containsKey("visits.state." + status.name())) {
                missing.add("visits.state." + status.name());
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * A record type's name in sentences ({@code RecordType.thing()}, e.g. "Someone else changed this job meanwhile"):
     * every entity type declared in {@code src/main/java} ({@code RecordType.of(table, "job", …)} or
     * {@code new RecordType(table, "job", …)}) has its {@code tenancy.record.*} key.
     */
    private static final Pattern ENTITY_TYPE =
            Pattern.compile("(?:new\\s+RecordType|RecordType\\.of)\\(\\s*[^,()]+,\\s*\"([a-z_]+)\"");

    @Test
    void everyRecordTypeHasItsName() throws IOException {
        Properties messages = messages();
        TreeSet<String> missing = new TreeSet<>();
        int types = 0;
        for (Path source : sources(SOURCES)) {
            Matcher m = ENTITY_TYPE.matcher(Files.readString(source));
            while (m.find()) {
                types++;
                if (!messages.containsKey("tenancy.record." + m.group(1))) {
                    missing.add(SOURCES.relativize(source) + ": tenancy.record." + m.group(1));
                }
            }
        }
        assertThat(types).as("record types found: the pattern still matches the code").isGreaterThan(10);
        assertThat(missing).as("record types without their name in messages.properties").isEmpty();
    }

    /**
     * A refusal built from a string literal: a kind of {@code DomainException} given text (any literal: even
     * {@code new NotFound("job")} names the thing in English), its name written in full or not
     * ({@code new org.fieldstone.shared.InvalidInput(…)}), a field error given a literal with a space (as second
     * argument of {@code InvalidInput}, of a collector's {@code add} or of {@code JsonFields.reject}), RecurrenceRule's
     * {@code invalid("…")}, or {@code Message.text}, the wrapper of English written in Java that is gone since every
     * module was converted. The kinds no longer have constructors taking a {@code String}, so the compiler refuses
     * most of these already; this rule keeps them from coming back.
     */
    static final Pattern ENGLISH_REFUSAL = Pattern.compile(
            "new\\s+(?:[\\w.]+\\.)?(?:Conflict|NotFound|Forbidden|Unauthenticated|TooManyRequests|VersionConflict)"
            + "\\(\\s*\"[^\"]*\""
            + "|new\\s+(?:[\\w.]+\\.)?InvalidInput\\((?:[^;\"]|\"[^\"]*\")*?,\\s*\"[^\"]*\\s[^\"]*\""
            + "|\\b(?:add|reject)\\([^;\"()]*(?:\"[^\"\\s]*\"[^;\"()]*)?,\\s*\"[^\"]*\\s[^\"]*\""
            + "|\\binvalid\\(\\s*\"|\\bMessage\\.text\\(");

    @Test
    void noModuleBuildsARefusalFromEnglish() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path source : sources(SOURCES)) {
            found.addAll(englishRefusals(source));
        }
        assertThat(found).as("refusals built from English: give them a code in messages.properties"
                + " and throw it as Message.of(\"code\", args…)").isEmpty();
    }

    static List<String> englishRefusals(Path source) throws IOException {
        List<String> found = new ArrayList<>();
        String java = Files.readString(source);
        Matcher m = ENGLISH_REFUSAL.matcher(java);
        while (m.find()) {
            int line = (int) java.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            found.add(source.getFileName() + ":" + line + ": " + m.group().replaceAll("\\s+", " "));
        }
        return found;
    }

    /** The rule above bites: each way of writing English into a refusal is found. */
    @Test
    void theEnglishRuleFindsEachWayOfWritingEnglish(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path rogue = dir.resolve("Rogue.java");
        Files.writeString(rogue, """
                class Rogue {
                    void refuse(JobInput input, JsonFields f) {
                        throw new Conflict("This job is done.");
                        throw new NotFound("job");
                        throw new InvalidInput("title", "Give it a title.");
                        throw new InvalidInput(field + "[" + i + "]", "Give it a title.");
                        input.add("title", "Give it a title.");
                        f.reject(field, "Use a number.");
                        throw invalid("Enter a rule.");
                        throw new Conflict(Message.text("Built " + here));
                        throw new org.fieldstone.shared.Forbidden("Only a user has sessions.");
                        throw new org.fieldstone.shared.InvalidInput("user", "Only a user has a calendar.");
                        throw new org.fieldstone.shared.NotFound("company");
                        throw new Conflict(Message.of("jobs.refused.delete", state));
                        throw new org.fieldstone.shared.InvalidInput("user", Message.of("schedule.refused.user-id"));
                        throw new InvalidInput("title", Message.of("jobs.refused.title-required"));
                        input.add(field + ".kind", Message.of("jobs.refused.line-kind"));
                        parts.add(property.street());
                    }
                }
                """);
        assertThat(englishRefusals(rogue)).hasSize(11);
    }

    private static Properties messages() throws IOException {
        Properties messages = new Properties();
        try (Reader in = Files.newBufferedReader(MESSAGES, StandardCharsets.UTF_8)) {
            messages.load(in);
        }
        return messages;
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /**
     * Text a template may hold as it is, each with its reason. Anything without a letter (punctuation such as
     * {@code —}, {@code ·}, {@code →}) is allowed anyway.
     */
    private static final Set<String> NOT_TRANSLATED = Set.of(
            "Fieldstone",              // the product's name, the same in every language
            "/c/",                     // the start of a company's address, shown before the input for the rest
            "FREQ=WEEKLY;BYDAY=MO,TH"  // an RFC 5545 recurrence rule as example: a syntax, not a sentence
    );
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("title", "placeholder", "aria-label", "alt");
    private static final Pattern TAG = Pattern.compile(
            "<(/?)([a-zA-Z][\\w-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*?)(/?)>|<!--.*?-->|<!DOCTYPE[^>]*>",
            Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Set<String> VOID = Set.of("meta", "link", "input", "br", "img", "hr", "source", "col");

    @Test
    void templatesHoldNoHardCodedUserFacingText() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path template : templates()) {
            String html = Files.readString(template);
            Deque<Boolean> replaced = new ArrayDeque<>(); // per open element: is its body set by th:text/th:utext?
            Deque<String> names = new ArrayDeque<>();
            Matcher tag = TAG.matcher(html);
            int last = 0;
            while (tag.find()) {
                text(html.substring(last, tag.start()), replaced, names, template, found);
                last = tag.end();
                if (tag.group(2) == null) {
                    continue; // a comment
                }
                String name = tag.group(2).toLowerCase();
                if (tag.group(1).isEmpty()) {
                    Matcher a = ATTRIBUTE.matcher(tag.group(3));
                    boolean body = false;
                    while (a.find()) {
                        String attribute = a.group(1);
                        body |= attribute.equals("th:text") || attribute.equals("th:utext");
                        if (TEXT_ATTRIBUTES.contains(attribute) && userFacing(a.group(2))) {
                            found.add(TEMPLATES.relativize(template) + ": " + attribute + "=\"" + a.group(2) + "\"");
                        }
                    }
                    if (!VOID.contains(name) && tag.group(4).isEmpty()) {
                        replaced.push(body);
                        names.push(name);
                    }
                } else {
                    while (!names.isEmpty() && !names.peek().equals(name)) {
                        names.pop();
                        replaced.pop();
                    }
                    if (!names.isEmpty()) {
                        names.pop();
                        replaced.pop();
                    }
                }
            }
        }
        assertThat(found).as("hard-coded text in templates: move it to messages.properties").isEmpty();
    }

    private static void text(String text, Deque<Boolean> replaced, Deque<String> names, Path template,
                             List<String> found) {
        if (replaced.contains(true) || names.contains("script") || names.contains("style")) {
            return;
        }
        if (userFacing(text.strip())) {
            found.add(TEMPLATES.relativize(template) + ": \"" + text.strip() + "\"");
        }
    }

    /** Words, rather than whitespace, punctuation or an expression Thymeleaf replaces. */
    private static boolean userFacing(String text) {
        return text.codePoints().anyMatch(Character::isLetter) && !NOT_TRANSLATED.contains(text.strip())
                && !text.strip().startsWith("[[");
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".html")).sorted().toList());
        }
    }
}
