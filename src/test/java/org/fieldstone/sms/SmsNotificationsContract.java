package org.fieldstone.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldstone.clients.Client;
import org.fieldstone.notifications.Delivery;
import org.fieldstone.notifications.DeliveryStatus;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures.TestCompany;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the SMS webhook hands to the notifications facade, end to end: {@code STOP} records the client's opt-out (and
 * {@code START} takes it back), a status callback moves the delivery log's line to delivered or failed, any other text
 * lands on the client's timeline, {@code R} tells the office (through the notifications core's {@link Notifications}).
 */
public abstract class SmsNotificationsContract extends SmsTestSupport {

    static final String SENDER = "+41445550000";

    @Autowired Notifications notifications;

    TestCompany a;
    String[] account;

    @BeforeAll
    void company() {
        a = fixtures.companyWithEveryRole("sms-notif");
        account = connect(a, SENDER);
    }

    @Test
    void stopOptsTheClientOutAndStartBackIn() {
        Client client = client(a, "Stopping Client", "079 555 20 20");
        assertThat(notifications.optedOut(a.company.id(), client.id(), NotificationChannel.SMS)).isFalse();
        var stop = signed(webhookPath(a), inbound(messageSid(), account[0], "+41795552020", SENDER, " stop "), account[1]);
        assertThat(stop.status()).isEqualTo(200);
        assertThat(stop.body()).doesNotContain("<Message>");
        assertThat(notifications.optedOut(a.company.id(), client.id(), NotificationChannel.SMS)).isTrue();
        assertThat(signed(webhookPath(a), inbound(messageSid(), account[0], "+41795552020", SENDER, "START"), account[1])
                .status()).isEqualTo(200);
        assertThat(notifications.optedOut(a.company.id(), client.id(), NotificationChannel.SMS)).isFalse();
    }

    @Test
    void statusCallbacksMoveTheDeliveryLogOnceAndFailedOnesSayWhy() {
        Client client = client(a, "Delivered Client", "079 555 21 21");
        Delivery queued = notifications.message(a.system(), client.id(), NotificationChannel.SMS, "Hello from the office");
        // the core sends it through the SMS sender (its worker, or at once): the fake received it
        String sid = awaitSent("Hello from the office").sid();
        var delivered = signed(webhookPath(a), status(sid, "delivered", null), account[1]);
        assertThat(delivered.status()).isEqualTo(200);
        assertThat(settledLine(client, queued.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
        // replayed: harmless
        assertThat(signed(webhookPath(a), status(sid, "delivered", null), account[1]).status()).isEqualTo(200);
        assertThat(line(client, queued.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);

        Delivery second = notifications.message(a.system(), client.id(), NotificationChannel.SMS, "Second message");
        String sid2 = awaitSent("Second message").sid();
        assertThat(signed(webhookPath(a), status(sid2, "undelivered", "30003"), account[1]).status()).isEqualTo(200);
        Delivery failed = settledLine(client, second.id());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("sms.failure.twilio-30003");
    }

    @Test
    void otherTextGoesOnTheClientsTimelineAndRTellsTheOffice() {
        Client client = client(a, "Chatty Client", "079 555 22 22");
        String sid = messageSid();
        assertThat(signed(webhookPath(a), inbound(sid, account[0], "+41795552222", SENDER, "Running 10 min late"),
                account[1]).status()).isEqualTo(200);
        List<Delivery> timeline = notifications.forClient(a.system(), client.id());
        assertThat(timeline).anySatisfy(d -> {
            assertThat(d.inbound()).isTrue();
            assertThat(d.channel()).isEqualTo(NotificationChannel.SMS);
            assertThat(d.text()).isEqualTo("Running 10 min late");
        });
        var r = signed(webhookPath(a), inbound(messageSid(), account[0], "+41795552222", SENDER, "r"), account[1]);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<Message>").contains("call you back");
        assertThat(notifications.forClient(a.system(), client.id()))
                .anySatisfy(d -> assertThat(d.kind()).isEqualTo(NotificationKind.CALLBACK_REQUESTED));
    }

    @Test
    void twiliosUnsubscribedErrorRecordsTheOptOut() {
        TestCompany c = fixtures.companyWithEveryRole("sms-unsub");
        String[] own = connect(c, SENDER);
        Client client = client(c, "Unsubscribed", "079 555 23 23");
        twilio.failWith(own[0], 400, 21610);
        try {
            notifications.message(c.system(), client.id(), NotificationChannel.SMS, "Hello");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!notifications.optedOut(c.company.id(), client.id(), NotificationChannel.SMS)
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(notifications.optedOut(c.company.id(), client.id(), NotificationChannel.SMS)).isTrue();
        } finally {
            twilio.recover(own[0]);
        }
        assertThat(c.keys.get(Role.OWNER)).isNotBlank();
    }

    Delivery line(Client client, String id) {
        return notifications.forClient(a.system(), client.id()).stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow();
    }

    /**
     * The line once it is past SENDING: a status report can arrive before the sender has marked the message sent;
     * it is kept and applied with the sent mark (V41), a moment later.
     */
    Delivery settledLine(Client client, String id) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Delivery d = line(client, id);
        while (d.status() == DeliveryStatus.QUEUED && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            d = line(client, id);
        }
        return d;
    }

    org.fieldstone.support.FakeTwilio.Sent awaitSent(String body) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var found = twilio.sent(account[0]).stream().filter(s -> s.body().contains(body)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("nothing sent with " + body);
    }

    static Map<String, String> status(String sid, String status, String errorCode) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("SmsSid", sid);
        p.put("MessageStatus", status);
        p.put("SmsStatus", status);
        if (errorCode != null) {
            p.put("ErrorCode", errorCode);
        }
        p.put("ApiVersion", "2010-04-01");
        return p;
    }
}
