package org.fieldstone.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Input that cannot be accepted, with a message per form field or JSON property at fault. The API lists
 * them all at once ({@code "errors": {field: message}}); the dashboard shows each beside its field. Each message is a
 * {@link Message} (a code and arguments), resolved where it is shown ({@link #fieldErrors(MessageSource, Locale)}).
 */
public final class InvalidInput extends DomainException {

    private final Map<String, Message> errors;

    public InvalidInput(String field, Message message) {
        super(message);
        this.errors = Map.of(field, message);
    }

    /** Several fields at once, in order; {@code errors} must not be empty. */
    public InvalidInput(Map<String, Message> errors) {
        super(summary(errors));
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    private static Message summary(Map<String, Message> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors");
        }
        return errors.size() == 1 ? errors.values().iterator().next()
                : Message.of("refusal.invalid-input", String.join(", ", errors.keySet()));
    }

    /** The first (or only) field at fault. */
    public String field() {
        return errors.keySet().iterator().next();
    }

    /** Each field's message as a code and arguments. */
    public Map<String, Message> fieldMessages() {
        return errors;
    }

    /** Each field's message in {@code locale}: what the API and the forms show. */
    public Map<String, String> fieldErrors(MessageSource messages, Locale locale) {
        Map<String, String> resolved = new LinkedHashMap<>();
        errors.forEach((field, message) -> resolved.put(field, message.resolve(messages, locale)));
        return Collections.unmodifiableMap(resolved);
    }

    /** Each field's message in the current request's locale ({@link LocaleContextHolder}). */
    public Map<String, String> fieldErrors(MessageSource messages) {
        return fieldErrors(messages, LocaleContextHolder.getLocale());
    }

    /** Each field's message in English (never throws): for logs and plain unit tests, not for what a user is shown. */
    public Map<String, String> asFieldErrors() {
        Map<String, String> english = new LinkedHashMap<>();
        errors.forEach((field, message) -> english.put(field, message.toString()));
        return Collections.unmodifiableMap(english);
    }

    /** Collects field errors and throws them together. */
    public static final class Collector {
        private final Map<String, Message> errors = new LinkedHashMap<>();

        public void add(String field, Message message) {
            errors.putIfAbsent(field, message);
        }

        /** Runs a check that may throw {@link InvalidInput}, keeping its messages. */
        public <T> T check(java.util.function.Supplier<T> check) {
            try {
                return check.get();
            } catch (InvalidInput e) {
                e.fieldMessages().forEach(this::add);
                return null;
            }
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
        }
    }
}
