package org.fieldstone.messaging.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.messaging.EmailTemplate;

/**
 * The one thing a template does: {@code {{name}}} replaced by a value as plain text, in one pass (a value that looks
 * like a placeholder stays as it is). No expression language ever sees a company's text.
 */
final class TemplateText {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private TemplateText() {
    }

    /** The placeholders {@code text} uses that are not {@link EmailTemplate#PLACEHOLDERS}, in order. */
    static Set<String> unknownPlaceholders(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!EmailTemplate.PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** {@code text} with each known placeholder replaced by its value (empty where there is none). */
    static String render(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
