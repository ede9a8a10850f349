package org.fieldstone.shared;

import java.time.Duration;

/** Throttled: too many attempts; try again after {@link #retryAfter()}. */
public final class TooManyRequests extends DomainException {

    private final Duration retryAfter;

    public TooManyRequests(Message message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The value of an HTTP {@code Retry-After} header: whole seconds, at least 1. */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
