package org.fieldstone.identity.internal;

import java.time.Duration;
import org.fieldstone.identity.Reauthentication;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.stereotype.Component;

/** {@link Reauthentication}: the same check and throttle as the current password of a password change. */
@Component
class PasswordConfirmation implements Reauthentication {

    private final CompanyDatabases databases;
    private final Users users;
    private final Passwords passwords;
    private final LoginThrottle throttle;

    PasswordConfirmation(CompanyDatabases databases, Users users, Passwords passwords, LoginThrottle throttle) {
        this.databases = databases;
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public void confirmPassword(Actor actor, char[] password) {
        UserId id = actor.userId().orElseThrow(() -> new InvalidInput("currentPassword", Message.of("identity.refused.password-without-user")));
        CompanyDatabase db = databases.of(actor.tenant());
        User user = users.find(db, id).filter(User::active).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
        String stored = Users.passwordHash(db, id).orElse(null);
        String account = SignInService.accountKey(actor.tenant(), user.email().value());
        throttle.begin(account, actor.ip());
        if (!passwords.matches(password, stored)) {
            Duration lockout = throttle.failed(account);
            if (!lockout.isZero()) {
                throw LoginThrottle.locked(lockout);
            }
            throw new InvalidInput("currentPassword", Message.of("identity.refused.password"));
        }
        throttle.succeeded(account, actor.ip());
    }
}
