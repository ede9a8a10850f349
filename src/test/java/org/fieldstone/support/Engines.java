package org.fieldstone.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Context initializers that give each test application its own data directory and free ports, and —
 * for PostgreSQL — its own control-plane database on the shared embedded server.
 */
public final class Engines {

    private Engines() {
    }

    public static final class Sqlite implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-engine", common()));
        }
    }

    public static final class Postgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> props = common();
            props.put("fieldstone.database.url", SharedPostgres.newControlPlaneUrl());
            props.put("fieldstone.database.username", "postgres");
            props.put("fieldstone.database.password", "");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-engine", props));
        }
    }

    static Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>();
        try {
            Path dir = Files.createTempDirectory("fieldstone-test-");
            props.put("fieldstone.data-dir", dir.toString());
            // the master key outside the data directory, as in production
            props.put("fieldstone.keys.master-key-file", Files.createTempDirectory("fieldstone-test-keys-").resolve("master.key").toString());
            // key rotation's background job is driven by the tests themselves (KeyRotation.runOnce)
            props.put("fieldstone.keys.rotation.enabled", "false");
            // so is the destruction of deleted companies (Companies.destroyDue)
            props.put("fieldstone.companies.destruction.enabled", "false");
            props.put("fieldstone.schedule.recurrence.enabled", "false");
            // and the reminders (ReminderJob.runOnce, Reminders.sendDue)
            props.put("fieldstone.reminders.enabled", "false");
            // and the notifications' dispatch and appointment reminders (Dispatcher.runOnce, VisitReminders.runOnce);
            // a notification is still tried at once after it is queued
            props.put("fieldstone.notifications.dispatch.enabled", "false");
            props.put("fieldstone.notifications.reminders.enabled", "false");
            // and the daily low-stock check (LowStockCheck.runOnce, Inventory.toReorder)
            props.put("fieldstone.inventory.low-stock-check.enabled", "false");
            // and the assistant's history trimming (Assistant.trim); few messages per conversation, so trimming by count is cheap to test
            props.put("fieldstone.assistant.trim.enabled", "false");
            props.put("fieldstone.assistant.history.max-messages", "6");
            // the outbox: failed deliveries tried again soon; the start-up recovery is run by the tests themselves
            props.put("fieldstone.events.retry-delay", "PT0.1S");
            props.put("fieldstone.events.sweep-delay", "PT0.2S");
            props.put("fieldstone.events.recovery-delay", "PT24H");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // every context sends through the one platform SMTP server of the test JVM; failed sends are given up soon
        props.put("spring.mail.host", "127.0.0.1");
        props.put("spring.mail.port", TestMail.platform().getSmtp().getPort());
        props.put("fieldstone.mail.from", "fieldstone@platform.test");
        props.put("fieldstone.mail.max-attempts", "3");
        // the companies' own test servers listen on loopback (SmtpHostsTests proves the default refuses it)
        props.put("fieldstone.mail.allow-private-hosts", "true");
        // apps named by a metadata document URL are served by the tests on loopback with the test certificate
        // (ClientMetadataDocumentsTests proves the default refuses loopback before connecting)
        props.put("fieldstone.oauth.client-metadata.allow-private-addresses", "true");
        props.put("fieldstone.oauth.client-metadata.trust-certificate", Https.CERTIFICATE.toString());
        // every context looks addresses up at the one fake geocoder of the test JVM; its slow answer outlasts the timeout
        props.put("fieldstone.map.geocoder-url", TestGeocoder.platform().url());
        props.put("fieldstone.map.geocoder-timeout", "PT1.5S");
        // every context talks to the one fake Stripe of the test JVM, through the real stripe-java client
        props.put("fieldstone.payments.stripe.api-base", FakeStripe.start().apiBase());
        // the fake's hosted checkout page is where the portal's Pay button sends the browser (CSP form-action)
        props.put("fieldstone.payments.checkout-origin", FakeStripe.start().apiBase());
        // every context talks to the one fake Telegram of the test JVM, through the real java-telegram-bot-api client
        props.put("fieldstone.telegram.api-url", FakeTelegram.start().apiUrl());
        // every context talks to the one fake Twilio of the test JVM, through the real twilio-java client (its hosts
        // rewritten to the fake: fieldstone.sms.twilio.api-base-url is for tests only)
        props.put("fieldstone.sms.twilio.api-base-url", FakeTwilio.start().apiBase());
        // every context scans with the one clamd of the test JVM (started by the files tests, TestClamd); the retry
        // job is driven by the tests themselves (FileScanJob.runOnce, Files.scanPending)
        props.put("fieldstone.files.clamd-address", TestClamd.address());
        props.put("fieldstone.files.clamd-read-timeout", "PT10S");
        props.put("fieldstone.files.scan-job.enabled", "false");
        // the management port (Prometheus, health with details) of each context is its own; alert evaluation is driven by
        // the tests (Alerts.evaluate), the operator's email goes to the platform server, the webhook to the one
        // receiver of the test JVM on loopback over http (AlertsContract proves the defaults refuse both)
        props.put("management.server.port", freePort());
        props.put("fieldstone.alerts.enabled", "false");
        props.put("fieldstone.alerts.email", "operator@platform.test");
        props.put("fieldstone.alerts.webhook-url", TestAlertWebhook.start().url());
        props.put("fieldstone.alerts.allow-http", "true");
        props.put("fieldstone.alerts.allow-private-addresses", "true");
        props.put("server.port", freePort());
        props.put("fieldstone.http-port", freePort());
        return props;
    }

    /**
     * Ports for servers a test starts later (the application's HTTPS, HTTP and management ports, SMTP, clamd). Two test
     * JVMs run side by side, and a port one of them picked but has not bound yet looks free to the other: so each JVM
     * takes its ports from a range of its own (by surefire's fork number), below Linux's ephemeral ports (32768 up),
     * in turn, never handing out a port twice, and only one it could bind just now.
     */
    static int freePort() {
        for (int tries = 0; tries < PORTS_PER_JVM; tries++) {
            int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORTS_PER_JVM);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // in use: the next one
            }
        }
        throw new IllegalStateException("No free port in " + FIRST_PORT + "–" + (FIRST_PORT + PORTS_PER_JVM - 1));
    }

    private static final int PORTS_PER_JVM = 1_500;
    private static final int FIRST_PORT = 20_000
            + Math.floorMod(Integer.getInteger("fieldstone.test.fork", 1), 8) * PORTS_PER_JVM;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT = new java.util.concurrent.atomic.AtomicInteger();
}
