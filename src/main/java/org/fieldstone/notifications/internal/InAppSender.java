package org.fieldstone.notifications.internal;

import java.util.Optional;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.Outgoing;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.TenantId;
import org.springframework.stereotype.Component;

/**
 * In-app notifications for team members: the notification's own row is the message — once SENT it is in the
 * member's list at {@code /c/{slug}/notifications} and counts as unread until they mark it read. Clients have no
 * in-app channel.
 */
@Component
class InAppSender implements ChannelSender {

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.IN_APP;
    }

    @Override
    public Optional<String> unreachable(TenantId tenant, Recipient recipient) {
        return recipient.type() == Recipient.Type.USER ? Optional.empty()
                : Optional.of("notifications.reason.no-in-app-for-clients");
    }

    @Override
    public String send(Outgoing message) {
        return "in-app:" + message.notificationId();
    }
}
