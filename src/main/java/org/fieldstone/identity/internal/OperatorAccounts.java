package org.fieldstone.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.identity.Operators;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.tenancy.ControlPlane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Operator accounts and their sessions in the control plane ({@code operators}, {@code operator_sessions}). The same
 * password hashing ({@link Passwords}), TOTP ({@link Totp}) and login throttle ({@link LoginThrottle}, keyed
 * {@code operator:<email>}) as users'. The TOTP secret is sealed under the platform key and bound to the operator's id;
 * a code is accepted once (its step is remembered). The control plane has no audit trail: changes are logged by
 * email (decision 0065); what an operator does in a company is in that company's trail.
 */
@Component
class OperatorAccounts implements Operators {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccounts.class);
    private static final String ISSUER = "Fieldstone operators";
    /** last_seen_at is written at most this often, not on every request. */
    private static final long TOUCH_EVERY_MILLIS = 30_000;
    private static final int NAME_MAX = 200;

    private final JdbcClient db;
    private final KeyRing keys;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final IdentityProperties properties;
    private final Clock clock;

    OperatorAccounts(ControlPlane controlPlane, KeyRing keys, Passwords passwords, LoginThrottle throttle,
                     IdentityProperties properties, Clock clock) {
        this.db = controlPlane.jdbc();
        this.keys = keys;
        this.passwords = passwords;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Enrolment add(String email, String name, char[] password) {
        EmailAddress address = new EmailAddress(email);
        String cleanName = name == null || name.isBlank() ? address.value() : name.strip();
        if (cleanName.length() > NAME_MAX) {
            throw new InvalidInput("name", Message.of("identity.refused.too-long", NAME_MAX));
        }
        passwords.check(password);
        if (findByEmail(address.value()).isPresent()) {
            throw new InvalidInput("email", Message.of("identity.refused.operator-exists", address.value()));
        }
        String id = UUID.randomUUID().toString();
        String secret = Totp.newSecret();
        requirePlatformKeys();
        long now = clock.millis();
        try {
            db.sql("""
                    INSERT INTO operators (id, email, name, password_hash, totp_secret, created_at)
                    VALUES (:id, :email, :name, :hash, :secret, :now)
                    """)
                    .param("id", id).param("email", address.value()).param("name", cleanName)
                    .param("hash", passwords.hash(password))
                    .param("secret", keys.encrypt(KeyOwner.PLATFORM, secret, associatedData(id)))
                    .param("now", now).update();
        } catch (DuplicateKeyException e) {
            throw new InvalidInput("email", Message.of("identity.refused.operator-exists", address.value()));
        }
        log.info("Operator {} added", address.value());
        Operator operator = new Operator(id, address.value(), cleanName, Instant.ofEpochMilli(now));
        return new Enrolment(operator, secret, Totp.uri(ISSUER, address.value(), secret));
    }

    @Override
    public List<Operator> list() {
        return db.sql("SELECT id, email, name, created_at FROM operators ORDER BY email")
                .query((rs, i) -> new Operator(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    @Override
    public boolean remove(String email) {
        Optional<Operator> operator = findByEmail(email);
        if (operator.isEmpty()) {
            return false;
        }
        String id = operator.get().id();
        db.sql("DELETE FROM operator_sessions WHERE operator_id = :id").param("id", id).update();
        db.sql("DELETE FROM support_grant_directory WHERE operator_id = :id").param("id", id).update();
        db.sql("DELETE FROM operators WHERE id = :id").param("id", id).update();
        log.info("Operator {} removed; their sessions ended", operator.get().email());
        return true;
    }

    @Override
    public Optional<Operator> findByEmail(String email) {
        String normalized;
        try {
            normalized = new EmailAddress(email).value();
        } catch (InvalidInput e) {
            return Optional.empty();
        }
        return db.sql("SELECT id, email, name, created_at FROM operators WHERE email = :email")
                .param("email", normalized)
                .query((rs, i) -> new Operator(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .optional();
    }

    @Override
    public String signIn(String email, char[] password, String code, String ip, String userAgent) {
        String submitted = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        String account = "operator:" + submitted;
        throttle.begin(account, ip);
        Optional<Stored> stored = db.sql("""
                        SELECT id, password_hash, totp_secret, totp_last_step FROM operators WHERE email = :email
                        """)
                .param("email", submitted)
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)))
                .optional();
        boolean passwordMatches;
        if (stored.isEmpty()) {
            passwords.verifyDecoy(password);
            passwordMatches = false;
        } else {
            passwordMatches = passwords.matches(password, stored.get().passwordHash());
        }
        OptionalLong step = OptionalLong.empty();
        if (passwordMatches) {
            Stored s = stored.get();
            String secret = keys.decrypt(KeyOwner.PLATFORM, s.sealedSecret(), associatedData(s.id()));
            step = Totp.match(secret, code, clock.instant(), s.lastStep());
        }
        // the step is taken with a compare-and-set, so one code signs in once even when sent twice at the same time
        boolean accepted = step.isPresent() && db.sql("""
                        UPDATE operators SET totp_last_step = :step
                        WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)
                        """)
                .param("step", step.getAsLong()).param("id", stored.get().id()).update() == 1;
        if (!accepted) {
            throttle.failed(account);
            log.warn("Operator sign-in refused for {} from {}", submitted, ip);
            throw new Unauthenticated(Message.of("identity.refused.operator-sign-in"));
        }
        throttle.succeeded(account, ip);
        String secret = Secrets.random();
        long now = clock.millis();
        db.sql("""
                INSERT INTO operator_sessions (id_hash, operator_id, created_at, last_seen_at, ip, user_agent)
                VALUES (:hash, :operator, :now, :now, :ip, :ua)
                """)
                .param("hash", Secrets.hash(secret)).param("operator", stored.get().id()).param("now", now)
                .param("ip", ip).param("ua", userAgent == null ? null : userAgent.substring(0, Math.min(500, userAgent.length())))
                .update();
        log.info("Operator {} signed in from {}", submitted, ip);
        return secret;
    }

    @Override
    public Optional<SignedInOperator> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != 43) {
            return Optional.empty();
        }
        String hash = Secrets.hash(cookieValue);
        Optional<SessionRow> row = db.sql("""
                        SELECT o.id, o.email, o.name, s.created_at, s.last_seen_at, s.entered_company
                        FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
                        WHERE s.id_hash = :hash
                        """)
                .param("hash", hash)
                .query((rs, i) -> new SessionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        SessionRow s = row.get();
        long now = clock.millis();
        if (now - s.lastSeenAt() > properties.session().idleTimeout().toMillis()
                || now - s.createdAt() > properties.session().absoluteLifetime().toMillis()) {
            db.sql("DELETE FROM operator_sessions WHERE id_hash = :hash").param("hash", hash).update();
            return Optional.empty();
        }
        if (now - s.lastSeenAt() > TOUCH_EVERY_MILLIS) {
            db.sql("UPDATE operator_sessions SET last_seen_at = :now WHERE id_hash = :hash")
                    .param("now", now).param("hash", hash).update();
        }
        return Optional.of(new SignedInOperator(s.id(), s.email(), s.name(), hash, Optional.ofNullable(s.enteredCompany())));
    }

    @Override
    public void signOut(String cookieValue) {
        if (cookieValue != null && cookieValue.length() == 43) {
            db.sql("DELETE FROM operator_sessions WHERE id_hash = :hash").param("hash", Secrets.hash(cookieValue)).update();
        }
    }

    /** Marks the session as inside a company ({@code null}: none). */
    void enter(String sessionId, String companyId) {
        db.sql("UPDATE operator_sessions SET entered_company = :company WHERE id_hash = :hash")
                .param("company", companyId).param("hash", sessionId).update();
    }

    /** Records a company's grant in the control plane's directory (for the operator's home page). */
    void recordGrant(String grantId, String companyId, String operatorId, String access, long until) {
        db.sql("""
                INSERT INTO support_grant_directory (grant_id, company_id, operator_id, access, valid_until)
                VALUES (:grant, :company, :operator, :access, :until)
                """)
                .param("grant", grantId).param("company", companyId).param("operator", operatorId)
                .param("access", access).param("until", until).update();
    }

    void recordRevocation(String grantId, long at) {
        db.sql("UPDATE support_grant_directory SET revoked_at = :at WHERE grant_id = :grant")
                .param("at", at).param("grant", grantId).update();
    }

    /** The directory's grants to this operator in force now: (grant id, company id). */
    List<String[]> grantsInForce(String operatorId) {
        return db.sql("""
                        SELECT grant_id, company_id FROM support_grant_directory
                        WHERE operator_id = :operator AND valid_until > :now AND revoked_at IS NULL
                        ORDER BY valid_until
                        """)
                .param("operator", operatorId).param("now", clock.millis())
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    private void requirePlatformKeys() {
        if (!keys.exists(KeyOwner.PLATFORM)) {
            try {
                keys.create(KeyOwner.PLATFORM);
            } catch (RuntimeException e) {
                // another process created it meanwhile
                if (!keys.exists(KeyOwner.PLATFORM)) {
                    throw e;
                }
            }
        }
    }

    private static byte[] associatedData(String operatorId) {
        return ("operators.totp_secret:" + operatorId).getBytes(StandardCharsets.UTF_8);
    }

    private record Stored(String id, String passwordHash, String sealedSecret, Long lastStep) {
    }

    private record SessionRow(String id, String email, String name, long createdAt, long lastSeenAt,
                              String enteredCompany) {
    }
}
