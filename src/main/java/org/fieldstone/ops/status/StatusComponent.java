package org.fieldstone.ops.status;

import java.util.Locale;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/** The parts of the service the status page reports on, in the order it shows them. */
public enum StatusComponent {
    DASHBOARD, API, PORTAL, PAYMENTS, NOTIFICATIONS, BACKUPS;

    /** The name in the CLI, the JSON and the database: {@code api}, {@code portal}, … */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StatusComponent parse(String key) {
        for (StatusComponent c : values()) {
            if (c.key().equalsIgnoreCase(key.strip())) {
                return c;
            }
        }
        throw new InvalidInput("components", Message.of("status.refused.component", key, allKeys()));
    }

    static String allKeys() {
        return String.join(", ", java.util.Arrays.stream(values()).map(StatusComponent::key).toList());
    }
}
