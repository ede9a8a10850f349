package org.fieldstone.identity;

import java.util.List;
import java.util.Set;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;

/**
 * A company's crews. Reads need {@code team:view}, writes {@code team:manage}; every write goes through the one
 * write path (versioned, audited). Another company's crew ids are not found; members must be users of the company.
 */
public interface Crews {

    /** Every crew, by name. */
    List<Crew> list(Actor actor);

    Crew get(Actor actor, String crewId);

    Crew create(Actor actor, String name, List<UserId> members);

    /** Changes the name and/or the members (null: left as it is) if the crew is still at {@code expectedVersion}. */
    Crew update(Actor actor, String crewId, long expectedVersion, String name, List<UserId> members);

    void delete(Actor actor, String crewId, long expectedVersion);

    /** The ids of the crews {@code user} belongs to, for visibility rules (no permission check: nothing is shown). */
    Set<String> crewIdsOf(TenantId tenant, UserId user);
}
