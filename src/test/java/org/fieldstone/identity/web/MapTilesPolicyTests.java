package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The content security policy names the operator's map tile server, and only it, among the image sources, only when
 * one is configured; a setting that names no single origin (or tries to write more into the header) stops the start.
 */
class MapTilesPolicyTests {

    @Test
    void withoutATileServerImagesComeFromThisServerOnly() {
        assertThat(SecurityConfiguration.contentSecurityPolicy("")).isEqualTo(SecurityConfiguration.CSP)
                .contains("img-src 'self' data:;");
        assertThat(SecurityConfiguration.contentSecurityPolicy(null)).isEqualTo(SecurityConfiguration.CSP);
        assertThat(SecurityConfiguration.contentSecurityPolicy("  ")).doesNotContain("http");
    }

    @Test
    void aConfiguredTileServerIsAllowedForImagesAndNothingElse() {
        String csp = SecurityConfiguration.contentSecurityPolicy("https://tile.example.org/{z}/{x}/{y}.png");
        assertThat(csp).contains("img-src 'self' data: https://tile.example.org;")
                .contains("script-src 'self';").contains("connect-src 'self';").contains("style-src 'self';")
                .contains("default-src 'self';");
        // exactly one mention: the image sources
        assertThat(csp.split("tile\\.example\\.org", -1)).hasSize(2);
        assertThat(SecurityConfiguration.contentSecurityPolicy("HTTPS://Tiles.Example.org:8443/osm/{z}/{x}/{y}.png?key=abc"))
                .contains("img-src 'self' data: https://tiles.example.org:8443;").doesNotContain("key=abc");
    }

    @Test
    void aSettingThatNamesNoSingleOriginIsRefused() {
        for (String bad : new String[] {"tile.example.org/{z}/{x}/{y}.png", "ftp://tile.example.org/{z}.png",
                "https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://user:pw@tile.example.org/{z}.png",
                "https://tile.example.org; script-src *", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> SecurityConfiguration.contentSecurityPolicy(bad)).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("fieldstone.map.tile-url");
        }
    }
}
