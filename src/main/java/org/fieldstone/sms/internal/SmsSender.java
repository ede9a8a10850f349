package org.fieldstone.sms.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.util.Optional;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.notifications.DeliveryFailure;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.notifications.Outgoing;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The SMS channel: a client's mobile number (E.164, from the clients module) through the company's own Twilio account,
 * from its sender (a number or a Messaging Service), with the company's webhook as the status callback; the segments
 * are counted against the company's monthly cap before the message goes. Team members have no mobile number in
 * Fieldstone: they are unreachable by SMS. Twilio's refusals are permanent failures with a reason (an invalid number,
 * a recipient who unsubscribed at Twilio — also recorded as the client's opt-out), its outages and rate limits
 * retryable ones.
 */
@Component
class SmsSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Twilio's error codes: the "To" number is not a valid phone number; the recipient replied STOP to the sender. */
    static final int INVALID_NUMBER = 21211;
    static final int UNSUBSCRIBED = 21610;

    private final TwilioAccounts accounts;
    private final SmsUsage usage;
    private final Clients clients;
    private final ObjectProvider<Notifications> notifications;

    SmsSender(TwilioAccounts accounts, SmsUsage usage, Clients clients, ObjectProvider<Notifications> notifications) {
        this.accounts = accounts;
        this.usage = usage;
        this.clients = clients;
        this.notifications = notifications;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.SMS;
    }

    @Override
    public Optional<String> unreachable(TenantId tenant, Recipient recipient) {
        if (accounts.account(tenant).isEmpty()) {
            return Optional.of("sms.not-connected");
        }
        if (mobile(tenant, recipient).isEmpty()) {
            return Optional.of("sms.no-mobile");
        }
        if (usage.full(tenant, accounts.monthlyCap(tenant))) {
            return Optional.of("sms.cap-reached");
        }
        return Optional.empty();
    }

    @Override
    public String send(Outgoing message) {
        TenantId tenant = message.tenant();
        TwilioAccounts.Account account = accounts.account(tenant)
                .orElseThrow(() -> new DeliveryFailure(false, "sms.not-connected", "SMS is not connected"));
        String to = mobile(tenant, message.recipient())
                .orElseThrow(() -> new DeliveryFailure(false, "sms.no-mobile", "no mobile number"));
        int segments = Math.max(1, Segments.count(message.text()));
        if (!usage.reserve(tenant, segments, accounts.monthlyCap(tenant))) {
            throw new DeliveryFailure(false, "sms.cap-reached", "monthly cap reached");
        }
        try {
            MessageCreator creator = account.sender().startsWith("MG")
                    ? Message.creator(new PhoneNumber(to), account.sender(), message.text())
                    : Message.creator(new PhoneNumber(to), new PhoneNumber(account.sender()), message.text());
            Message sent = creator.setStatusCallback(accounts.webhookUrl(tenant))
                    .create(accounts.client(tenant, account));
            log.debug("SMS {} sent as {} ({} segments)", message.notificationId(), sent.getSid(), segments);
            return sent.getSid();
        } catch (ApiConnectionException e) {
            usage.release(tenant, segments);
            throw new DeliveryFailure(true, "sms.failure.unreachable", "Twilio unreachable: " + e.getMessage());
        } catch (ApiException e) {
            usage.release(tenant, segments);
            throw failure(message, e);
        }
    }

    private DeliveryFailure failure(Outgoing message, ApiException e) {
        Integer status = e.getStatusCode();
        Integer code = e.getCode();
        String detail = "Twilio " + status + " (" + code + ")";
        if (status == null || status >= 500 || status == 429) {
            return new DeliveryFailure(true, "sms.failure.provider", detail);
        }
        if (code != null && code == INVALID_NUMBER) {
            return new DeliveryFailure(false, "sms.failure.invalid-number", detail);
        }
        if (code != null && code == UNSUBSCRIBED) {
            if (message.recipient().type() == Recipient.Type.CLIENT) {
                notifications.ifAvailable(n -> n.setOptOut(Actor.system(message.tenant(), Channel.SMS),
                        message.recipient().id(), NotificationChannel.SMS, true));
            }
            return new DeliveryFailure(false, "sms.failure.unsubscribed", detail);
        }
        return new DeliveryFailure(false, "sms.failure.refused", detail);
    }

    /** The recipient's number in E.164 when it can take an SMS (a fixed line cannot); team members have none. */
    private Optional<String> mobile(TenantId tenant, Recipient recipient) {
        if (recipient.type() != Recipient.Type.CLIENT) {
            return Optional.empty();
        }
        Client client;
        try {
            client = clients.get(Actor.system(tenant, Channel.SMS), recipient.id());
        } catch (NotFound e) {
            return Optional.empty();
        }
        return Optional.ofNullable(client.phone()).filter(SmsSender::textable);
    }

    /** An E.164 number that libphonenumber does not know to be a fixed line (or a pager, a premium line …). */
    static boolean textable(String e164) {
        try {
            var type = PHONES.getNumberType(PHONES.parse(e164, null));
            return switch (type) {
                case MOBILE, FIXED_LINE_OR_MOBILE, PERSONAL_NUMBER, VOIP, UNKNOWN -> true;
                default -> false;
            };
        } catch (NumberParseException e) {
            return false;
        }
    }
}
