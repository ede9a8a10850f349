package org.fieldstone.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Health and metrics as the operator and the load balancer see them: the public port answers health with its status
 * only and no metrics; the management port (loopback) serves the health groups with every indicator and Prometheus
 * with the request, pool, disk, certificate, outbox, scan, audit and sign-in metrics the alert rules use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MonitoringContract {

    /** Reported by the backup job (issue 17's metric contract), not by this module. */

    @Autowired Fixtures fixtures;
    @Value("${server.port}") int port;
    @Value("${management.server.port}") int managementPort;

    final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    TestCompany company;

    @BeforeAll
    void company() {
        company = fixtures.company("monitoring");
    }

    HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void publicPortAnswersHealthWithItsStatusOnly() {
        Https https = new Https(port);
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Https.Response r = https.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).matches("\\{\"status\":\"(UP|DEGRADED)\"}");
        }
        assertThat(https.get("/actuator/health/readiness").body()).doesNotContain("controlPlane", "components");
    }

    @Test
    void publicPortServesNoMetricsAndNoOtherActuatorEndpoint() {
        Https https = new Https(port);
        for (String path : new String[] {"/actuator/prometheus", "/actuator", "/actuator/health/readiness/controlPlane",
                "/actuator/env", "/actuator/metrics"}) {
            Https.Response r = https.get(path);
            assertThat(r.status()).as(path).isNotEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain("# TYPE", "jvm_", "http_server_requests");
        }
    }

    @Test
    void managementPortServesTheHealthGroupsWithEveryIndicator() throws Exception {
        HttpResponse<String> readiness = management("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"readinessState\"", "\"controlPlane\"", "\"companyDatabases\"",
                "\"secretStore\"", "\"clamd\"", "\"backupAge\"", "\"diskFree\"", "\"certificate\"", "\"notAfter\"");
        assertThat(readiness.body()).doesNotContain("\"status\":\"DOWN\"");
        HttpResponse<String> liveness = management("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"livenessState\"").doesNotContain("controlPlane");
        // the management port serves the actuator and nothing else
        assertThat(management("/c/" + company.slug() + "/login").statusCode()).isIn(403, 404);
    }

    @Test
    void prometheusOnTheManagementPortHasTheMetricsTheAlertRulesUse() throws Exception {
        Https https = new Https(port);
        assertThat(https.get("/api/v1/clients", company.apiKey(company.owner(), java.util.Optional.empty())).status()).isEqualTo(200);
        // a failed sign-in counts for its company
        assertThat(new Https(port).signIn(company.slug(), company.ownerEmail(), "not the password at all").status())
                .isNotEqualTo(302);
        HttpResponse<String> scrape = management("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        String body = scrape.body();
        assertThat(body).containsPattern("http_server_requests_seconds_count\\{[^}]*group=\"api\"[^}]*uri=\"/api/v1/clients\"")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*group=\"api\"")
                .containsPattern("fieldstone_login_failures_total\\{[^}]*company=\"" + company.slug() + "\"")
                .contains("fieldstone_company_pools_open", "fieldstone_disk_free_ratio",
                        "fieldstone_tls_certificate_expiry_seconds", "fieldstone_outbox_backlog",
                        "fieldstone_files_scan_backlog", "fieldstone_audit_verification_failures_total",
                        "fieldstone_audit_anchor_lag_seconds");
        assertThat(body).doesNotContainPattern("group=\"" + company.slug() + "\"");

        Set<String> exported = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE ([a-z_]+) ").matcher(body);
        while (m.find()) {
            exported.add(m.group(1));
            exported.add(m.group(1) + "_count");
            exported.add(m.group(1) + "_bucket");
        }
        Set<String> named = new TreeSet<>(AlertRulesFileTests.metricsNamed());
        assertThat(exported).as("every metric the Prometheus rules file names is exported").containsAll(named);
    }
}
