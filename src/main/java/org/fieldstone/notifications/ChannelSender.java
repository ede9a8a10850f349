package org.fieldstone.notifications;

import java.util.Optional;
import org.fieldstone.shared.TenantId;

/**
 * A channel's provider. The SMS and Telegram modules each offer one as a bean; the notifications module finds them by
 * {@link #channel()} and is the only caller. It calls {@link #send} at most once per notification that has not been
 * sent yet (it holds the notification's claim meanwhile), so a sender never needs its own de-duplication.
 */
public interface ChannelSender {

    NotificationChannel channel();

    /**
     * Why {@code recipient} cannot be reached on this channel for this company — the channel is not connected, the
     * client has no mobile number, the user has not linked a chat, the monthly cap is reached — as a message code; empty
     * when it can be. A reason makes the notification {@link DeliveryStatus#SKIPPED} with that reason.
     */
    Optional<String> unreachable(TenantId tenant, Recipient recipient);

    /**
     * Sends; returns the provider's id of the message (a Twilio message SID, a Telegram message id) so that a status
     * callback can find the notification again.
     *
     * @throws DeliveryFailure the provider refused or could not be reached
     */
    String send(Outgoing message);
}
