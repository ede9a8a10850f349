package org.fieldstone.clients;

import org.fieldstone.shared.Versioned;
import java.time.Instant;
import java.util.List;

/**
 * A person or business the company works for.
 *
 * @param phone   E.164, e.g. {@code +41446681800}, or null
 * @param tags    short labels, in the order given
 * @param version the record's version: the {@code ETag} of the API and the optimistic lock of every write
 * @param remindersOff the client opted out of payment and expiry reminders (the documents themselves are still sent)
 */
public record Client(String id, String name, String email, String phone, String notes, List<String> tags,
                     boolean archived, long version, Instant createdAt, Instant updatedAt, boolean remindersOff)
        implements Versioned {

    public Client {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A client who gets reminders. */
    public Client(String id, String name, String email, String phone, String notes, List<String> tags,
                  boolean archived, long version, Instant createdAt, Instant updatedAt) {
        this(id, name, email, phone, notes, tags, archived, version, createdAt, updatedAt, false);
    }
}
