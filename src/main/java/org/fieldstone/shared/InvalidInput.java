package org.fieldstone.shared;

import java.util.Map;

/** Input that cannot be accepted; {@link #field()} names the form field or JSON property at fault. */
public final class InvalidInput extends DomainException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public Map<String, String> asFieldErrors() {
        return Map.of(field, getMessage());
    }
}
