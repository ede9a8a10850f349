package org.fieldstone.notifications;

import java.time.Instant;

/**
 * One line of the delivery log: a notification (or, with {@code inbound}, something the client sent back) on one
 * channel, and where it is.
 *
 * @param reason   a message code for {@link DeliveryStatus#FAILED} and {@link DeliveryStatus#SKIPPED}, else null
 * @param text     what was (or will be) sent, as rendered; what was received for inbound lines
 * @param notBefore when a queued notification may go (the end of quiet hours, the next retry)
 */
public record Delivery(String id, NotificationKind kind, NotificationChannel channel, Recipient recipient,
                       DeliveryStatus status, String reason, String text, boolean inbound, String jobId,
                       Instant createdAt, Instant notBefore, Instant updatedAt) {
}
