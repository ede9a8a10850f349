package org.fieldstone.notifications;

import java.util.Objects;

/** Who a notification is for: one of the company's clients, or a member of its team. */
public record Recipient(Type type, String id) {

    public enum Type { CLIENT, USER }

    public Recipient {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Recipient client(String clientId) {
        return new Recipient(Type.CLIENT, clientId);
    }

    public static Recipient user(String userId) {
        return new Recipient(Type.USER, userId);
    }

    /** {@code client:<id>} or {@code user:<id>}: the recipient's part of an idempotency key. */
    public String key() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
