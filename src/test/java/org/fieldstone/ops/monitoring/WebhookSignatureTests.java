package org.fieldstone.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The alert webhook's Standard Webhooks signature: verifiable, and any change to id, time, body or key breaks it. */
class WebhookSignatureTests {

    static final String SECRET = "test-alert-webhook-secret-not-real";

    @Test
    void matchesTheStandardWebhooksReferenceExample() {
        // the example of the Standard Webhooks specification (its README's test vector)
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";
        assertThat(WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void refusesAForgedOrAlteredSignature() {
        String body = "{\"rule\":\"disk-low\"}";
        String header = WebhookSignature.sign(SECRET, "msg_1", 1_900_000_000L, body);
        assertThat(WebhookSignature.verify(SECRET, "msg_1", 1_900_000_000L, body, header)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "msg_1", 1_900_000_000L, body, "v1,bogus " + header)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "msg_1", 1_900_000_000L, body.replace("disk", "dusk"), header)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "msg_2", 1_900_000_000L, body, header)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "msg_1", 1_900_000_001L, body, header)).isFalse();
        assertThat(WebhookSignature.verify("another-secret-not-real", "msg_1", 1_900_000_000L, body, header)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "msg_1", 1_900_000_000L, body, null)).isFalse();
    }
}
