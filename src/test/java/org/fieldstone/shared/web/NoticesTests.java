package org.fieldstone.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;

class NoticesTests {

    @Test
    void aKnownNoticeIsShownAsItsMessageCode() {
        ExtendedModelMap model = new ExtendedModelMap();
        Notices.show(model, "removed", "payments.settings", "saved", "removed");
        assertThat(model.get("notice")).isEqualTo("payments.settings.removed");
    }

    @Test
    void anUnknownOrAbsentNoticeShowsNothing() {
        for (String notice : new String[] {null, "", "Saved", "saved.x", "${7*7}"}) {
            ExtendedModelMap model = new ExtendedModelMap();
            Notices.show(model, notice, "assistant.settings", "saved", "removed");
            assertThat(model.containsAttribute("notice")).as(String.valueOf(notice)).isFalse();
        }
    }
}
