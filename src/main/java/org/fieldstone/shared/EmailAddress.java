package org.fieldstone.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** A syntactically plausible email address, normalized to lower case for lookups. */
public record EmailAddress(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    public EmailAddress {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("email", Message.of("shared.refused.email-required"));
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new InvalidInput("email", Message.of("shared.refused.email"));
        }
    }

    public static EmailAddress of(String text) {
        return new EmailAddress(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
