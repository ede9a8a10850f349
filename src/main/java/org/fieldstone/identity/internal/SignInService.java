package org.fieldstone.identity.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditRecord.Change;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.MultiFactor.Purpose;
import org.fieldstone.identity.SignIn;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.stereotype.Component;

@Component
class SignInService implements SignIn {

    static final Message WRONG = Message.of("identity.refused.sign-in");

    private final Companies companies;
    private final CompanyDatabases databases;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final SessionStore sessions;
    private final AuditTrail audit;
    private final Users users;

    private final Clock clock;

    private final CompanySettings settings;

    /** Failed sign-ins and lockouts per company: the operator's credential-stuffing alert (ops.monitoring). */
    private final MeterRegistry meters;

    SignInService(Companies companies, CompanyDatabases databases, Passwords passwords, LoginThrottle throttle,
                  SessionStore sessions, AuditTrail audit, Clock clock, Users users, CompanySettings settings,
                  MeterRegistry meters) {
        this.meters = meters;
        this.users = users;
        this.settings = settings;
        this.companies = companies;
        this.databases = databases;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Outcome signIn(String slug, String emailText, char[] password, String ip, String userAgent) {
        Company company = companies.findBySlug(slug).filter(Company::isActive).orElseThrow(() -> new NotFound(Message.of("identity.thing.company")));
        CompanyDatabase db = databases.of(company.id());
        String account = accountKey(company.id(), emailText);
        throttle.begin(account, ip);

        Optional<User> user = Optional.empty();
        try {
            user = users.findByEmail(db, new EmailAddress(emailText));
        } catch (InvalidInput notAnEmail) {
            // not an email address: it cannot match anyone; it is still checked against a decoy for timing
        }
        boolean ok;
        if (user.isPresent() && user.get().active()) {
            ok = passwords.matches(password, Users.passwordHash(db, user.get().id()).orElse(null));
        } else {
            passwords.verifyDecoy(password);
            ok = false;
        }
        if (!ok) {
            Duration lockout = throttle.failed(account);
            meters.counter("fieldstone.login.failures", "company", company.slug()).increment();
            if (!lockout.isZero()) {
                meters.counter("fieldstone.login.lockouts", "company", company.slug()).increment();
            }
            recordFailure(db, user, lockout, new Actor(company.id(), Optional.empty(), "anonymous", Role.READ_ONLY,
                    Optional.empty(), Channel.WEB, ip, userAgent));
            if (!lockout.isZero()) {
                throw LoginThrottle.locked(lockout);
            }
            throw new Unauthenticated(WRONG);
        }
        throttle.succeeded(account, ip);
        User u = user.get();
        Actor actor = new Actor(company.id(), Optional.of(u.id()), u.name(), u.role(), Optional.empty(), Channel.WEB, ip, userAgent);
        return db.inTransaction(() -> {
            sessions.purgeExpired(db.jdbc(), u.id());
            // with MFA on (or required by the company) the password alone opens no session, only the second step
            Optional<Purpose> next = UserMfa.enabled(db.jdbc(), u.id()) ? Optional.of(Purpose.CODE)
                    : settings.get(db, MfaService.REQUIRED) ? Optional.of(Purpose.ENROL) : Optional.empty();
            if (next.isPresent()) {
                String challenge = Challenges.create(db.jdbc(), company.id(), u.id(), next.get(), clock.millis());
                audit.append(db.jdbc(), AuditRecord.of(actor, "user", u.id(), "login.password_accepted",
                        new Change("next_step", null, next.get() == Purpose.CODE ? "mfa_code" : "mfa_enrolment")));
                return next.get() == Purpose.CODE ? new CodeRequired(challenge) : new EnrolmentRequired(challenge);
            }
            String cookie = sessions.open(db, u.id(), ip, userAgent);
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", u.id(), "login.succeeded"));
            return new SessionOpened(cookie);
        });
    }

    /**
     * A failed sign-in names the account only if one matched. Whatever else was typed into the email field
     * (sometimes the password itself) is never written to the append-only trail.
     */
    private void recordFailure(CompanyDatabase db, Optional<User> user, Duration lockout, Actor anonymous) {
        String entityId = user.map(u -> u.id().toString()).orElse(null);
        List<Change> changes = user.map(u -> List.of(Change.sensitive("email", null, u.email().value()))).orElse(List.of());
        db.inTransaction(() -> {
            audit.append(db.jdbc(), new AuditRecord(anonymous, "user", entityId, "login.failed", changes));
            if (!lockout.isZero()) {
                audit.append(db.jdbc(), new AuditRecord(anonymous, "user", entityId, "login.locked", changes));
            }
        });
    }

    /** The throttling key of an account: company and the normalized submitted email. */
    static String accountKey(TenantId tenant, String emailText) {
        String submitted = emailText == null ? "" : emailText.strip().toLowerCase(Locale.ROOT);
        return tenant.compact() + "|" + submitted;
    }
}
