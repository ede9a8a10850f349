package org.fieldstone.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditRecord.Change;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.MultiFactor;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Two-step verification (decision 0013). The TOTP secret is sealed through {@link FieldProtection} and opened only
 * to check a code; codes are checked through {@link Totp} (java-otp) with the last accepted step stored per user;
 * wrong codes go through the same {@link LoginThrottle} as passwords, under a key of their own so that a correct
 * password does not reset the count. Every change is audited in its own transaction; no secret or code ever is.
 */
@Component
class MfaService implements MultiFactor {

    /** The company setting "require two-step verification of everyone", which owners set. */
    static final CompanySetting<Boolean> REQUIRED = CompanySetting.flag("identity.mfa-required", Permission.SECURITY_MANAGE, false);

    static final Message WRONG_CODE = Message.of("identity.refused.mfa-code");
    static final Message EXPIRED = Message.of("identity.refused.sign-in-expired");
    private static final Message WRONG_PROOF = Message.of("identity.refused.mfa-proof");

    private final Companies companies;
    private final CompanyDatabases databases;
    private final FieldProtection protection;
    private final AuditTrail audit;
    private final LoginThrottle throttle;
    private final Passwords passwords;
    private final SessionStore sessions;
    private final CompanySettings settings;
    private final Clock clock;
    private final Users users;

    MfaService(Companies companies, CompanyDatabases databases, FieldProtection protection, AuditTrail audit,
               LoginThrottle throttle, Passwords passwords, SessionStore sessions, CompanySettings settings, Clock clock,
               Users users) {
        this.users = users;
        this.companies = companies;
        this.databases = databases;
        this.protection = protection;
        this.audit = audit;
        this.throttle = throttle;
        this.passwords = passwords;
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
    }

    // status and enrolment from "My account"

    @Override
    public Status status(Actor actor) {
        UserId self = actor.userId().orElseThrow(() -> new Forbidden(Message.of("identity.refused.mfa-without-user")));
        JdbcClient db = databases.of(actor.tenant()).jdbc();
        Optional<UserMfa.Row> row = UserMfa.find(db, self).filter(UserMfa.Row::enabled);
        return new Status(row.isPresent(), row.map(r -> Instant.ofEpochMilli(r.enabledAt())).orElse(null),
                row.isPresent() ? RecoveryCodes.unused(db, self) : 0, settings.get(databases.of(actor.tenant()), REQUIRED));
    }

    @Override
    public Enrolment startEnrolment(SignedIn me) {
        String session = dashboardSession(me);
        Company company = companies.find(me.tenant()).orElseThrow(() -> new NotFound(Message.of("identity.thing.company")));
        CompanyDatabase db = databases.of(me.tenant());
        return db.inTransaction(() -> start(db, company, me.userId(), me.email(), session));
    }

    @Override
    public Enrolled confirmEnrolment(SignedIn me, String code) {
        String session = dashboardSession(me);
        CompanyDatabase db = databases.of(me.tenant());
        return db.inTransaction(() -> {
            enable(db, me.userId(), session, code);
            List<String> codes = RecoveryCodes.replace(db.jdbc(), me.userId(), clock.millis());
            // sessions opened with the password alone end; this one is replaced by a new id that proved the factor
            int ended = SessionStore.closeAll(db.jdbc(), me.userId(), session);
            SessionStore.closeAll(db.jdbc(), me.userId(), null);
            String cookie = sessions.open(db, me.userId(), me.ip(), me.userAgent(), true);
            audit.append(db.jdbc(), AuditRecord.of(me.actor(), "user", me.userId(), "mfa.enrolled",
                    new Change("mfa", "off", "on"), new Change("recovery_codes", null, Integer.toString(codes.size())),
                    new Change("other_sessions_ended", null, Integer.toString(ended))));
            return new Enrolled(cookie, codes);
        });
    }

    @Override
    public List<String> regenerateRecoveryCodes(SignedIn me, String proof) {
        CompanyDatabase db = databases.of(me.tenant());
        User user = activeUser(db, me.userId());
        requireEnabled(db.jdbc(), me.userId());
        checkProof(db, user, me.actor(), proof);
        return db.inTransaction(() -> {
            List<String> codes = RecoveryCodes.replace(db.jdbc(), me.userId(), clock.millis());
            audit.append(db.jdbc(), AuditRecord.of(me.actor(), "user", me.userId(), "mfa.recovery_codes_regenerated",
                    new Change("recovery_codes", null, Integer.toString(codes.size()))));
            return codes;
        });
    }

