package org.fieldstone.notifications.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.notifications.NotificationKind;

/**
 * Logic-less templates (JMustache, decision 0058): a template names variables — {@code {{client.name}}} — from a flat
 * map of strings built from the event; no sections, no partials, no method calls, no objects. A value is inserted as
 * it is and never evaluated again, so a client named {@code {{company.name}}} stays that text (no template
 * injection). Only email HTML would escape; every channel here is plain text.
 */
final class NotificationTemplates {

    /** The variables a template may use; any other is refused on save. */
    static final Set<String> VARIABLES = Set.of("company.name", "client.name", "visit.start", "visit.end",
            "technician.name", "job.number", "job.title", "document.number", "link", "text", "items", "file",
            "signature");

    /** Sample values for the preview in settings. */
    static final Map<String, String> SAMPLE = Map.ofEntries(Map.entry("company.name", "Acme Plumbing"),
            Map.entry("client.name", "Ada Lovelace"), Map.entry("visit.start", "Tue 14 May 2030, 09:00"),
            Map.entry("visit.end", "Tue 14 May 2030, 11:00"), Map.entry("technician.name", "Sam Fixer"),
            Map.entry("job.number", "J-0042"), Map.entry("job.title", "Boiler service"),
            Map.entry("document.number", "Q-0007"), Map.entry("link", "https://fieldstone.example/p/abc"),
            Map.entry("text", "See you soon"), Map.entry("items", "3"), Map.entry("file", "photo.jpg"),
            Map.entry("signature", "Eicar-Test-Signature"));

    private static final Mustache.Compiler PLAIN = Mustache.compiler().escapeHTML(false).defaultValue("");

    private NotificationTemplates() {
    }

    /** Renders {@code template} with {@code values}; a variable without a value renders empty. */
    static String render(String template, Map<String, String> values) {
        return PLAIN.compile(template == null ? "" : template).execute(values);
    }

    /**
     * What is wrong with a template as a list of message codes (empty: fine): it does not parse, uses a section
     * or partial, or names a variable that is not one of {@link #VARIABLES}.
     */
    static List<String> problems(String template) {
        List<String> problems = new ArrayList<>();
        Template compiled;
        try {
            compiled = PLAIN.compile(template == null ? "" : template);
        } catch (MustacheException e) {
            return List.of("notifications.refused.template-syntax");
        }
        compiled.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                if (!VARIABLES.contains(name) && !problems.contains("notifications.refused.template-variable")) {
                    problems.add("notifications.refused.template-variable");
                }
            }

            @Override
            public boolean visitInclude(String name) {
                refuse();
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                refuse();
                return false;
            }

            @Override
            public boolean visitBlock(String name) {
                refuse();
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                refuse();
                return false;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                refuse();
                return false;
            }

            private void refuse() {
                if (!problems.contains("notifications.refused.template-section")) {
                    problems.add("notifications.refused.template-section");
                }
            }
        });
        return problems;
    }

    /** The unknown variable names of a template, for the field message. */
    static List<String> unknownVariables(String template) {
        List<String> unknown = new ArrayList<>();
        try {
            PLAIN.compile(template == null ? "" : template).visit(new Mustache.Visitor() {
                public void visitText(String text) {
                }

                public void visitVariable(String name) {
                    if (!VARIABLES.contains(name)) {
                        unknown.add(name);
                    }
                }

                public boolean visitInclude(String name) {
                    return false;
                }

                public boolean visitSection(String name) {
                    return false;
                }

                public boolean visitInvertedSection(String name) {
                    return false;
                }
            });
        } catch (MustacheException e) {
            return List.of();
        }
        return unknown;
    }

    /** The message key of a kind's default template part ({@code subject} or {@code body}) on a channel. */
    static String defaultKey(NotificationKind kind, String part) {
        return "notifications.template." + kind.code() + "." + part;
    }
}
