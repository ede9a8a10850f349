package org.fieldstone.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditRecord.Change;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.NewCompany;
import org.springframework.stereotype.Component;

@Component
class AccountService implements Accounts {

    private final Companies companies;
    private final CompanyDatabases databases;
    private final Passwords passwords;
    private final AuditTrail audit;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final Users users;
    private final Invitations invitations;

    AccountService(Companies companies, CompanyDatabases databases, Passwords passwords, AuditTrail audit,
                   LoginThrottle throttle, Clock clock, Users users, Invitations invitations) {
        this.users = users;
        this.invitations = invitations;
        this.companies = companies;
        this.databases = databases;
        this.passwords = passwords;
        this.audit = audit;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    public Company createCompany(NewCompany company, EmailAddress ownerEmail, String ownerName, char[] ownerPassword) {
        passwords.check(ownerPassword);
        String name = Users.validName(ownerName, ownerEmail);
        String hash = passwords.hash(ownerPassword);
        return companies.provision(company, db -> {
            UserId owner = UserId.random();
            users.insert(Actor.system(db.tenant(), Channel.SYSTEM), db, owner, ownerEmail, name, Role.OWNER, hash,
                    clock.millis(), "created");
        });
    }

    @Override
    public User addUser(Actor actor, EmailAddress email, String name, Role role, char[] password) {
        actor.require(Permission.TEAM_MANAGE);
        TeamService.requireMayGrant(actor, role);
        passwords.check(password);
        String cleanName = Users.validName(name, email);
        String hash = passwords.hash(password);
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            UserId id = UserId.random();
            users.insert(actor, db, id, email, cleanName, role, hash, clock.millis(), "created");
            return users.find(db, id).orElseThrow();
        });
    }

    @Override
    public boolean invitationValid(TenantId tenant, String token) {
        return invitations.valid(databases.of(tenant), token, clock.millis()).isPresent();
    }

    @Override
    public User acceptInvitation(TenantId tenant, String token, char[] password) {
        passwords.check(password);
        String hash = passwords.hash(password);
        CompanyDatabase db = databases.of(tenant);
        return db.inTransaction(() -> {
            long now = clock.millis();
            Invitations.Live invitation = invitations.valid(db, token, now).orElseThrow(() -> new NotFound(Message.of("identity.thing.invitation")));
            UserId id = invitation.user();
            try {
                invitations.spend(db, invitation, now);
            } catch (VersionConflict | NotFound e) {
                // spent or superseded since we found it: a second use in a race, refused like any spent link
                throw new NotFound(Message.of("identity.thing.invitation"));
            }
            User user = users.find(db, id).filter(User::active).orElseThrow(() -> new NotFound(Message.of("identity.thing.invitation")));
            UserPasswords.set(db, id, hash, now);
            SessionStore.closeAll(db.jdbc(), id, null);
            audit.append(db.jdbc(), AuditRecord.of(new Actor(tenant, java.util.Optional.of(id), user.name(), user.role(),
                    java.util.Optional.empty(), Channel.WEB, null, null), "user", id, "user.password_set"));
            return users.find(db, id).orElseThrow();
        });
    }

    @Override
    public void changePassword(Actor actor, java.util.Optional<String> keepSession, char[] current, char[] replacement) {
        UserId id = actor.userId().orElseThrow(() -> new InvalidInput("password", Message.of("identity.refused.password-without-user")));
        CompanyDatabase db = databases.of(actor.tenant());
        User user = users.find(db, id).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
        String stored = Users.passwordHash(db, id).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
        // guessing the current password from a hijacked session is throttled like signing in
        String account = SignInService.accountKey(actor.tenant(), user.email().value());
        throttle.begin(account, actor.ip());
        if (!passwords.matches(current, stored)) {
            Duration lockout = throttle.failed(account);
            if (!lockout.isZero()) {
                throw LoginThrottle.locked(lockout);
            }
            throw new InvalidInput("currentPassword", Message.of("identity.refused.current-password"));
        }
        throttle.succeeded(account, actor.ip());
        if (Arrays.equals(current, replacement)) {
            throw new InvalidInput("newPassword", Message.of("identity.refused.same-password"));
        }
        try {
            passwords.check(replacement);
        } catch (InvalidInput e) {
            throw new InvalidInput("newPassword", e.message());
        }
        String hash = passwords.hash(replacement);
        db.inTransaction(() -> {
            UserPasswords.set(db, id, hash, clock.millis());
            int ended = SessionStore.closeAll(db.jdbc(), id, keepSession.orElse(null));
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", id, "user.password_changed",
                    new Change("other_sessions_ended", null, Integer.toString(ended))));
        });
    }
}
