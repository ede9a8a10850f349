package org.fieldstone.ops.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.messaging.PlatformEmails;
import org.fieldstone.shared.PublicAddresses;
import org.fieldstone.tenancy.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the operator that an alert fired or resolved: an email to {@code fieldstone.alerts.email} (through the
 * platform's server) and a POST to {@code fieldstone.alerts.webhook-url}, signed with the platform secret
 * {@code alerts.webhook-secret} ({@link WebhookSignature}). The webhook must be https and resolve to public addresses
 * only ({@link PublicAddresses}); {@code fieldstone.alerts.allow-http} and {@code fieldstone.alerts.allow-private-addresses}
 * lift that, for tests. A channel that fails is logged; the other one is still tried.
 */
@Component
class AlertNotifier {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
    static final String SECRET = "alerts.webhook-secret";

    enum Kind { FIRED, RESOLVED }

    private final PlatformEmails emails;
    private final SecretStore secrets;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;
    private final String email;
    private final String webhookUrl;
    private final boolean allowHttp;
    private final boolean allowPrivateAddresses;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    AlertNotifier(PlatformEmails emails, SecretStore secrets, MessageSource messages, JsonMapper json, Clock clock,
                  @Value("${fieldstone.alerts.email:}") String email,
                  @Value("${fieldstone.alerts.webhook-url:}") String webhookUrl,
                  @Value("${fieldstone.alerts.allow-http:false}") boolean allowHttp,
                  @Value("${fieldstone.alerts.allow-private-addresses:false}") boolean allowPrivateAddresses) {
        this.emails = emails;
        this.secrets = secrets;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
        this.email = email.strip();
        this.webhookUrl = webhookUrl.strip();
        this.allowHttp = allowHttp;
        this.allowPrivateAddresses = allowPrivateAddresses;
        if (!this.webhookUrl.isEmpty()) {
            checkScheme(URI.create(this.webhookUrl)); // a wrong URL is refused at start, not at the first alert
        }
    }

    void notify(Kind kind, AlertRule rule, Instant openedAt, String detail) {
        String title = messages.getMessage("ops.alert." + rule.id(), null, Locale.ENGLISH);
        String advice = messages.getMessage("ops.alert." + rule.id() + ".advice", null, Locale.ENGLISH);
        if (!email.isEmpty()) {
            try {
                String subject = messages.getMessage(kind == Kind.FIRED ? "ops.alert.subject.fired" : "ops.alert.subject.resolved",
                        new Object[] {title}, Locale.ENGLISH);
                String body = messages.getMessage(kind == Kind.FIRED ? "ops.alert.body.fired" : "ops.alert.body.resolved",
                        new Object[] {title, detail, openedAt.toString(), advice, rule.id()}, Locale.ENGLISH);
                emails.send(email, subject, body);
            } catch (RuntimeException e) {
                log.error("The alert email ({} {}) could not be sent", rule.id(), kind, e);
            }
        }
        if (!webhookUrl.isEmpty()) {
            try {
                post(kind, rule, title, openedAt, detail);
            } catch (IOException | RuntimeException e) {
                log.error("The alert webhook ({} {}) could not be delivered: {}", rule.id(), kind, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void post(Kind kind, AlertRule rule, String title, Instant openedAt, String detail)
            throws IOException, InterruptedException {
        Optional<String> secret = secrets.revealPlatform(SECRET);
        if (secret.isEmpty()) {
            log.error("The alert webhook is configured but the platform secret {} is not set: nothing sent", SECRET);
            return;
        }
        URI uri = target(webhookUrl);
        String id = "msg_" + UUID.randomUUID();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", kind == Kind.FIRED ? "alert.fired" : "alert.resolved");
        payload.put("rule", rule.id());
        payload.put("title", title);
        payload.put("detail", detail);
        payload.put("openedAt", openedAt.toString());
        payload.put("at", clock.instant().toString());
        String body = json.writeValueAsString(payload);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret.get(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            log.error("The alert webhook answered {} ({} {})", response.statusCode(), rule.id(), kind);
        }
    }

    private void checkScheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || (allowHttp && scheme.equals("http"))) || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw new IllegalStateException("fieldstone.alerts.webhook-url must be an https:// URL without user info");
        }
    }

    /** The webhook's address, refused unless https (or allowed http) and resolving to public addresses only. */
    URI target(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("fieldstone.alerts.webhook-url is not a URL");
        }
        checkScheme(uri);
        if (!allowPrivateAddresses) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (!PublicAddresses.isPublic(address)) {
                        throw new IllegalStateException("fieldstone.alerts.webhook-url resolves to a non-public address");
                    }
                }
            } catch (UnknownHostException e) {
                throw new IllegalStateException("fieldstone.alerts.webhook-url's host does not resolve");
            }
        }
        return uri;
    }
}
