package org.fieldstone.jobs;

import java.util.Locale;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public static Priority parse(String text) {
        if (text == null || text.isBlank()) {
            return NORMAL;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("priority", Message.of("jobs.refused.priority", text.strip()));
        }
    }
}
