package org.fieldstone.notifications;

import java.util.List;
import org.fieldstone.shared.TenantId;

/**
 * One rendered notification on its way to one recipient on one channel.
 *
 * @param notificationId the delivery log's id of this notification
 * @param idempotencyKey {@code <event id>:<recipient key>:<channel>}; a provider that takes an idempotency key gets it
 * @param subject        a one-line subject (email; other channels may ignore it)
 * @param text           the rendered text, plain
 * @param buttons        choices the recipient can tap where the channel has buttons (Telegram); may be empty
 */
public record Outgoing(TenantId tenant, String notificationId, String idempotencyKey, NotificationKind kind,
                       Recipient recipient, String subject, String text, List<Button> buttons) {

    public Outgoing {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** A button: its label and what the channel hands back when tapped (Telegram {@code callback_data}, ≤ 64 bytes). */
    public record Button(String label, String data) {
    }
}
