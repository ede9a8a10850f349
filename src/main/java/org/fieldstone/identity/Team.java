package org.fieldstone.identity;

import java.time.Duration;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;

/** The company's team: list, invite, change role, (de)activate. Every change is audited. */
public interface Team {

    Page<User> list(Actor actor, Page.PageRequest page);

    User get(Actor actor, UserId id);

    Optional<User> findByEmail(Actor actor, EmailAddress email);

    /**
     * Adds a member who sets their own password through a one-time link.
     * Needs {@code team:manage}; nobody can grant a role higher than their own.
     */
    Invitation invite(Actor actor, EmailAddress email, String name, Role role);

    /**
     * Changes a member's role and/or active flag in one transaction: all of it or nothing. A company always
     * keeps at least one active owner who can sign in; deactivating ends the member's sessions and revokes
     * their API keys at once.
     */
    User update(Actor actor, UserId id, Optional<Role> role, Optional<Boolean> active);

    default User changeRole(Actor actor, UserId id, Role role) {
        return update(actor, id, Optional.of(role), Optional.empty());
    }

    default User setActive(Actor actor, UserId id, boolean active) {
        return update(actor, id, Optional.empty(), Optional.of(active));
    }

    /** A fresh set-password link for a member who has not set a password yet. */
    Invitation reinvite(Actor actor, UserId id);

    /** The one-time token travels only in the link shown to whoever invited; its hash is stored. */
    record Invitation(User user, String token, Duration validFor) {
    }
}
