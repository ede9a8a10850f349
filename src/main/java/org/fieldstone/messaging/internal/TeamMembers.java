package org.fieldstone.messaging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;

/** The members of a company's team who are told of something: active, invitation accepted, in one of some roles. */
final class TeamMembers {

    private TeamMembers() {
    }

    /** Every member (of any role), page by page; the callers pick whom to tell. */
    static List<User> all(Team team, Actor system) {
        List<User> users = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<User> found = team.list(system, Page.request(page, Page.MAX_SIZE));
            users.addAll(found.items());
            if (found.items().isEmpty() || (long) (page + 1) * found.size() >= found.total()) {
                return users;
            }
        }
    }

    /** The active members with an accepted invitation holding one of {@code roles}. */
    static List<User> told(Team team, Actor system, Set<Role> roles) {
        return told(all(team, system), roles);
    }

    /** Those of {@code members} who are active, accepted their invitation and hold one of {@code roles}. */
    static List<User> told(List<User> members, Set<Role> roles) {
        return members.stream().filter(u -> u.active() && !u.invited() && roles.contains(u.role())).toList();
    }
}
