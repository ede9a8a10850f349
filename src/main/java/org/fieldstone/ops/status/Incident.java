package org.fieldstone.ops.status;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * An incident on the status page: which components, in which state, and its updates (oldest first). Open until
 * resolved; a resolved incident takes no more updates. May be marked a data breach ({@link #breach}).
 */
public record Incident(long id, String title, Set<StatusComponent> components, ComponentState state, Instant openedAt,
                       Instant resolvedAt, Breach breach, List<Update> updates) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_MESSAGE = 5_000;

    public boolean open() {
        return resolvedAt == null;
    }

    /** Refuses an update of a resolved incident. */
    void requireOpen() {
        if (!open()) {
            throw new Conflict(Message.of("status.refused.resolved", id));
        }
    }

    static void checkTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInput("title", Message.of("status.refused.title"));
        }
        if (title.length() > MAX_TITLE) {
            throw new InvalidInput("title", Message.of("status.refused.too-long", "title", MAX_TITLE));
        }
    }

    static void checkMessage(String message) {
        if (message != null && message.length() > MAX_MESSAGE) {
            throw new InvalidInput("message", Message.of("status.refused.too-long", "message", MAX_MESSAGE));
        }
    }

    /** One entry of an incident's history. */
    public record Update(int seq, Instant at, Kind kind, ComponentState state, String message) {
    }

    public enum Kind {
        OPENED, UPDATED, RESOLVED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A data breach: the window (and optionally the actor and address) searched in the audit trails, and when the
     * breach was recorded — the 72-hour notification deadline runs from then.
     */
    public record Breach(Instant from, Instant to, String actor, String ip, Instant recordedAt) {

        public Instant deadline() {
            return BreachDeadline.of(recordedAt);
        }
    }
}
