package org.fieldstone.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus rules file shipped in {@code ops/prometheus}: valid YAML in Prometheus' layout, one alert per
 * application rule, and the metrics it names ({@link #metricsNamed()}; that they are exported is
 * {@code MonitoringContract}'s).
 */
class AlertRulesFileTests {

    static final Path FILE = Path.of("ops/prometheus/fieldstone-alerts.yml");

    @Test
    @SuppressWarnings("unchecked")
    void isPrometheusRulesYamlWithOneAlertPerApplicationRule() throws IOException {
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(FILE)) {
            root = new Yaml().load(reader);
        }
        List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
        assertThat(groups).hasSize(1);
        List<Map<String, Object>> rules = (List<Map<String, Object>>) groups.get(0).get("rules");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r).containsKeys("alert", "expr", "labels", "annotations");
            assertThat((String) r.get("alert")).startsWith("Fieldstone");
            assertThat(r.get("expr").toString()).isNotBlank();
        });
        Set<String> alerts = rules.stream().map(r -> (String) r.get("alert")).collect(Collectors.toSet());
        Set<String> expected = Arrays.stream(AlertRule.values()).map(r -> "Fieldstone" + Arrays.stream(r.id().split("-"))
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining()))
                .collect(Collectors.toSet());
        assertThat(alerts).isEqualTo(expected);
    }

    /** The metric names the rules file's expressions use. */
    static Set<String> metricsNamed() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:fieldstone|http_server)_[a-z_]+)").matcher(Files.readString(FILE));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void namesOnlyFieldstoneAndRequestMetrics() throws IOException {
        assertThat(metricsNamed()).contains("http_server_requests_seconds_count", "fieldstone_disk_free_ratio",
                "fieldstone_login_failures_total", "fieldstone_backup_age_max");
    }
}
