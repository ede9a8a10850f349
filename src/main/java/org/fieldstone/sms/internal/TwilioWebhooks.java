package org.fieldstone.sms.internal;

import com.twilio.security.RequestValidator;
import com.twilio.twiml.MessagingResponse;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.notifications.DeliveryStatus;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * A company's Twilio webhook: the request is verified with Twilio's {@link RequestValidator} and the company's auth
 * token, against the URL Twilio called as {@code fieldstone.public-url} names it (not the request's Host, which behind
 * a proxy is another) plus the request's path and query, before anything in it is acted on. A verified request is
 * handled once, by its {@code MessageSid} (and status, for status callbacks), in one transaction with the change it
 * makes; changes are made by the company's system through channel SMS. Refusals are logged with their reason, never
 * with the request's content (a message's text and phone numbers are personal data).
 */
@Service
public class TwilioWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
    private static final Pattern MESSAGE_SID = Pattern.compile("^(SM|MM)[0-9a-fA-F]{32}$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    static final Set<String> CONFIRM = Set.of("C", "YES");
    static final Set<String> CALLBACK = Set.of("R");
    static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    static final Set<String> START = Set.of("START", "UNSTOP");

    /** What the controller answers: an HTTP status and, for 200, TwiML. */
    public record Answer(int status, String twiml) {

        static Answer refused(int status) {
            return new Answer(status, null);
        }

        static Answer ok(String reply) {
            MessagingResponse.Builder response = new MessagingResponse.Builder();
            if (reply != null) {
                response.message(new com.twilio.twiml.messaging.Message.Builder(reply).build());
            }
            return new Answer(200, response.build().toXml());
        }
    }

    private final Companies companies;
    private final CompanyDatabases databases;
    private final TwilioAccounts accounts;
    private final RecordStore store;
    private final Clients clients;
    private final Visits visits;
    private final ObjectProvider<Notifications> notifications;
    private final MessageSource messages;

    TwilioWebhooks(Companies companies, CompanyDatabases databases, TwilioAccounts accounts, RecordStore store,
                   Clients clients, Visits visits, ObjectProvider<Notifications> notifications, MessageSource messages) {
        this.companies = companies;
        this.databases = databases;
        this.accounts = accounts;
        this.store = store;
        this.clients = clients;
        this.visits = visits;
        this.notifications = notifications;
        this.messages = messages;
    }

    /**
     * Verifies and handles one webhook request of the company at {@code slug}.
     *
     * @param pathAndQuery the request's path (as sent, with any context path) and {@code ?query} if it had one
     * @param params       the POSTed form fields, or null when the body was not a form
     */
    public Answer handle(String slug, String pathAndQuery, Map<String, String> params, String signature, String ip) {
        Optional<Company> found = companies.findBySlug(slug == null ? "" : slug).filter(Company::isActive);
        if (found.isEmpty()) {
            log.info("Twilio webhook refused from {}: no active company at that address", ip);
            return Answer.refused(404);
        }
        Company company = found.get();
        Optional<String> token = accounts.authToken(company.id());
        if (token.isEmpty()) {
            log.info("Twilio webhook of {} refused from {}: no auth token set", slug, ip);
            return Answer.refused(403);
        }
        if (signature == null || signature.isBlank()) {
            log.info("Twilio webhook of {} refused from {}: no X-Twilio-Signature", slug, ip);
            return Answer.refused(403);
        }
        if (params == null) {
            log.info("Twilio webhook of {} refused from {}: not a form", slug, ip);
            return Answer.refused(400);
        }
        String url = accounts.publicUrl() + pathAndQuery;
        if (!new RequestValidator(token.get()).validate(url, params, signature)) {
            log.info("Twilio webhook of {} refused from {}: the signature does not verify for {} and its {} fields", slug, ip,
                    url, params.size());
            return Answer.refused(403);
        }
        String sid = params.get("MessageSid");
        if (sid == null || !MESSAGE_SID.matcher(sid).matches()) {
            log.info("Twilio webhook of {} refused from {}: no MessageSid", slug, ip);
            return Answer.refused(400);
        }
        Actor twilio = new Actor(company.id(), Optional.empty(), "sms", Role.OWNER, Optional.empty(), Channel.SMS, ip,
                "Twilio webhook");
        String status = params.get("MessageStatus");
        if (status != null) {
            return statusCallback(twilio, company, sid, status.strip().toLowerCase(Locale.ROOT), params.get("ErrorCode"));
        }
        String from = params.get("From");
        String body = params.get("Body");
        if (body == null || from == null || !E164.matcher(from).matches()) {
            log.info("Twilio webhook of {} refused from {}: an inbound message without Body or an E.164 From", slug, ip);
            return Answer.refused(400);
        }
        return inbound(twilio, company, sid, from, body);
    }

    private Answer statusCallback(Actor twilio, Company company, String sid, String status, String errorCode) {
        DeliveryStatus to = switch (status) {
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "failed", "undelivered" -> DeliveryStatus.FAILED;
            default -> null;
        };
        if (to == null) {
            return Answer.ok(null); // queued, sent, … : the delivery log already says as much
        }
        String reason = to == DeliveryStatus.FAILED ? failureReason(errorCode) : null;
        once(twilio, company, sid + ":" + status, "status", status, () -> notifications.getObject()
                .providerStatus(company.id(), NotificationChannel.SMS, sid, to, reason));
        return Answer.ok(null);
    }

    private Answer inbound(Actor twilio, Company company, String sid, String from, String body) {
        String command = body.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        List<Client> senders = clients.withPhone(twilio, from);
        if (senders.size() != 1) {
            log.info("SMS {} to {} is from a number that {} clients have: attached to none", sid, company.slug(),
                    senders.size());
            once(twilio, company, sid, "inbound", "no-client", () -> { });
            return Answer.ok(null);
        }
        String clientId = senders.getFirst().id();
        String[] reply = new String[1];
        boolean handled = once(twilio, company, sid, "inbound", outcome(command), () -> {
            if (CONFIRM.contains(command)) {
                Optional<Visit> visit = visits.confirmNextByClient(twilio, clientId);
                reply[0] = visit.map(v -> text("sms.reply.confirmed", DateTimeFormatter.ofLocalizedDateTime(
                                FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(Locale.ENGLISH)
                        .format(v.startsAt().atZone(company.timeZone())), company.name()))
                        .orElseGet(() -> text("sms.reply.nothing-to-confirm", company.name()));
            } else if (CALLBACK.contains(command)) {
                notifications.getObject().tellOffice(company.id(), NotificationKind.CALLBACK_REQUESTED, clientId, body, sid);
                reply[0] = text("sms.reply.callback", company.name());
            } else if (STOP.contains(command)) {
                // Twilio answers STOP itself (and sends nothing more to the number until START)
                notifications.getObject().setOptOut(twilio, clientId, NotificationChannel.SMS, true);
            } else if (START.contains(command)) {
                notifications.getObject().setOptOut(twilio, clientId, NotificationChannel.SMS, false);
            } else {
                notifications.getObject().received(company.id(), NotificationChannel.SMS, clientId, body, sid);
            }
        });
        return Answer.ok(handled ? reply[0] : null);
    }

    /** Twilio's delivery error codes Fieldstone names (30003–30008); the others are "not delivered". */
    static final Set<String> NAMED_ERRORS = Set.of("30003", "30004", "30005", "30006", "30007", "30008");

    /** The delivery log's reason for Twilio's {@code ErrorCode}: {@code sms.failure.twilio-<code>}. */
    static String failureReason(String errorCode) {
        return "sms.failure.twilio-" + (errorCode != null && NAMED_ERRORS.contains(errorCode.strip())
                ? errorCode.strip() : "unknown");
    }

    private static String outcome(String command) {
        if (CONFIRM.contains(command)) {
            return "confirm";
        }
        if (CALLBACK.contains(command)) {
            return "callback";
        }
        if (STOP.contains(command)) {
            return "stop";
        }
        return START.contains(command) ? "start" : "text";
    }

    /**
     * Runs {@code work} once per {@code key}: the row is inserted first in the work's transaction, so a concurrent
     * delivery of the same request waits and then finds the key taken. False when it was handled before.
     */
    private boolean once(Actor twilio, Company company, String key, String kind, String outcome, Runnable work) {
        CompanyDatabase db = databases.of(company.id());
        if (handledBefore(db, key)) {
            return false;
        }
        try {
            db.inTransaction(() -> {
                store.insert(twilio, key, Changes.of(TwilioTables.TWILIO_MESSAGES).set(TwilioTables.KIND, kind)
                        .set(TwilioTables.OUTCOME, outcome), "handled");
                work.run();
            });
            return true;
        } catch (DataIntegrityViolationException e) {
            if (handledBefore(db, key)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean handledBefore(CompanyDatabase db, String key) {
        return db.jdbc().sql("SELECT COUNT(*) FROM twilio_messages WHERE id = :id").param("id", key)
                .query(Long.class).single() > 0;
    }

    private String text(String code, Object... args) {
        return messages.getMessage(code, args, Locale.ENGLISH);
    }
}
