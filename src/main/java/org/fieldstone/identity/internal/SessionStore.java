package org.fieldstone.identity.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.Actor;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sessions in the company database. Cookie value: {@code <company id, 32 hex>.<43-character secret>};
 * the table keeps SHA-256 of the secret. A session ends after the idle timeout, at its absolute
 * lifetime, at logout, or when its user or company stops being active.
 */
@Component
class SessionStore implements Sessions {

    /** last_seen_at is written at most this often, not on every request. */
    private static final long TOUCH_EVERY_MILLIS = 30_000;

    private final Companies companies;
    private final CompanyDatabases databases;
    private final IdentityProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    private final Users users;

    private final CompanySettings settings;

    SessionStore(Companies companies, CompanyDatabases databases, IdentityProperties properties, AuditTrail audit,
                 Clock clock, Users users, CompanySettings settings) {
        this.users = users;
        this.settings = settings;
        this.companies = companies;
        this.databases = databases;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** Opens a new session (always a new id) and returns the cookie value. */
    String open(CompanyDatabase db, UserId user, String ip, String userAgent) {
        return open(db, user, ip, userAgent, false);
    }

    /** Opens a new session; {@code secondFactor}: it proved the second factor (MFA) as it was opened. */
    String open(CompanyDatabase db, UserId user, String ip, String userAgent, boolean secondFactor) {
        String secret = Secrets.random();
        long now = clock.millis();
        db.jdbc().sql("""
                INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, ip, user_agent, mfa_at)
                VALUES (:hash, :user, :now, :now, :ip, :ua, :mfa)
                """)
                .param("hash", Secrets.hash(secret)).param("user", user.toString()).param("now", now)
                .param("ip", ip).param("ua", userAgent == null ? null : userAgent.substring(0, Math.min(500, userAgent.length())))
                .param("mfa", secondFactor ? now : null)
                .update();
        return db.tenant().compact() + "." + secret;
    }

    @Override
    public Optional<SignedIn> resolve(String cookieValue, String companySlug, String ip, String userAgent) {
        java.util.Objects.requireNonNull(companySlug, "a session is only resolved at its company's address");
        Optional<Parsed> parsed = Parsed.of(cookieValue);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Optional<Company> company = companies.find(parsed.get().tenant()).filter(Company::isActive);
        if (company.isEmpty() || !company.get().slug().equals(companySlug)) {
            return Optional.empty();
        }
        CompanyDatabase database = databases.of(company.get().id());
        JdbcClient db = database.jdbc();
        String idHash = Secrets.hash(parsed.get().secret());
        var row = db.sql(SESSION)
                .param("hash", idHash)
                .query((rs, i) -> new SessionRow(rs.getString("user_id"), rs.getLong("created_at"), rs.getLong("last_seen_at"),
                        rs.getObject("mfa_at") != null, rs.getObject("mfa_enabled_at") != null))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        SessionRow s = row.get();
        boolean idle = now - s.lastSeenAt() > properties.session().idleTimeout().toMillis();
        boolean tooOld = now - s.createdAt() > properties.session().absoluteLifetime().toMillis();
        Optional<User> user = users.find(database, new UserId(UUID.fromString(s.userId()))).filter(User::active);
        // writes go through a transaction, so that on SQLite they queue behind the company's other writers in the
        // JVM instead of waiting in SQLite's busy handler (which pins the request's carrier thread)
        // the company's policy is read only for a user without MFA, the only one it can turn away
        boolean secondFactorSatisfied = s.userHasSecondFactor() ? s.passedSecondFactor()
                : !settings.get(database, MfaService.REQUIRED);
        if (idle || tooOld || user.isEmpty() || !secondFactorSatisfied) {
            database.inTransaction(() -> delete(db, idHash));
            return Optional.empty();
        }
        if (now - s.lastSeenAt() > TOUCH_EVERY_MILLIS) {
            database.inTransaction(() -> db.sql("UPDATE sessions SET last_seen_at = :now WHERE id_hash = :hash")
                    .param("now", now).param("hash", idHash).update());
        }
        User u = user.get();
        return Optional.of(new SignedIn(company.get().id(), company.get().slug(), company.get().name(), company.get().country(),
                u.id(),
                u.email().value(), u.name(), u.role(), Optional.empty(), Optional.of(idHash), Channel.WEB, ip, userAgent));
    }

    @Override
    public void close(String cookieValue, boolean signOut, String ip, String userAgent) {
        Parsed.of(cookieValue).ifPresent(p -> companies.find(p.tenant()).ifPresent(c -> {
            CompanyDatabase db = databases.of(c.id());
            String idHash = Secrets.hash(p.secret());
            db.inTransaction(() -> {
                Optional<String> user = db.jdbc().sql("SELECT user_id FROM sessions WHERE id_hash = :hash")
                        .param("hash", idHash).query(String.class).optional();
                delete(db.jdbc(), idHash);
                if (signOut && user.isPresent()) {
                    UserId id = new UserId(UUID.fromString(user.get()));
                    users.find(db, id).ifPresent(u -> audit.append(db.jdbc(), AuditRecord.of(
                            new Actor(c.id(), Optional.of(id), u.name(), u.role(), Optional.empty(), Channel.WEB, ip, userAgent),
                            "user", id, "logout")));
                }
            });
        }));
    }

    @Override
    public java.util.List<ActiveSession> listOwn(Actor actor) {
        UserId self = actor.userId().orElseThrow(() -> new org.fieldstone.shared.Forbidden(Message.of("identity.refused.sessions-without-user")));
        long now = clock.millis();
        return databases.of(actor.tenant()).jdbc().sql("""
                SELECT id_hash, user_agent, ip, created_at, last_seen_at FROM sessions
                WHERE user_id = :user AND last_seen_at >= :idle AND created_at >= :absolute
                ORDER BY last_seen_at DESC
                """)
                .param("user", self.toString())
                .param("idle", now - properties.session().idleTimeout().toMillis())
                .param("absolute", now - properties.session().absoluteLifetime().toMillis())
                .query((rs, i) -> new ActiveSession(rs.getString(1), Devices.describe(rs.getString(2)), rs.getString(3),
                        java.time.Instant.ofEpochMilli(rs.getLong(4)), java.time.Instant.ofEpochMilli(rs.getLong(5))))
                .list();
    }

    @Override
    public void revokeOwn(Actor actor, String sessionId) {
        UserId self = actor.userId().orElseThrow(() -> new org.fieldstone.shared.Forbidden(Message.of("identity.refused.sessions-without-user")));
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            int removed = db.jdbc().sql("DELETE FROM sessions WHERE id_hash = :id AND user_id = :user")
                    .param("id", sessionId == null ? "" : sessionId).param("user", self.toString()).update();
            if (removed == 0) {
                throw new org.fieldstone.shared.NotFound(Message.of("identity.thing.session"));
            }
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", self, "session.revoked"));
        });
    }

    @Override
    public int revokeOthers(Actor actor, Optional<String> keep) {
        UserId self = actor.userId().orElseThrow(() -> new org.fieldstone.shared.Forbidden(Message.of("identity.refused.sessions-without-user")));
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            int ended = closeAll(db.jdbc(), self, keep.orElse(null));
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", self, "sessions.ended",
                    new AuditRecord.Change("sessions_ended", null, Integer.toString(ended))));
            return ended;
        });
    }

    @Override
    public int endAllOf(Actor actor, UserId member) {
        actor.require(org.fieldstone.shared.Permission.TEAM_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            User user = users.find(db, member).orElseThrow(() -> new org.fieldstone.shared.NotFound(Message.of("identity.thing.user")));
            TeamService.requireMayGrant(actor, user.role());
            int ended = closeAll(db.jdbc(), member, null);
            audit.append(db.jdbc(), AuditRecord.of(actor, "user", member, "sessions.ended",
                    new AuditRecord.Change("sessions_ended", null, Integer.toString(ended))));
            return ended;
        });
    }

    /** Removes a user's sessions that have expired (they would be refused anyway), so the table stays small. */
    void purgeExpired(JdbcClient db, UserId user) {
        long now = clock.millis();
        db.sql("DELETE FROM sessions WHERE user_id = :user AND (last_seen_at < :idle OR created_at < :absolute)")
                .param("user", user.toString())
                .param("idle", now - properties.session().idleTimeout().toMillis())
                .param("absolute", now - properties.session().absoluteLifetime().toMillis())
                .update();
    }

    /**
     * Ends every session that does not satisfy a policy requiring MFA: those that did not prove the second factor,
     * and those of users without MFA. Returns how many.
     */
    static int closeAllWithoutSecondFactor(JdbcClient db) {
        return db.sql("""
                DELETE FROM sessions
                WHERE mfa_at IS NULL OR user_id NOT IN (SELECT user_id FROM user_mfa WHERE enabled_at IS NOT NULL)
                """).update();
    }

    /** Whether the session with this id hash proved the second factor. */
    static boolean passedSecondFactor(JdbcClient db, String idHash) {
        return db.sql("SELECT mfa_at FROM sessions WHERE id_hash = :hash").param("hash", idHash)
                .query((rs, i) -> rs.getObject(1) != null).optional().orElse(false);
    }

    /** Ends every session of a user, except the one with {@code keepIdHash} if given. */
    static int closeAll(JdbcClient db, UserId user, String keepIdHash) {
        return db.sql("DELETE FROM sessions WHERE user_id = :user AND id_hash <> :keep")
                .param("user", user.toString()).param("keep", keepIdHash == null ? "" : keepIdHash).update();
    }

    private static void delete(JdbcClient db, String idHash) {
        db.sql("DELETE FROM sessions WHERE id_hash = :hash").param("hash", idHash).update();
    }

    /**
     * A session and whether its user has MFA on, in one statement (this runs on every dashboard request); the
     * company's policy is read after it, and only for a user without MFA.
     */
    private static final String SESSION = """
            SELECT s.user_id, s.created_at, s.last_seen_at, s.mfa_at,
                   (SELECT m.enabled_at FROM user_mfa m WHERE m.user_id = s.user_id) AS mfa_enabled_at
            FROM sessions s WHERE s.id_hash = :hash
            """;

    /**
     * A session with what MFA asks of it. A user with MFA on needs a session that proved it; a user without it is let
     * in only while the company does not require it (whatever a session proved before the user turned MFA off).
     */
    private record SessionRow(String userId, long createdAt, long lastSeenAt, boolean passedSecondFactor,
                              boolean userHasSecondFactor) {
    }

    private record Parsed(TenantId tenant, String secret) {
        static Optional<Parsed> of(String value) {
            if (value == null || value.length() != 32 + 1 + 43 || value.charAt(32) != '.') {
                return Optional.empty();
            }
            try {
                return Optional.of(new Parsed(TenantId.parse(value.substring(0, 32)), value.substring(33)));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
