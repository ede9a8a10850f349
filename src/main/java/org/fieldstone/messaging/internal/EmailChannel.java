package org.fieldstone.messaging.internal;

import java.util.Optional;
import org.fieldstone.clients.Clients;
import org.fieldstone.identity.Team;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.notifications.DeliveryFailure;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.Outgoing;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * The notifications' email channel: plain-text email through the company's SMTP server or the platform's (the same
 * as every email of messaging), to the client's address on file or the team member's. Quotes and invoices are not
 * emailed here — messaging sends them itself when they are sent — only the other kinds.
 */
@Component
class EmailChannel implements ChannelSender {

    private final EmailService emails;
    private final Clients clients;
    private final Team team;

    EmailChannel(EmailService emails, Clients clients, Team team) {
        this.emails = emails;
        this.clients = clients;
        this.team = team;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.EMAIL;
    }

    @Override
    public Optional<String> unreachable(TenantId tenant, Recipient recipient) {
        String to = address(tenant, recipient);
        return to == null || to.isBlank() ? Optional.of("notifications.reason.no-email") : Optional.empty();
    }

    @Override
    public String send(Outgoing message) {
        Actor system = Actor.system(message.tenant(), Channel.SYSTEM);
        String to = address(message.tenant(), message.recipient());
        if (to == null || to.isBlank()) {
            throw new DeliveryFailure(false, "notifications.reason.no-email", "no address");
        }
        try {
            return emails.sendNotification(system, to, message.subject(), message.text())
                    .orElseThrow(() -> new DeliveryFailure(false, "notifications.reason.email-not-configured",
                            "no email server"));
        } catch (MailException e) {
            throw new DeliveryFailure(true, "notifications.reason.email-error", e.getClass().getSimpleName());
        }
    }

    private String address(TenantId tenant, Recipient recipient) {
        Actor system = Actor.system(tenant, Channel.SYSTEM);
        try {
            return switch (recipient.type()) {
                case CLIENT -> clients.get(system, recipient.id()).email();
                case USER -> team.get(system, UserId.parse(recipient.id())).email().value();
            };
        } catch (NotFound | IllegalArgumentException gone) {
            return null;
        }
    }
}
