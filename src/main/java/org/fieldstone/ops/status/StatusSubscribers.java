package org.fieldstone.ops.status;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.messaging.PlatformEmails;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ControlPlane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Email subscribers of the status page, double opt-in: {@link #subscribe} mails a confirmation link whose random
 * token is kept only as its SHA-256 and expires after {@link #CONFIRM_WITHIN}; only {@link #confirm}ed addresses get
 * incident emails ({@link #announce}), each with an unsubscribe link. That link's token is a PRF of the subscriber's
 * id under the platform's keys (a blind index), so it is never stored and survives nothing but the subscription.
 */
@Component
public class StatusSubscribers {

    private static final Logger log = LoggerFactory.getLogger(StatusSubscribers.class);
    public static final Duration CONFIRM_WITHIN = Duration.ofHours(24);
    private static final String UNSUBSCRIBE_DOMAIN = "status.unsubscribe";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient db;
    private final PlatformEmails emails;
    private final KeyRing keys;
    private final Clock clock;
    private final String base;
    private final SubscribeThrottle throttle;

    StatusSubscribers(ControlPlane controlPlane, PlatformEmails emails, KeyRing keys, Clock clock,
                      @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String base,
                      @Value("${fieldstone.status.subscribe-per-address:5}") int perAddress,
                      @Value("${fieldstone.status.subscribe-total:200}") int total) {
        this.db = controlPlane.jdbc();
        this.emails = emails;
        this.keys = keys;
        this.clock = clock;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.throttle = new SubscribeThrottle(perAddress, total);
    }

    /**
     * Mails a confirmation link to {@code email} (throttled per client address). An address already confirmed is
     * told nothing new and the answer is the same, so the form does not reveal who subscribed.
     *
     * @throws org.fieldstone.shared.InvalidInput for an implausible address
     * @throws org.fieldstone.shared.TooManyRequests when throttled
     */
    public void subscribe(String email, String clientAddress) {
        EmailAddress address = EmailAddress.of(email);
        if (!emails.configured()) {
            throw new org.fieldstone.shared.Conflict(Message.of("status.refused.no-mail"));
        }
        throttle.take(clientAddress);
        Instant now = clock.instant();
        String token = token();
        var existing = db.sql("SELECT id, confirmed_at FROM status_subscribers WHERE email = :email")
                .param("email", address.value())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2)}).optional();
        if (existing.isPresent() && existing.get()[1] != null) {
            return;
        }
        if (existing.isPresent()) {
            db.sql("UPDATE status_subscribers SET confirm_hash = :hash, confirm_expires_at = :expires WHERE id = :id")
                    .param("hash", sha256(token)).param("expires", now.plus(CONFIRM_WITHIN).toEpochMilli())
                    .param("id", existing.get()[0]).update();
        } else {
            try {
                db.sql("""
                        INSERT INTO status_subscribers (id, email, confirm_hash, confirm_expires_at, created_at)
                        VALUES (:id, :email, :hash, :expires, :now)""")
                        .param("id", UUID.randomUUID().toString()).param("email", address.value())
                        .param("hash", sha256(token)).param("expires", now.plus(CONFIRM_WITHIN).toEpochMilli())
                        .param("now", now.toEpochMilli()).update();
            } catch (RuntimeException e) {
                if (!CompanyDatabase.isDuplicate(e)) {
                    throw e;
                }
                return; // the same address subscribed at the same moment: that request mails the link
            }
        }
        emails.send(address.value(), Message.of("status.email.confirm.subject").english(),
                Message.of("status.email.confirm.body", base + "/status/confirm?token=" + token,
                        CONFIRM_WITHIN.toHours()).english());
    }

    /** Confirms the subscription the token was mailed for; refused (not found) when forged, used or expired. */
    public void confirm(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            throw new NotFound(Message.of("status.thing.confirmation"));
        }
        int confirmed = db.sql("""
                UPDATE status_subscribers SET confirmed_at = :now, confirm_hash = NULL, confirm_expires_at = NULL
                WHERE confirm_hash = :hash AND confirm_expires_at > :now""")
                .param("now", clock.millis()).param("hash", sha256(token)).update();
        if (confirmed != 1) {
            throw new NotFound(Message.of("status.thing.confirmation"));
        }
    }

    /** Ends a subscription; refused (not found) unless the token is the one mailed to that subscriber. */
    public void unsubscribe(String subscriber, String token) {
        if (subscriber == null || token == null || subscriber.length() > 64 || token.length() > 200
                || !keys.exists(KeyOwner.PLATFORM)
                || !keys.blindIndexes(KeyOwner.PLATFORM, UNSUBSCRIBE_DOMAIN, subscriber).contains(token)) {
            throw new NotFound(Message.of("status.thing.subscription"));
        }
        db.sql("DELETE FROM status_subscribers WHERE id = :id").param("id", subscriber).update();
    }

    /** How many addresses get incident emails. */
    public int confirmedCount() {
        return db.sql("SELECT COUNT(*) FROM status_subscribers WHERE confirmed_at IS NOT NULL").query(Integer.class).single();
    }

    /**
     * Emails every confirmed subscriber about an incident's newest update; a failed send is logged and the others are
     * still sent. Answers how many were sent.
     */
    public int announce(Incident incident) {
        if (!emails.configured()) {
            log.warn("Incident {}: the platform's mail server is not configured; subscribers were not emailed", incident.id());
            return 0;
        }
        Incident.Update update = incident.updates().getLast();
        record Subscriber(String id, String email) {
        }
        List<Subscriber> subscribers = db.sql("SELECT id, email FROM status_subscribers WHERE confirmed_at IS NOT NULL ORDER BY email")
                .query((rs, n) -> new Subscriber(rs.getString(1), rs.getString(2))).list();
        if (subscribers.isEmpty()) {
            return 0;
        }
        requirePlatformKeys();
        String subject = Message.of("status.email.incident.subject." + update.kind().key(), incident.title()).english();
        int sent = 0;
        for (Subscriber s : subscribers) {
            String unsubscribe = base + "/status/unsubscribe?s=" + s.id() + "&t="
                    + URLEncoder.encode(keys.blindIndex(KeyOwner.PLATFORM, UNSUBSCRIBE_DOMAIN, s.id()), StandardCharsets.UTF_8);
            String body = Message.of("status.email.incident.body", incident.title(), update.state().key(),
                    update.message(), base + "/status#incident-" + incident.id(), unsubscribe).english();
            try {
                emails.send(s.email(), subject, body);
                sent++;
            } catch (RuntimeException e) {
                log.warn("Incident {}: could not email a status subscriber: {}", incident.id(), e.toString());
            }
        }
        return sent;
    }

    /** The platform's keys are made on first use; another node or the CLI may be doing the same. */
    private void requirePlatformKeys() {
        if (keys.exists(KeyOwner.PLATFORM)) {
            return;
        }
        try {
            keys.create(KeyOwner.PLATFORM);
        } catch (RuntimeException e) {
            if (!keys.exists(KeyOwner.PLATFORM)) {
                throw e;
            }
        }
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
