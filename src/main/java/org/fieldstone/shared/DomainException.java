package org.fieldstone.shared;

/**
 * A refusal the user can act on. Each kind is mapped once: to a problem+json status in the API and to
 * a message in the dashboard. The message is safe to show; it never carries another company's data.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Conflict, VersionConflict, Forbidden, InvalidInput, Unauthenticated, TooManyRequests {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
