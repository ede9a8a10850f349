package org.fieldstone.identity;

import java.time.Instant;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;

/** A member of a company's team. {@code invited}: no password set yet. */
public record User(UserId id, EmailAddress email, String name, Role role, boolean active, boolean invited,
                   Instant createdAt, long version) {
}
