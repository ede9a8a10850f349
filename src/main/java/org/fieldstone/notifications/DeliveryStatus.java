package org.fieldstone.notifications;

/** Where a notification is, as its delivery log shows it. */
public enum DeliveryStatus {
    /** Waiting: for its turn, for the end of quiet hours, or for a retry after a provider error. */
    QUEUED,
    /** Handed to the provider. */
    SENT,
    /** The provider reports it reached the recipient (Twilio's status callback). */
    DELIVERED,
    /** Given up, with a reason: a permanent provider error, too many retries, the provider's report. */
    FAILED,
    /** Not sent on purpose, with a reason: opted out, no address on the channel, channel not connected, cap reached. */
    SKIPPED
}
