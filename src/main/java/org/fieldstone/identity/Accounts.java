package org.fieldstone.identity;

import org.fieldstone.shared.Actor;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.NewCompany;

/** Passwords and new companies: signing up, accepting an invitation, changing a password. */
public interface Accounts {

    /** Provisions a company and its owner in one step: all or nothing. */
    Company createCompany(NewCompany company, EmailAddress ownerEmail, String ownerName, char[] ownerPassword);

    /** Adds an active user with a password directly (the operator's CLI, the demo company). */
    User addUser(Actor actor, EmailAddress email, String name, Role role, char[] password);

    /** Sets the password of an invited user from the one-time link; the link is spent. */
    User acceptInvitation(TenantId tenant, String token, char[] password);

    /** Whether an invitation link is still good (for showing the form). */
    boolean invitationValid(TenantId tenant, String token);

    /**
     * Changes the actor's own password and ends all their sessions but {@code keepSession} (the session
     * id of the request that made the change, if it came through one).
     */
    void changePassword(Actor actor, java.util.Optional<String> keepSession, char[] current, char[] replacement);
}
