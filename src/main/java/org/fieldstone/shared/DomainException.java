package org.fieldstone.shared;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * A refusal the user can act on. Each kind is mapped once, here, to its HTTP status ({@link #status()}, the API's
 * problem+json; {@link #pageStatus()}, a dashboard page or form), and shown as a message. The message is safe to
 * show; it never carries another company's data.
 *
 * <p>The message is a {@link Message}: a code of {@code messages.properties} with its arguments
 * ({@code new Conflict(Message.of("jobs.refused.delete", state))}), resolved where the refusal is shown, in the
 * request's locale ({@link #message(MessageSource, Locale)}); {@link #getMessage()} is its English text, for the CLI
 * and logs. There is no constructor taking English: every refusal's text is in {@code messages.properties}.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Conflict, VersionConflict, Forbidden, InvalidInput, Unauthenticated, TooManyRequests {

    private final Message message;

    protected DomainException(Message message) {
        super(null, null, false, false);
        this.message = java.util.Objects.requireNonNull(message);
    }

    /** What the user is told, as a code and arguments. */
    public final Message message() {
        return message;
    }

    /** What the user is told, in {@code locale}. */
    public final String message(MessageSource messages, Locale locale) {
        return message.resolve(messages, locale);
    }

    /** What the user is told, in the current request's locale ({@link LocaleContextHolder}). */
    public final String message(MessageSource messages) {
        return message(messages, LocaleContextHolder.getLocale());
    }

    /** The English text (from {@code messages.properties}), for the CLI and logs. */
    @Override
    public final String getMessage() {
        return message.toString();
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
