package org.fieldstone.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each request path falls in one of a few groups: a slug or an id never becomes a tag value. */
class EndpointGroupTests {

    @ParameterizedTest
    @CsvSource({
            "/c/acme/jobs/42, dashboard",
            "/c/acme, dashboard",
            "/c/acme/mcp, mcp",
            "/.well-known/oauth-protected-resource/c/acme/mcp, mcp",
            "/c/acme/oauth2/token, oauth",
            "/.well-known/oauth-authorization-server/c/acme, oauth",
            "/api/v1/clients, api",
            "/v3/api-docs, api",
            "/p/quote/abc, portal",
            "/webhooks/stripe/acme, webhooks",
            "/status, status",
            "/status.json, status",
            "/actuator/health/readiness, status",
            "/.well-known/security.txt, status",
            "/css/app.css, static",
            "/favicon.ico, static",
            "/, other",
            "/wp-login.php, other",
            "/cacme, other"})
    void groupsPathsByTheInterfaceTheyBelongTo(String path, String group) {
        assertThat(EndpointGroup.of(path).tag()).isEqualTo(group);
    }
}
