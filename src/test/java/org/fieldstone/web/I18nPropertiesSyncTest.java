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
 * Every message key the templates use exists in {@code messages.properties}, and templates hold no hard-coded
 * user-facing text (in the spirit of spring-petclinic's test of the same name). Plain files, no Spring: a missing key
 * fails the build rather than showing {@code ??key??}, and English typed into a template fails it too.
 */
class I18nPropertiesSyncTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path MESSAGES = Path.of("src/main/resources/messages.properties");
    /** {@code #{key}} and {@code #{key(args)}}; keys are dotted words. */
    private static final Pattern KEY = Pattern.compile("#\\{([A-Za-z][\\w.-]*)");

    @Test
    void everyKeyUsedInATemplateIsInMessagesProperties() throws IOException {
        Properties messages = new Properties();
        try (Reader in = Files.newBufferedReader(MESSAGES, StandardCharsets.UTF_8)) {
            messages.load(in);
        }
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
