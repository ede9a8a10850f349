package org.fieldstone.identity.internal;

import static org.fieldstone.identity.internal.IdentityTables.USERS;
import static org.fieldstone.identity.internal.IdentityTables.USER_ACTIVE;
import static org.fieldstone.identity.internal.IdentityTables.USER_EMAIL;
import static org.fieldstone.identity.internal.IdentityTables.USER_NAME;
import static org.fieldstone.identity.internal.IdentityTables.USER_PASSWORD_CHANGED_AT;
import static org.fieldstone.identity.internal.IdentityTables.USER_PASSWORD_HASH;
import static org.fieldstone.identity.internal.IdentityTables.USER_ROLE;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The company database's {@code users} table. Names and email addresses are encrypted; a user is found by
 * email through the blind index {@code email_index}. Users are created and changed through the one write path
 * ({@link IdentityTables#USERS}); a user's own password is set by {@link UserPasswords}.
 */
@Component
final class Users {

    private final FieldProtection protection;
    private final RecordStore store;

    Users(FieldProtection protection, RecordStore store) {
        this.protection = protection;
        this.store = store;
    }

    /** Maps a users row (or a join with the users' columns under these names) with its fields opened. */
    RowMapper<User> mapper(TenantId tenant) {
        return (rs, i) -> user(tenant, rs, "");
    }

    User user(TenantId tenant, ResultSet rs, String prefix) throws SQLException {
        String id = rs.getString(prefix + "id");
        return new User(new UserId(UUID.fromString(id)),
                new EmailAddress(protection.open(tenant, "users", "email", id, rs.getString(prefix + "email"))),
                protection.open(tenant, "users", "name", id, rs.getString(prefix + "name")),
                Role.valueOf(rs.getString(prefix + "role")), rs.getBoolean(prefix + "active"),
                rs.getString(prefix + "password_hash") == null,
                Instant.ofEpochMilli(rs.getLong(prefix + "created_at")), rs.getLong(prefix + "version"));
    }

    Optional<User> find(CompanyDatabase db, UserId id) {
        return db.jdbc().sql("SELECT * FROM users WHERE id = :id").param("id", id.toString())
                .query(mapper(db.tenant())).optional();
    }

    Optional<User> findByEmail(CompanyDatabase db, EmailAddress email) {
        return db.jdbc().sql("SELECT * FROM users WHERE email_index IN (:index)")
                .param("index", protection.lookup(db.tenant(), "users", "email", email.value()))
                .query(mapper(db.tenant())).optional();
    }

    /** Which of {@code ids} are users of the company (active or not), without opening anyone's fields. */
    static Set<UserId> existing(CompanyDatabase db, java.util.Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return db.jdbc().sql("SELECT id FROM users WHERE id IN (:ids)")
                .param("ids", ids.stream().map(UserId::toString).toList())
                .query((rs, i) -> new UserId(UUID.fromString(rs.getString("id")))).set();
    }

    static Optional<String> passwordHash(CompanyDatabase db, UserId id) {
        return db.jdbc().sql("SELECT password_hash FROM users WHERE id = :id").param("id", id.toString())
                .query(String.class).optional();
    }

    /** By name: the names are encrypted, so a team (tens of people) is sorted after opening. */
    Page<User> list(CompanyDatabase db, Page.PageRequest page) {
        List<User> all = db.jdbc().sql("SELECT * FROM users").query(mapper(db.tenant())).list().stream()
                .sorted(Comparator.comparing((User u) -> u.name().toLowerCase(Locale.ROOT)).thenComparing(u -> u.email().value()))
                .toList();
        int from = (int) Math.min(all.size(), page.offset());
        return new Page<>(all.subList(from, (int) Math.min(all.size(), from + (long) page.size())), page.page(), page.size(),
                all.size());
    }

    /**
     * Creates an active user through the write path, in the caller's transaction, recorded as {@code user.<action>}
     * (e.g. {@code invited}, {@code created}) with email, name, role and active; never the password hash.
     */
    void insert(Actor actor, CompanyDatabase db, UserId id, EmailAddress email, String name, Role role,
                String passwordHash, long now, String action) {
        if (findByEmail(db, email).isPresent()) {
            throw new Conflict(Message.of("identity.refused.email-taken", email.value()));
        }
        try {
            store.insert(actor, id.toString(), Changes.of(USERS).set(USER_EMAIL, email.value()).set(USER_NAME, name)
                    .set(USER_ROLE, role.name()).set(USER_ACTIVE, true).setIfPresent(USER_PASSWORD_HASH, passwordHash)
                    .setIfPresent(USER_PASSWORD_CHANGED_AT, passwordHash == null ? null : now), action);
        } catch (Conflict e) {
            // another writer took the email between our look-up and our insert
            throw new Conflict(Message.of("identity.refused.email-taken", email.value()));
        }
    }

    /**
     * Changes one column through the write path if the user is still at {@code expectedVersion}, recorded as
     * {@code user.<action>}; returns the new version, or empty when someone changed the user meanwhile.
     */
    <T> Optional<Long> change(Actor actor, UserId id, long expectedVersion, Column<T> column, T value, String action) {
        try {
            return Optional.of(store.change(actor, RecordKey.of(id.toString()), expectedVersion,
                    Changes.of(USERS).set(column, value), action).version());
        } catch (VersionConflict e) {
            return Optional.empty();
        }
    }

    /**
     * Active owners other than {@code except} who have set a password (an invited owner cannot sign in yet),
     * locked for the rest of the transaction where the engine can lock rows (SQLite transactions are
     * already serialized: they begin IMMEDIATE).
     */
    static int activeOwnersWhoCanSignIn(CompanyDatabase db, UserId except) {
        String lock = "postgresql".equals(db.engine()) ? " FOR UPDATE" : "";
        return db.jdbc().sql("SELECT id FROM users WHERE role = 'OWNER' AND active = TRUE AND password_hash IS NOT NULL"
                        + " AND id <> :except" + lock)
                .param("except", except.toString())
                .query(String.class).list().size();
    }

    static String validName(String name, EmailAddress email) {
        String n = name == null || name.isBlank() ? email.value().substring(0, email.value().indexOf('@')) : name.strip();
        if (n.length() > 200) {
            throw new org.fieldstone.shared.InvalidInput("name", Message.of("identity.refused.user-name-too-long", 200));
        }
        return n;
    }

    /** The identity module's encrypted tables, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable usersTable() {
            return USERS.protectedTable();
        }

        @Bean
        ProtectedTable apiKeysTable() {
            return IdentityTables.API_KEYS.protectedTable();
        }

        @Bean
        ProtectedTable mfaSecrets() {
            return new ProtectedTable(UserMfa.TABLE, "user_id", Set.of(UserMfa.SECRET), Map.of());
        }
    }
}
