package org.fieldstone.shared;

import java.util.Objects;
import java.util.UUID;

/** A user of one company; unique within that company's database. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    /** Parses a user id from a path or body; an unparsable id is simply not found. */
    public static UserId parse(String text) {
        try {
            return new UserId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound(Message.of("shared.thing.user"));
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