    @Override
    public boolean disable(SignedIn me, String proof) {
        CompanyDatabase db = databases.of(me.tenant());
        User user = activeUser(db, me.userId());
        requireEnabled(db.jdbc(), me.userId());
        checkProof(db, user, me.actor(), proof);
        return db.inTransaction(() -> {
            boolean required = settings.get(db, REQUIRED);
            turnOff(db.jdbc(), me.userId());
            String keep = required ? null : me.sessionId().orElse(null);
            int ended = SessionStore.closeAll(db.jdbc(), me.userId(), keep);
            audit.append(db.jdbc(), AuditRecord.of(me.actor(), "user", me.userId(), "mfa.disabled",
                    new Change("mfa", "on", "off"), new Change(keep == null ? "sessions_ended" : "other_sessions_ended",
                            null, Integer.toString(ended))));
            return keep != null;
        });
    }

    @Override
    public void reset(Actor actor, UserId member) {
        actor.require(Permission.TEAM_MANAGE);
        if (actor.is(member)) {
            throw new Conflict(Message.of("identity.refused.mfa-reset-own"));
        }
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            User user = users.find(db, member).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
            TeamService.requireMayGrant(actor, user.role());
            if (!UserMfa.enabled(db.jdbc(), member)) {
                throw new Conflict(Message.of("identity.refused.mfa-reset-none", user.name()));
            }
            turnOff(db.jdbc(), member);
            int ended = SessionStore.closeAll(db.jdbc(), member, null);
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", member, "mfa.reset",
                    new Change("mfa", "on", "off"), new Change("sessions_ended", null, Integer.toString(ended))));
        });
    }

    // what a session proved

    @Override
    public boolean passed(SignedIn me) {
        return me.apiKeyId().isEmpty() && me.sessionId()
                .map(id -> SessionStore.passedSecondFactor(databases.of(me.tenant()).jdbc(), id)).orElse(false);
    }

    @Override
    public boolean satisfied(SignedIn me) {
        if (passed(me)) {
            return true;
        }
        JdbcClient db = databases.of(me.tenant()).jdbc();
        return !UserMfa.enabled(db, me.userId()) && !settings.get(databases.of(me.tenant()), REQUIRED);
    }

    // the company policy

    @Override
    public boolean required(Actor actor) {
        return settings.get(databases.of(actor.tenant()), REQUIRED);
    }

    @Override
    public void setRequired(Actor actor, boolean required) {
        actor.require(Permission.SECURITY_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        if (required && actor.userId().isPresent() && !UserMfa.enabled(db.jdbc(), actor.userId().get())) {
            throw new Conflict(Message.of("identity.refused.mfa-require-own-first"));
        }
        db.inTransaction(() -> {
            boolean before = settings.set(actor, REQUIRED, required);
            if (before == required) {
                return;
            }
            int ended = required ? SessionStore.closeAllWithoutSecondFactor(db.jdbc()) : 0;
            audit.append(db.jdbc(), AuditRecord.of(actor, "company_policy", REQUIRED.key(), "mfa.policy_changed",
                    new Change("mfa_required", Boolean.toString(before), Boolean.toString(required)),
                    new Change("sessions_ended", null, Integer.toString(ended))));
        });
    }


    // the second step of signing in

    @Override
    public Optional<Pending> pending(String companySlug, String challenge) {
        return challengeAt(companySlug, challenge).flatMap(at -> users.find(at.db(), at.challenge().user())
                .filter(User::active).map(u -> new Pending(u.name(), at.challenge().purpose())));
    }

    @Override
    public String completeSignIn(String companySlug, String challenge, String code, String ip, String userAgent) {
        At at = challengeAt(companySlug, challenge).filter(a -> a.challenge().purpose() == Purpose.CODE)
                .orElseThrow(() -> new Unauthenticated(EXPIRED));
        CompanyDatabase db = at.db();
        User user = users.find(db, at.challenge().user()).filter(User::active)
                .orElseThrow(() -> new Unauthenticated(EXPIRED));
        Actor actor = actorOf(db.tenant(), user, ip, userAgent);
        String key = throttleKey(db.tenant(), user.id());
        throttle.begin(key, ip);
        Optional<String> cookie = db.inTransaction(() -> {
            long now = clock.millis();
            String factor;
            if (Totp.looksLikeCode(code)) {
                if (!acceptCode(db, user.id(), code)) {
                    return Optional.<String>empty();
                }
                factor = "totp";
            } else if (RecoveryCodes.spend(db.jdbc(), user.id(), code, now)) {
                factor = "recovery_code";
                audit.append(db.jdbc(), AuditRecord.of(actor, "user", user.id(), "mfa.recovery_code_used",
                        new Change("recovery_codes_left", null, Integer.toString(RecoveryCodes.unused(db.jdbc(), user.id())))));
            } else {
                return Optional.<String>empty();
            }
            if (!Challenges.spend(db.jdbc(), at.challenge().idHash())) {
                throw new Unauthenticated(EXPIRED);
            }
            String opened = sessions.open(db, user.id(), ip, userAgent, true);
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", user.id(), "login.succeeded",
                    new Change("second_factor", null, factor)));
            return Optional.of(opened);
        });
        if (cookie.isEmpty()) {
            failed(db, actor, user, key, "sign_in");
            throw new Unauthenticated(WRONG_CODE);
        }
        throttle.succeeded(key, ip);
        return cookie.get();
    }

    @Override
    public Enrolment startEnrolmentAtSignIn(String companySlug, String challenge) {
        At at = challengeAt(companySlug, challenge).filter(a -> a.challenge().purpose() == Purpose.ENROL)
                .orElseThrow(() -> new Unauthenticated(EXPIRED));
        CompanyDatabase db = at.db();
        User user = users.find(db, at.challenge().user()).filter(User::active)
                .orElseThrow(() -> new Unauthenticated(EXPIRED));
        Company company = companies.find(db.tenant()).orElseThrow(() -> new NotFound(Message.of("identity.thing.company")));
        return db.inTransaction(() -> start(db, company, user.id(), user.email().value(), at.challenge().idHash()));
    }

    @Override
    public Enrolled confirmEnrolmentAtSignIn(String companySlug, String challenge, String code, String ip, String userAgent) {
        At at = challengeAt(companySlug, challenge).filter(a -> a.challenge().purpose() == Purpose.ENROL)
                .orElseThrow(() -> new Unauthenticated(EXPIRED));
        CompanyDatabase db = at.db();
        User user = users.find(db, at.challenge().user()).filter(User::active)
                .orElseThrow(() -> new Unauthenticated(EXPIRED));
        Actor actor = actorOf(db.tenant(), user, ip, userAgent);
        return db.inTransaction(() -> {
            enable(db, user.id(), at.challenge().idHash(), code);
            if (!Challenges.spend(db.jdbc(), at.challenge().idHash())) {
                throw new Unauthenticated(EXPIRED);
            }
            List<String> codes = RecoveryCodes.replace(db.jdbc(), user.id(), clock.millis());
            int ended = SessionStore.closeAll(db.jdbc(), user.id(), null);
            String cookie = sessions.open(db, user.id(), ip, userAgent, true);
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", user.id(), "mfa.enrolled",
                    new Change("mfa", "off", "on"), new Change("recovery_codes", null, Integer.toString(codes.size())),
                    new Change("other_sessions_ended", null, Integer.toString(ended))));
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", user.id(), "login.succeeded",
                    new Change("second_factor", null, "totp_enrolment")));
            return new Enrolled(cookie, codes);
        });
    }

    // shared steps

    /** Starts enrolment bound to {@code startedBy}, or shows the secret of the one it already started. */
    private Enrolment start(CompanyDatabase db, Company company, UserId user, String email, String startedBy) {
        Optional<UserMfa.Row> row = UserMfa.find(db.jdbc(), user);
        if (row.isPresent() && row.get().enabled()) {
            throw new Conflict(Message.of("identity.refused.mfa-on-already"));
        }
        String secret;
        if (row.isPresent() && startedBy.equals(row.get().startedBy())) {
            secret = open(db.tenant(), user, row.get().sealedSecret());
        } else {
            secret = Totp.newSecret();
            UserMfa.start(db.jdbc(), user, protection.seal(db.tenant(), UserMfa.TABLE, UserMfa.SECRET, user.toString(), secret),
                    startedBy, clock.millis());
        }
        return new Enrolment(secret, Totp.uri("Fieldstone " + company.name(), email, secret));
    }

    /** Confirms the enrolment {@code startedBy} began with its first code, or refuses the code. */
    private void enable(CompanyDatabase db, UserId user, String startedBy, String code) {
        UserMfa.Row row = UserMfa.find(db.jdbc(), user)
                .filter(r -> !r.enabled() && startedBy.equals(r.startedBy()))
                .orElseThrow(() -> new Conflict(Message.of("identity.refused.mfa-set-up-stale")));
        OptionalLong step = Totp.match(open(db.tenant(), user, row.sealedSecret()), code, clock.instant(), null);
        if (step.isEmpty()) {
            throw new InvalidInput("code", Message.of("identity.refused.mfa-enrol-code"));
        }
        if (!UserMfa.enable(db.jdbc(), user, startedBy, step.getAsLong(), clock.millis())) {
            throw new Conflict(Message.of("identity.refused.mfa-set-up-stale"));
        }
    }

    /** Checks a code against the user's secret and records its step; false when wrong, replayed or too far off. */
    private boolean acceptCode(CompanyDatabase db, UserId user, String code) {
        Optional<UserMfa.Row> row = UserMfa.find(db.jdbc(), user).filter(UserMfa.Row::enabled);
        if (row.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.match(open(db.tenant(), user, row.get().sealedSecret()), code,
                clock.instant(), row.get().lastStep());
        return step.isPresent() && UserMfa.accept(db.jdbc(), user, step.getAsLong(), clock.millis());
    }

    /**
     * A current code or the password, for changes to MFA itself: whoever holds a session alone cannot turn it off or
     * read new recovery codes. Wrong proofs are throttled like sign-ins: codes under the MFA key, passwords under the
     * account's password key.
     */
    private void checkProof(CompanyDatabase db, User user, Actor actor, String proof) {
        String given = proof == null ? "" : proof;
        if (Totp.looksLikeCode(given)) {
            String key = throttleKey(db.tenant(), user.id());
            throttle.begin(key, actor.ip());
            boolean ok = db.inTransaction(() -> acceptCode(db, user.id(), given));
            if (!ok) {
                failed(db, actor, user, key, "confirmation");
                throw new InvalidInput("proof", WRONG_PROOF);
            }
            throttle.succeeded(key, actor.ip());
            return;
        }
        String key = SignInService.accountKey(db.tenant(), user.email().value());
        throttle.begin(key, actor.ip());
        if (!passwords.matches(given.toCharArray(), Users.passwordHash(db, user.id()).orElse(null))) {
            Duration lockout = throttle.failed(key);
            if (!lockout.isZero()) {
                throw LoginThrottle.locked(lockout);
            }
            throw new InvalidInput("proof", WRONG_PROOF);
        }
        throttle.succeeded(key, actor.ip());
    }

    /** A wrong code: counted by the throttle and audited (without what was typed); a lockout is audited too. */
    private void failed(CompanyDatabase db, Actor actor, User user, String key, String during) {
        Duration lockout = throttle.failed(key);
        db.inTransaction(() -> {
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", user.id(), "mfa.failed", new Change("during", null, during)));
            if (!lockout.isZero()) {
                audit.append(db.jdbc(), AuditRecord.of(actor, "user", user.id(), "mfa.locked",
                        new Change("locked_for_seconds", null, Long.toString(lockout.toSeconds()))));
            }
        });
        if (!lockout.isZero()) {
            throw LoginThrottle.locked(lockout);
        }
    }

    private void turnOff(JdbcClient db, UserId user) {
        UserMfa.delete(db, user);
        RecoveryCodes.deleteAll(db, user);
        Challenges.deleteAllOf(db, user);
    }

    private String open(TenantId tenant, UserId user, String sealed) {
        return protection.open(tenant, UserMfa.TABLE, UserMfa.SECRET, user.toString(), sealed);
    }

    private static void requireEnabled(JdbcClient db, UserId user) {
        if (!UserMfa.enabled(db, user)) {
            throw new Conflict(Message.of("identity.refused.mfa-off"));
        }
    }

    private User activeUser(CompanyDatabase db, UserId id) {
        return users.find(db, id).filter(User::active).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
    }

    private static String dashboardSession(SignedIn me) {
        if (me.apiKeyId().isPresent()) {
            throw new Forbidden(Message.of("identity.refused.mfa-with-key"));
        }
        return me.sessionId().orElseThrow(() -> new Forbidden(Message.of("identity.refused.mfa-outside-dashboard")));
    }

    /** The throttling key of wrong codes: separate from the password's, so a correct password does not reset it. */
    static String throttleKey(TenantId tenant, UserId user) {
        return tenant.compact() + "|mfa|" + user;
    }

    private static Actor actorOf(TenantId tenant, User user, String ip, String userAgent) {
        return new Actor(tenant, Optional.of(user.id()), user.name(), user.role(), Optional.empty(), Channel.WEB, ip, userAgent);
    }

    private record At(CompanyDatabase db, Challenges.Challenge challenge) {
    }

    /** A challenge that is good at this company's address: the cookie names the company, the slug must match. */
    private Optional<At> challengeAt(String companySlug, String challenge) {
        Optional<TenantId> tenant = Challenges.tenantOf(challenge);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        Optional<Company> company = companies.find(tenant.get()).filter(Company::isActive)
                .filter(c -> c.slug().equals(companySlug));
        if (company.isEmpty()) {
            return Optional.empty();
        }
        CompanyDatabase db = databases.of(company.get().id());
        return Challenges.find(db.jdbc(), challenge, clock.millis()).map(c -> new At(db, c));
    }
}
