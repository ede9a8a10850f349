package org.fieldstone.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The company database's {@code users} table. Every method names the company's database explicitly. */
final class Users {

    static final RowMapper<User> USER = (rs, i) -> new User(new UserId(UUID.fromString(rs.getString("id"))),
            new EmailAddress(rs.getString("email")), rs.getString("name"), Role.valueOf(rs.getString("role")),
            rs.getBoolean("active"), rs.getString("password_hash") == null,
            Instant.ofEpochMilli(rs.getLong("created_at")), rs.getLong("version"));

    private Users() {
    }

    static Optional<User> find(JdbcClient db, UserId id) {
        return db.sql("SELECT * FROM users WHERE id = :id").param("id", id.toString()).query(USER).optional();
    }

    static Optional<User> findByEmail(JdbcClient db, EmailAddress email) {
        return db.sql("SELECT * FROM users WHERE email = :email").param("email", email.value()).query(USER).optional();
    }

    static Optional<String> passwordHash(JdbcClient db, UserId id) {
        return db.sql("SELECT password_hash FROM users WHERE id = :id").param("id", id.toString())
                .query(String.class).optional();
    }

    static Page<User> list(JdbcClient db, Page.PageRequest page) {
        long total = db.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
        List<User> items = db.sql("SELECT * FROM users ORDER BY name, email LIMIT :limit OFFSET :offset")
                .param("limit", page.size()).param("offset", page.offset()).query(USER).list();
        return new Page<>(items, page.page(), page.size(), total);
    }

    static void insert(JdbcClient db, UserId id, EmailAddress email, String name, Role role, String passwordHash, long now) {
        if (findByEmail(db, email).isPresent()) {
            throw new Conflict("There is already a team member with the email " + email + ".");
        }
        try {
            db.sql("""
                    INSERT INTO users (id, email, name, role, password_hash, active, password_changed_at, created_at, updated_at, version)
                    VALUES (:id, :email, :name, :role, :hash, TRUE, :changed, :now, :now, 0)
                    """)
                    .param("id", id.toString()).param("email", email.value()).param("name", name)
                    .param("role", role.name()).param("hash", passwordHash)
                    .param("changed", passwordHash == null ? null : now).param("now", now)
                    .update();
        } catch (RuntimeException e) {
            if (org.fieldstone.tenancy.CompanyDatabase.isDuplicate(e)) {
                throw new Conflict("There is already a team member with the email " + email + ".");
            }
            throw e;
        }
    }

    /** Updates role and active flag if the row still has {@code version}; false when someone changed it meanwhile. */
    static boolean update(JdbcClient db, User user, Role role, boolean active, long now) {
        return db.sql("""
                UPDATE users SET role = :role, active = :active, updated_at = :now, version = version + 1
                WHERE id = :id AND version = :version
                """)
                .param("role", role.name()).param("active", active).param("now", now)
                .param("id", user.id().toString()).param("version", user.version())
                .update() == 1;
    }

    static void setPassword(JdbcClient db, UserId id, String hash, long now) {
        db.sql("""
                UPDATE users SET password_hash = :hash, password_changed_at = :now, updated_at = :now, version = version + 1
                WHERE id = :id
                """)
                .param("hash", hash).param("now", now).param("id", id.toString()).update();
    }

    /**
     * Active owners other than {@code except} who have set a password (an invited owner cannot sign in yet),
     * locked for the rest of the transaction where the engine can lock rows (SQLite transactions are
     * already serialized: they begin IMMEDIATE).
     */
    static int activeOwnersWhoCanSignIn(JdbcClient db, String engine, UserId except) {
        String lock = "postgresql".equals(engine) ? " FOR UPDATE" : "";
        return db.sql("SELECT id FROM users WHERE role = 'OWNER' AND active = TRUE AND password_hash IS NOT NULL"
                        + " AND id <> :except" + lock)
                .param("except", except.toString())
                .query(String.class).list().size();
    }

    static String validName(String name, EmailAddress email) {
        String n = name == null || name.isBlank() ? email.value().substring(0, email.value().indexOf('@')) : name.strip();
        if (n.length() > 200) {
            throw new org.fieldstone.shared.InvalidInput("name", "A name can be at most 200 characters.");
        }
        return n;
    }
}
