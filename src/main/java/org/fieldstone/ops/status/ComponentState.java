package org.fieldstone.ops.status;

import java.util.Locale;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/** A component's state, from best to worst: a day's bar shows the worst state it had. */
public enum ComponentState {
    OPERATIONAL, MAINTENANCE, DEGRADED, PARTIAL_OUTAGE, MAJOR_OUTAGE;

    /** {@code partial_outage}: the name in the CLI, the JSON and the database. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ComponentState worse(ComponentState other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static ComponentState parse(String key) {
        String k = key.strip().replace('-', '_');
        for (ComponentState s : values()) {
            if (s.key().equalsIgnoreCase(k)) {
                return s;
            }
        }
        throw new InvalidInput("state", Message.of("status.refused.state", key,
                String.join(", ", java.util.Arrays.stream(values()).map(ComponentState::key).toList())));
    }
}
