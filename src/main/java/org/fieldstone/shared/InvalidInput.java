package org.fieldstone.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that cannot be accepted, with a message per form field or JSON property at fault. The API lists
 * them all at once ({@code "errors": {field: message}}); the dashboard shows each beside its field.
 */
public final class InvalidInput extends DomainException {

    private final Map<String, String> errors;

    public InvalidInput(String field, String message) {
        super(message);
        this.errors = Map.of(field, message);
    }

    /** Several fields at once; {@code errors} must not be empty. */
    public InvalidInput(Map<String, String> errors) {
        super(errors.size() == 1 ? errors.values().iterator().next()
                : "Some values are not valid: " + String.join(", ", errors.keySet()) + ".");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors");
        }
        this.errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    /** The first (or only) field at fault. */
    public String field() {
        return errors.keySet().iterator().next();
    }

    public Map<String, String> asFieldErrors() {
        return errors;
    }

    /** Collects field errors and throws them together. */
    public static final class Collector {
        private final Map<String, String> errors = new LinkedHashMap<>();

        public void add(String field, String message) {
            errors.putIfAbsent(field, message);
        }

        /** Runs a check that may throw {@link InvalidInput}, keeping its messages. */
        public <T> T check(java.util.function.Supplier<T> check) {
            try {
                return check.get();
            } catch (InvalidInput e) {
                e.asFieldErrors().forEach(this::add);
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
