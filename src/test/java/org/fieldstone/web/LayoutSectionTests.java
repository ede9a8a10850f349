package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which navigation item a page's path marks as current: the grouping the navigation shows, not the URL's. */
class LayoutSectionTests {

    @Test
    void eachPathBelongsToTheItemThatLeadsToIt() {
        assertThat(Layout.section("/c/acme/")).isEqualTo("home");
        assertThat(Layout.section("/c/acme")).isEqualTo("home");
        assertThat(Layout.section("/c/acme/jobs/123/edit")).isEqualTo("jobs");
        assertThat(Layout.section("/c/acme/my-day")).isEqualTo("myday");
        assertThat(Layout.section("/c/acme/schedule/visits/1")).isEqualTo("schedule");
        assertThat(Layout.section("/c/acme/reports/aging")).isEqualTo("reports");
        assertThat(Layout.section("/c/acme/reports")).isEqualTo("reports");
        // grouped under Settings although their addresses say otherwise
        assertThat(Layout.section("/c/acme/reports/audit-log")).isEqualTo("settings");
        assertThat(Layout.section("/c/acme/team")).isEqualTo("settings");
        assertThat(Layout.section("/c/acme/account/api-keys")).isEqualTo("settings");
        assertThat(Layout.section("/c/acme/settings/pricing")).isEqualTo("settings");
        // the user's own things
        assertThat(Layout.section("/c/acme/account/mfa")).isEqualTo("account");
        assertThat(Layout.section("/c/acme/schedule/subscription")).isEqualTo("account");
        // outside a company, or an address no item leads to
        assertThat(Layout.section("/")).isEmpty();
        assertThat(Layout.section("/api/v1/jobs")).isEmpty();
        assertThat(Layout.section("/c/acme/login")).isEmpty();
    }
}
