package org.fieldstone.identity.internal;

import static org.fieldstone.identity.internal.IdentityTables.USER_ACTIVE;
import static org.fieldstone.identity.internal.IdentityTables.USER_ROLE;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.stereotype.Component;

@Component
class TeamService implements Team {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private final CompanyDatabases databases;
    private final AuditTrail audit;
    private final Clock clock;
    private final Users users;
    private final ApiKeyService apiKeys;
    private final Invitations invitations;

    TeamService(CompanyDatabases databases, AuditTrail audit, Clock clock, Users users, ApiKeyService apiKeys,
                Invitations invitations) {
        this.invitations = invitations;
        this.apiKeys = apiKeys;
        this.users = users;
        this.databases = databases;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Page<User> list(Actor actor, Page.PageRequest page) {
        actor.require(Permission.TEAM_VIEW);
        return users.list(databases.of(actor.tenant()), page);
    }

    @Override
    public User get(Actor actor, UserId id) {
        if (!actor.is(id)) {
            actor.require(Permission.TEAM_VIEW);
        }
        return users.find(databases.of(actor.tenant()), id).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
    }

    @Override
    public Optional<User> findByEmail(Actor actor, EmailAddress email) {
        actor.require(Permission.TEAM_VIEW);
        return users.findByEmail(databases.of(actor.tenant()), email);
    }

    @Override
    public Invitation invite(Actor actor, EmailAddress email, String name, Role role) {
        actor.require(Permission.TEAM_MANAGE);
        requireMayGrant(actor, role);
        String cleanName = Users.validName(name, email);
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            UserId id = UserId.random();
            users.insert(actor, db, id, email, cleanName, role, null, clock.millis(), "invited");
            String token = invitations.create(actor, db, id, clock.millis(), INVITATION_VALIDITY);
            return new Invitation(users.find(db, id).orElseThrow(), token, INVITATION_VALIDITY);
        });
    }

    @Override
    public Invitation reinvite(Actor actor, UserId id) {
        actor.require(Permission.TEAM_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            User user = users.find(db, id).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
            if (!user.invited()) {
                throw new Conflict(Message.of("identity.refused.password-set-already", user.name()));
            }
            requireMayGrant(actor, user.role());
            String token = invitations.create(actor, db, id, clock.millis(), INVITATION_VALIDITY);
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", id, "user.reinvited"));
            return new Invitation(user, token, INVITATION_VALIDITY);
        });
    }

    @Override
    public User update(Actor actor, UserId id, Optional<Role> newRole, Optional<Boolean> newActive) {
        actor.require(Permission.TEAM_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            User user = users.find(db, id).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
            Role role = newRole.orElse(user.role());
            boolean active = newActive.orElse(user.active());
            if (role == user.role() && active == user.active()) {
                return user;
            }
            requireMayGrant(actor, user.role());
            requireMayGrant(actor, role);
            if (!active && actor.is(id)) {
                throw new Conflict(Message.of("identity.refused.deactivate-self"));
            }
            boolean stopsBeingOwner = user.role() == Role.OWNER && user.active() && (role != Role.OWNER || !active);
            if (stopsBeingOwner && Users.activeOwnersWhoCanSignIn(db, id) == 0) {
                throw new Conflict(Message.of("identity.refused.last-owner"));
            }
            // through the write path: user.role_changed and user.activated/deactivated, each with before and after
            long version = user.version();
            if (role != user.role()) {
                version = users.change(actor, id, version, USER_ROLE, role.name(), "role_changed")
                        .orElseThrow(() -> changedMeanwhile(user));
            }
            if (active != user.active()) {
                users.change(actor, id, version, USER_ACTIVE, active, active ? "activated" : "deactivated")
                        .orElseThrow(() -> changedMeanwhile(user));
                if (!active) {
                    // each key's own api_key.revoked entry says the key stopped working, and why (same actor, same time)
                    SessionStore.closeAll(db.jdbc(), id, null);
                    apiKeys.revokeAllOf(actor, db, id);
                }
            }
            return users.find(db, id).orElseThrow();
        });
    }

    private static Conflict changedMeanwhile(User user) {
        return new Conflict(Message.of("identity.refused.user-changed", user.name()));
    }

    /** Nobody hands out (or takes away) a role above their own: an admin cannot make or unmake owners. */
    static void requireMayGrant(Actor actor, Role role) {
        if (!actor.role().covers(role)) {
            throw new Forbidden(Message.of("identity.refused.grant-role", role.name()));
        }
    }
}
