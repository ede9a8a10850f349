package org.fieldstone.notifications;

/**
 * A {@link ChannelSender} could not send. {@code retryable} failures (provider down, 5xx, rate limited) are tried again
 * with backoff; the others fail the notification with {@code reason}, a message code shown in the delivery log.
 */
public final class DeliveryFailure extends RuntimeException {

    private final boolean retryable;
    private final String reason;

    public DeliveryFailure(boolean retryable, String reason, String detail) {
        super(detail);
        this.retryable = retryable;
        this.reason = reason;
    }

    public boolean retryable() {
        return retryable;
    }

    /** A message code ({@code notifications.failure.*} or the channel's own). */
    public String reason() {
        return reason;
    }
}
