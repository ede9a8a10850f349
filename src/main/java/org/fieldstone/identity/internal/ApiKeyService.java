package org.fieldstone.identity.internal;

import static org.fieldstone.identity.internal.IdentityTables.API_KEYS;
import static org.fieldstone.identity.internal.IdentityTables.KEY_EXPIRES_AT;
import static org.fieldstone.identity.internal.IdentityTables.KEY_HASH;
import static org.fieldstone.identity.internal.IdentityTables.KEY_HINT;
import static org.fieldstone.identity.internal.IdentityTables.KEY_NAME;
import static org.fieldstone.identity.internal.IdentityTables.KEY_REVOKED_AT;
import static org.fieldstone.identity.internal.IdentityTables.KEY_ROLE;
import static org.fieldstone.identity.internal.IdentityTables.KEY_USER_ID;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keys look like {@code fsk_<company id, 32 hex>_<43 random characters>}: the company part routes the
 * lookup to the right database; the table keeps only SHA-256 of the whole key (256 random bits, so a
 * fast hash is safe) and a hint of its last four characters. Keys are created and revoked through the one
 * write path ({@link IdentityTables#API_KEYS}); only their last use is written beside it ({@link ApiKeyUse}).
 */
@Component
class ApiKeyService implements ApiKeys {

    static final String PREFIX = "fsk_";
    private static final int MAX_DAYS = 3650;
    /** last_used_at/ip are written at most this often per key, unless the address changed. */
    private static final long TOUCH_EVERY_MILLIS = 60_000;

    private RowMapper<ApiKey> keyMapper(TenantId tenant) {
        return (rs, i) -> {
            String id = rs.getString("id");
            return new ApiKey(id, new UserId(UUID.fromString(rs.getString("user_id"))),
                    protection.open(tenant, "api_keys", "name", id, rs.getString("name")), rs.getString("hint"),
                    Role.valueOf(rs.getString("role")), instant(rs.getObject("created_at")), instant(rs.getObject("expires_at")),
                    instant(rs.getObject("revoked_at")), instant(rs.getObject("last_used_at")), rs.getString("last_used_ip"));
        };
    }

    private final Companies companies;
    private final CompanyDatabases databases;
    private final RecordStore store;
    private final Clock clock;
    private final ApiKeyTouches touches = new ApiKeyTouches(TOUCH_EVERY_MILLIS);
    private final Users users;

    private final FieldProtection protection;

    ApiKeyService(Companies companies, CompanyDatabases databases, RecordStore store, Clock clock, Users users,
                  FieldProtection protection) {
        this.users = users;
        this.protection = protection;
        this.companies = companies;
        this.databases = databases;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CreatedKey create(Actor actor, String name, Optional<Role> role, Optional<Integer> expiresInDays) {
        UserId self = actor.userId().orElseThrow(() -> new Forbidden(Message.of("identity.refused.key-without-user")));
        if (actor.apiKeyId().isPresent()) {
            throw new Forbidden(Message.of("identity.refused.key-with-key"));
        }
        return createFor(actor, self, name, role, expiresInDays);
    }

    @Override
    public CreatedKey createFor(Actor actor, UserId ownerId, String name, Optional<Role> role, Optional<Integer> expiresInDays) {
        actor.require(Permission.APIKEYS_OWN);
        if (!actor.is(ownerId) && actor.userId().isPresent()) {
            throw new Forbidden(Message.of("identity.refused.key-of-other-user"));
        }
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new InvalidInput("name", Message.of("identity.refused.key-name"));
        }
        if (expiresInDays.isPresent() && (expiresInDays.get() < 1 || expiresInDays.get() > MAX_DAYS)) {
            throw new InvalidInput("expiresInDays", Message.of("identity.refused.key-expiry", MAX_DAYS));
        }
        CompanyDatabase db = databases.of(actor.tenant());
        return db.inTransaction(() -> {
            User owner = users.find(db, ownerId).filter(User::active).orElseThrow(() -> new NotFound(Message.of("identity.thing.user")));
            Role keyRole = role.orElse(owner.role());
            if (!owner.role().covers(keyRole)) {
                throw new InvalidInput("role", Message.of("identity.refused.key-role", owner.role().name()));
            }
            String secret = PREFIX + actor.tenant().compact() + "_" + Secrets.random();
            long now = clock.millis();
            Long expires = expiresInDays.map(d -> now + Duration.ofDays(d).toMillis()).orElse(null);
            // the audit entry (api_key.created) shows user, name (sealed), hint, role and expiry; never the hash
            String id = store.insert(actor, Changes.of(API_KEYS)
                    .set(KEY_USER_ID, ownerId.toString()).set(KEY_NAME, label).set(KEY_HASH, Secrets.hash(secret))
                    .set(KEY_HINT, PREFIX + "…" + secret.substring(secret.length() - 4)).set(KEY_ROLE, keyRole.name())
                    .set(KEY_EXPIRES_AT, expires)).id();
            return new CreatedKey(find(db, id).orElseThrow(), secret);
        });
    }

    @Override
    public List<ApiKey> listOwn(Actor actor) {
        UserId self = actor.userId().orElseThrow(() -> new Forbidden(Message.of("identity.refused.keys-without-user")));
        return databases.of(actor.tenant()).jdbc()
                .sql("SELECT * FROM api_keys WHERE user_id = :user ORDER BY created_at DESC")
                .param("user", self.toString()).query(keyMapper(actor.tenant())).list();
    }

    @Override
    public void revoke(Actor actor, String keyId) {
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            ApiKey key = find(db, keyId).orElseThrow(() -> new NotFound(Message.of("identity.thing.api-key")));
            if (!actor.is(key.userId())) {
                // someone else's key: only whoever manages the team, and not a key of a higher role's user
                if (!actor.can(Permission.TEAM_MANAGE)) {
                    throw new NotFound(Message.of("identity.thing.api-key"));
                }
                users.find(db, key.userId()).ifPresent(owner -> TeamService.requireMayGrant(actor, owner.role()));
            }
            if (key.revokedAt() != null) {
                return;
            }
            revoke(actor, db, keyId);
        });
    }

    /**
     * Revokes every live key of a user (on deactivation), each through the write path with its own
     * {@code api_key.revoked} entry, in the caller's transaction; returns how many.
     */
    int revokeAllOf(Actor actor, CompanyDatabase db, UserId user) {
        List<String> live = db.jdbc().sql("SELECT id FROM api_keys WHERE user_id = :user AND revoked_at IS NULL")
                .param("user", user.toString()).query(String.class).list();
        live.forEach(id -> revoke(actor, db, id));
        return live.size();
    }

    private void revoke(Actor actor, CompanyDatabase db, String keyId) {
        long version = db.jdbc().sql("SELECT version FROM api_keys WHERE id = :id").param("id", keyId)
                .query(Long.class).single();
        store.change(actor, RecordKey.of(keyId), version, Changes.of(API_KEYS).set(KEY_REVOKED_AT, clock.millis()),
                "revoked");
    }

    @Override
    public Optional<SignedIn> authenticate(String presented, String ip, String userAgent) {
        Optional<TenantId> tenant = tenantOf(presented);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        Optional<Company> company = companies.find(tenant.get()).filter(Company::isActive);
        if (company.isEmpty()) {
            return Optional.empty();
        }
        CompanyDatabase database = databases.of(company.get().id());
        JdbcClient db = database.jdbc();
        // the key and its user in one statement: this runs on every API request
        Optional<KeyOfUser> found = db.sql(KEY_OF_USER).param("hash", Secrets.hash(presented))
                .query((rs, i) -> new KeyOfUser(keyMapper(database.tenant()).mapRow(rs, i),
                        protection.open(database.tenant(), "users", "email", rs.getString("user_id"), rs.getString("user_email")),
                        protection.open(database.tenant(), "users", "name", rs.getString("user_id"), rs.getString("user_name")),
                        Role.valueOf(rs.getString("user_role")), rs.getBoolean("user_active")))
                .optional();
        Instant now = clock.instant();
        if (found.isEmpty() || !found.get().key().usable(now) || !found.get().userActive()) {
            return Optional.empty();
        }
        ApiKey key = found.get().key();
        touch(database, key, now, ip);
        return Optional.of(new SignedIn(company.get().id(), company.get().slug(), company.get().name(), company.get().country(),
                key.userId(),
                found.get().userEmail(), found.get().userName(), key.role().atMost(found.get().userRole()),
                Optional.of(key.id()), Optional.empty(), Channel.API, ip, userAgent));
    }

    private static final String KEY_OF_USER = """
            SELECT k.id, k.user_id, k.name, k.hint, k.role, k.created_at, k.expires_at, k.revoked_at, k.last_used_at,
                   k.last_used_ip, u.email AS user_email, u.name AS user_name, u.role AS user_role, u.active AS user_active
            FROM api_keys k JOIN users u ON u.id = k.user_id
            WHERE k.key_hash = :hash
            """;

    private record KeyOfUser(ApiKey key, String userEmail, String userName, Role userRole, boolean userActive) {
    }

    private void touch(CompanyDatabase db, ApiKey key, Instant now, String ip) {
        boolean stale = key.lastUsedAt() == null || now.toEpochMilli() - key.lastUsedAt().toEpochMilli() > TOUCH_EVERY_MILLIS;
        if ((stale || !Objects.equals(ip, key.lastUsedIp())) && touches.firstToTouch(key.id(), ip, now.toEpochMilli())) {
            ApiKeyUse.record(db, key.id(), now, ip);
        }
    }

    private static Optional<TenantId> tenantOf(String presented) {
        if (presented == null || presented.length() != PREFIX.length() + 32 + 1 + 43 || !presented.startsWith(PREFIX)
                || presented.charAt(PREFIX.length() + 32) != '_') {
            return Optional.empty();
        }
        try {
            return Optional.of(TenantId.parse(presented.substring(PREFIX.length(), PREFIX.length() + 32)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<ApiKey> find(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT * FROM api_keys WHERE id = :id").param("id", id).query(keyMapper(db.tenant())).optional();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
