package org.fieldstone.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fieldstone.support.TestAlertWebhook;
import org.fieldstone.support.TestMail;
import org.fieldstone.tenancy.ClusterLocks;
import org.fieldstone.tenancy.SecretStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator's alerts end to end: a condition fires once per episode — one email at the platform's server, one
 * webhook whose signature verifies (and a forged one does not) — also when another node or a restarted one evaluates
 * it again; its clearing sends one resolution.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AlertsContract {

    static final String OPERATOR = "operator@platform.test";
    static final String SECRET = "test-alert-webhook-secret-not-real";

    @Autowired Alerts alerts;
    @Autowired AlertEpisodes episodes;
    @Autowired AlertNotifier notifier;
    @Autowired ServerSignals signals;
    @Autowired ClusterLocks locks;
    @Autowired SecretStore secrets;
    @Autowired Clock clock;

    final TestAlertWebhook webhook = TestAlertWebhook.start();

    @BeforeAll
    void signingSecret() {
        secrets.setPlatform(AlertNotifier.SECRET, SECRET.toCharArray());
    }

    List<MimeMessage> mails(String subject) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage m : TestMail.messagesFor(TestMail.platform(), OPERATOR)) {
            if (m.getSubject().equals(subject)) {
                found.add(m);
            }
        }
        return found;
    }

    List<TestAlertWebhook.Received> hooks(String type, String rule) {
        return webhook.received().stream()
                .filter(r -> r.body().contains("\"type\":\"" + type + "\"") && r.body().contains("\"rule\":\"" + rule + "\""))
                .toList();
    }

    @Test
    void firesOnceWithASignedWebhookAndResolvesOnce() throws Exception {
        episodes.close(AlertRule.DISK_LOW);
        String fired = "[Fieldstone] Alert: Less than 10 % of the data volume is free";
        String resolved = "[Fieldstone] Resolved: Less than 10 % of the data volume is free";
        int mailsBefore = mails(fired).size();
        int resolvedMailsBefore = mails(resolved).size();
        int hooksBefore = hooks("alert.fired", "disk-low").size();
        int resolvedHooksBefore = hooks("alert.resolved", "disk-low").size();

        Readings low = Readings.none(clock.instant()).withDiskFreeRatio(0.05);
        assertThat(alerts.evaluate(low)).isEqualTo(Map.of(AlertRule.DISK_LOW, AlertNotifier.Kind.FIRED));
        assertThat(alerts.evaluate(low.withDiskFreeRatio(0.04))).as("the same episode").isEmpty();

        assertThat(TestMail.awaitFor(TestMail.platform(), OPERATOR, 1, Duration.ofSeconds(5))).isNotEmpty();
        List<MimeMessage> mails = mails(fired);
        assertThat(mails).hasSize(mailsBefore + 1);
        assertThat(mails.getLast().getContent().toString()).contains("5.00 % of the data volume is free", "disk-low");
        List<TestAlertWebhook.Received> hooks = hooks("alert.fired", "disk-low");
        assertThat(hooks).hasSize(hooksBefore + 1);
        TestAlertWebhook.Received hook = hooks.getLast();
        String id = hook.headers().get("webhook-id");
        long timestamp = Long.parseLong(hook.headers().get("webhook-timestamp"));
        assertThat(hook.headers().get("webhook-signature")).startsWith("v1,");
        assertThat(WebhookSignature.verify(SECRET, id, timestamp, hook.body(), hook.headers().get("webhook-signature"))).isTrue();
        // what a receiver checking the signature refuses: an altered body, another time, another key
        assertThat(WebhookSignature.verify(SECRET, id, timestamp, hook.body().replace("disk-low", "disk-ok"),
                hook.headers().get("webhook-signature"))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, id, timestamp + 1, hook.body(), hook.headers().get("webhook-signature"))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, id, timestamp, hook.body(),
                WebhookSignature.sign("forged-secret-not-real", id, timestamp, hook.body()))).as("signed with a forger's key").isFalse();

        Readings fine = low.withDiskFreeRatio(0.5);
        assertThat(alerts.evaluate(fine)).isEqualTo(Map.of(AlertRule.DISK_LOW, AlertNotifier.Kind.RESOLVED));
        assertThat(alerts.evaluate(fine)).isEmpty();
        assertThat(mails(resolved)).hasSize(resolvedMailsBefore + 1);
        assertThat(hooks("alert.resolved", "disk-low")).hasSize(resolvedHooksBefore + 1);
        assertThat(mails(fired)).hasSize(mailsBefore + 1);
        assertThat(episodes.find(AlertRule.DISK_LOW)).isEmpty();
    }

    @Test
    void anotherNodeOrARestartDoesNotRepeatAnOpenEpisode() {
        episodes.close(AlertRule.RESTORE_DRILL_FAILED);
        int hooksBefore = hooks("alert.fired", "restore-drill-failed").size();
        Readings failed = Readings.none(clock.instant()).withDrillFailed(1);
        assertThat(alerts.evaluate(failed)).containsEntry(AlertRule.RESTORE_DRILL_FAILED, AlertNotifier.Kind.FIRED);

        // a second node (or this one restarted): its own evaluator, the same control plane
        Alerts other = new Alerts(signals, episodes, notifier, locks, false, "PT12H", 0.10, "P14D", 0.01, 5);
        assertThat(other.evaluate(failed)).isEmpty();
        assertThat(hooks("alert.fired", "restore-drill-failed")).hasSize(hooksBefore + 1);
        assertThat(episodes.find(AlertRule.RESTORE_DRILL_FAILED)).hasValueSatisfying(
                e -> assertThat(e.detail()).isEqualTo("the last restore drill failed"));

        // the node that did not fire it may resolve it, once
        assertThat(other.evaluate(failed.withDrillFailed(0))).containsEntry(AlertRule.RESTORE_DRILL_FAILED, AlertNotifier.Kind.RESOLVED);
        assertThat(alerts.evaluate(failed.withDrillFailed(0))).isEmpty();
    }
}
