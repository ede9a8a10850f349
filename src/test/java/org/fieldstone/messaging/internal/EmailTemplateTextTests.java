package org.fieldstone.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates are text with placeholders, nothing more: replaced once, as given, and unknown names found. */
class EmailTemplateTextTests {

    @Test
    void replacesKnownPlaceholdersOnceAsPlainText() {
        String text = TemplateText.render("Hi {{client.name}}, {{ document.number }} for {{document.total}}.{{link}}",
                Map.of("client.name", "{{company.name}} ${7*7} #{x} <b>", "document.number", "Q-0007",
                        "document.total", "CHF 1.00", "company.name", "ACME"));
        assertThat(text).isEqualTo("Hi {{company.name}} ${7*7} #{x} <b>, Q-0007 for CHF 1.00.");
    }

    @Test
    void findsUnknownPlaceholdersButNotTheKnownOnes() {
        assertThat(TemplateText.unknownPlaceholders("{{client.name}} {{T(java.lang.Runtime).getRuntime()}} {{ x }} {{}}"))
                .containsExactly("T(java.lang.Runtime).getRuntime()", "x", "");
        assertThat(TemplateText.unknownPlaceholders("{{document.dueOn}} {{document.expiresOn}} {{company.name}} {{link}} {single}"))
                .isEmpty();
    }
}
