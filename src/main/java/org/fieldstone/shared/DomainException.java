package org.fieldstone.shared;

/**
 * A refusal the user can act on. Each kind is mapped once, here, to its HTTP status ({@link #status()}, the API's
 * problem+json; {@link #pageStatus()}, a dashboard page or form), and shown as a message. The message is safe to
 * show; it never carries another company's data.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Conflict, VersionConflict, Forbidden, InvalidInput, Unauthenticated, TooManyRequests {

    protected DomainException(String message) {
        super(message, null, false, false);
    }

    /** The HTTP status of this kind of refusal: what the API answers (problem+json). */
    public final int status() {
        return switch (this) {
            case NotFound n -> 404;
            case Conflict c -> 409;
            case VersionConflict v -> 412;
            case Forbidden f -> 403;
            case InvalidInput i -> 400;
            case Unauthenticated u -> 401;
            case TooManyRequests t -> 429;
        };
    }

    /**
     * The HTTP status of a dashboard page or form showing this refusal: {@link #status()}, except that a stale
     * version is 409 Conflict. A form carries the version it was read at in a hidden field, not in an
     * {@code If-Match} header, so no precondition of the request failed (412 is about those, RFC 9110 §15.5.13);
     * what the user sent conflicts with the current state, and the page shows both side by side.
     */
    public final int pageStatus() {
        return this instanceof VersionConflict ? 409 : status();
    }
}
