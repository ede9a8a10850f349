package org.fieldstone.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates and delivery times without a database. */
class NotificationTemplatesTests {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Test
    void rendersFlatValuesAndNeverEvaluatesAValueAgain() {
        assertThat(NotificationTemplates.render("Hi {{client.name}}, {{visit.start}}",
                Map.of("client.name", "{{company.name}} <b>", "company.name", "ACME", "visit.start", "9:00")))
                .isEqualTo("Hi {{company.name}} <b>, 9:00");
        assertThat(NotificationTemplates.render("{{link}}", Map.of())).isEmpty();
    }

    @Test
    void refusesUnknownVariablesSectionsPartialsAndBrokenSyntax() {
        assertThat(NotificationTemplates.problems("Hi {{client.name}} {{link}}")).isEmpty();
        assertThat(NotificationTemplates.problems("{{client.getClass}}")).containsExactly("notifications.refused.template-variable");
        assertThat(NotificationTemplates.unknownVariables("{{a}} {{client.name}} {{b}}")).containsExactly("a", "b");
        assertThat(NotificationTemplates.problems("{{#client.name}}x{{/client.name}}")).contains("notifications.refused.template-section");
        assertThat(NotificationTemplates.problems("{{^link}}x{{/link}}")).contains("notifications.refused.template-section");
        assertThat(NotificationTemplates.problems("{{>header}}")).contains("notifications.refused.template-section");
        assertThat(NotificationTemplates.problems("{{#x}}")).containsExactly("notifications.refused.template-syntax");
    }

    @Test
    void quietHoursAcrossMidnightWaitUntilTheirEnd() {
        LocalDate day = LocalDate.of(2030, 3, 30); // the night before Zurich's clocks go forward
        LocalTime start = LocalTime.of(21, 0);
        LocalTime end = LocalTime.of(8, 0);
        Instant at22 = day.atTime(22, 0).atZone(ZURICH).toInstant();
        assertThat(DeliveryTimes.pastQuietHours(at22, ZURICH, start, end))
                .isEqualTo(day.plusDays(1).atTime(8, 0).atZone(ZURICH).toInstant());
        Instant at3 = day.atTime(3, 0).atZone(ZURICH).toInstant();
        assertThat(DeliveryTimes.pastQuietHours(at3, ZURICH, start, end)).isEqualTo(day.atTime(8, 0).atZone(ZURICH).toInstant());
        Instant noon = day.atTime(12, 0).atZone(ZURICH).toInstant();
        assertThat(DeliveryTimes.pastQuietHours(noon, ZURICH, start, end)).isEqualTo(noon);
        assertThat(DeliveryTimes.pastQuietHours(at22, ZURICH, end, end)).as("none").isEqualTo(at22);
        Instant at1230 = day.atTime(12, 30).atZone(ZURICH).toInstant();
        assertThat(DeliveryTimes.pastQuietHours(at1230, ZURICH, LocalTime.NOON, LocalTime.of(13, 0)))
                .isEqualTo(day.atTime(13, 0).atZone(ZURICH).toInstant());
    }

    @Test
    void backoffDoublesFromThirtySecondsUpToItsCap() {
        assertThat(DeliveryTimes.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DeliveryTimes.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(DeliveryTimes.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(DeliveryTimes.backoff(40)).isEqualTo(Duration.ofMinutes(30));
    }
}
