package org.fieldstone.identity;

import org.fieldstone.shared.Versioned;
import java.time.Instant;
import java.util.List;
import org.fieldstone.shared.UserId;

/** A crew (team) of a company: users who are scheduled together and, for technicians, see the same work. */
public record Crew(String id, String name, List<UserId> members, long version, Instant createdAt, Instant updatedAt) implements Versioned {

    public Crew {
        members = List.copyOf(members);
    }
}
