package org.fieldstone.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.fieldstone.shared.web.FormText.Differences;
import org.junit.jupiter.api.Test;

class FormTextTests {

    @Test
    void readsTextAsTyped() {
        assertThat(FormText.text(null)).isEmpty();
        assertThat(FormText.blank(" \t")).isTrue();
        assertThat(FormText.blankToNull("  x ")).isEqualTo("x");
        assertThat(FormText.blankToNull("   ")).isNull();
        assertThat(FormText.tagList(" vip, ,north ,")).isEqualTo(List.of("vip", "north"));
        assertThat(FormText.tagList(null)).isEmpty();
    }

    @Test
    void differencesHoldTheCurrentValuesWhereTheyDifferIgnoringSurroundingBlanks() {
        Map<String, String> theirs = new Differences().field("name", "Ada ", "Ada").field("email", "a@x.test", "b@x.test")
                .field("notes", null, "").fieldIf(true, "tags", "vip").fieldIf(false, "country", "CH").map();
        assertThat(theirs).containsExactly(Map.entry("email", "b@x.test"), Map.entry("tags", "vip"));
    }
}
