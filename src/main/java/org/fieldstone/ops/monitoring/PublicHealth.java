package org.fieldstone.ops.monitoring;

import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health on the public port, status only: load balancers and orchestrators probe {@code /actuator/health},
 * {@code /actuator/health/liveness} and {@code /actuator/health/readiness} here, while the actuator itself (with
 * details) is on the management port. 503 when DOWN or OUT_OF_SERVICE, else 200 (DEGRADED serves).
 */
@RestController
class PublicHealth {

    private final HealthEndpoint health;

    PublicHealth(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> overall() {
        return answer(health.health());
    }

    @GetMapping(path = "/actuator/health/liveness", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> liveness() {
        return answer(health.healthForPath("liveness"));
    }

    @GetMapping(path = "/actuator/health/readiness", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> readiness() {
        return answer(health.healthForPath("readiness"));
    }

    private static ResponseEntity<Map<String, String>> answer(HealthDescriptor descriptor) {
        Status status = descriptor == null ? Status.UNKNOWN : descriptor.getStatus();
        boolean down = Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status);
        return ResponseEntity.status(down ? 503 : 200).body(Map.of("status", status.getCode()));
    }
}
