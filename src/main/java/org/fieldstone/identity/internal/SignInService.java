package org.fieldstone.identity.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.SignIn;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.stereotype.Component;

@Component
class SignInService implements SignIn {

    static final String WRONG = "Email or password is incorrect.";

    private final Companies companies;
    private final CompanyDatabases databases;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final SessionStore sessions;
    private final AuditTrail audit;

    SignInService(Companies companies, CompanyDatabases databases, Passwords passwords, LoginThrottle throttle,
                  SessionStore sessions, AuditTrail audit) {
        this.companies = companies;
        this.databases = databases;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public String signIn(String slug, String emailText, char[] password, String ip, String userAgent) {
        Company company = companies.findBySlug(slug).filter(Company::isActive).orElseThrow(() -> new NotFound("company"));
        CompanyDatabase db = databases.of(company.id());
        String submitted = emailText == null ? "" : emailText.strip().toLowerCase(Locale.ROOT);
        String accountKey = company.id().compact() + "|" + submitted;
        Actor anonymous = new Actor(company.id(), Optional.empty(), "anonymous", org.fieldstone.shared.Role.READ_ONLY,
                Optional.empty(), Channel.WEB, ip, userAgent);

        if (!throttle.addressAllowed(ip)) {
            throw new TooManyRequests("Too many failed sign-in attempts from your network. Try again later.", Duration.ofMinutes(10));
        }
        Duration wait = throttle.accountWait(accountKey);
        if (!wait.isZero()) {
            throw locked(wait);
        }
        Optional<User> user;
        try {
            user = Users.findByEmail(db.jdbc(), new EmailAddress(submitted));
        } catch (InvalidInput e) {
            user = Optional.empty();
        }
        boolean ok;
        if (user.isPresent() && user.get().active()) {
            ok = passwords.matches(password, Users.passwordHash(db.jdbc(), user.get().id()).orElse(null));
        } else {
            passwords.verifyDecoy(password);
            ok = false;
        }
        if (!ok) {
            boolean lockedNow = throttle.failed(accountKey, ip);
            Optional<User> who = user;
            db.inTransaction(() -> {
                audit.append(db.jdbc(), new AuditRecord(anonymous, "user", who.map(u -> u.id().toString()).orElse(null),
                        "login.failed", java.util.List.of(new AuditRecord.Change("email", null, truncate(submitted)))));
                if (lockedNow) {
                    audit.append(db.jdbc(), new AuditRecord(anonymous, "user", who.map(u -> u.id().toString()).orElse(null),
                            "login.locked", java.util.List.of(new AuditRecord.Change("email", null, truncate(submitted)))));
                }
            });
            if (lockedNow) {
                throw locked(throttle.accountWait(accountKey));
            }
            throw new Unauthenticated(WRONG);
        }
        throttle.succeeded(accountKey);
        User u = user.get();
        Actor actor = new Actor(company.id(), Optional.of(u.id()), u.name(), u.role(), Optional.empty(), Channel.WEB, ip, userAgent);
        return db.inTransaction(() -> {
            String cookie = sessions.open(db, u.id(), ip, userAgent);
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", u.id(), "login.succeeded"));
            return cookie;
        });
    }

    private static TooManyRequests locked(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return new TooManyRequests("Too many failed attempts. Try again in " + minutes
                + (minutes == 1 ? " minute." : " minutes."), wait);
    }

    private static String truncate(String s) {
        return s.length() > 254 ? s.substring(0, 254) : s;
    }
}
