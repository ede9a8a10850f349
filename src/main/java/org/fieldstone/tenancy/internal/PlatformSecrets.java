package org.fieldstone.tenancy.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.shared.Conflict;
import org.fieldstone.tenancy.SecretStore.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's secrets ({@link org.fieldstone.tenancy.SecretStore}'s {@code *Platform} methods), in the control
 * plane's {@code platform_secrets}, sealed under the platform key and bound to their name. The control plane has no
 * company database, so there is no write path and no audit trail to write them through: this class writes the table
 * itself (a named writer in {@code WritePathTests}) and logs each change by name (decision 0015).
 */
@Component
class PlatformSecrets {

    private static final Logger log = LoggerFactory.getLogger(PlatformSecrets.class);

    private static final RowMapper<Stored> STORED = (rs, i) -> new Stored(
            new Secret(rs.getString("name"), rs.getString("hint"), rs.getLong("version"),
                    Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getString("updated_by")),
            rs.getString("value"));

    private final KeyRing keys;
    private final JdbcClient controlPlane;
    private final Clock clock;

    PlatformSecrets(KeyRing keys, DatabaseServer server, Clock clock) {
        this.keys = keys;
        this.controlPlane = JdbcClient.create(server.controlPlane());
        this.clock = clock;
    }

    /** A secret as stored: what may be shown, and the sealed value. */
    private record Stored(Secret secret, String sealed) {
    }

    Secret set(String name, char[] value) {
        String n = SecretInput.platformName(name);
        String v = SecretInput.value(value);
        String hint = SecretInput.hint(v);
        requirePlatformKeys();
        String sealed = keys.encrypt(KeyOwner.PLATFORM, v, platformAd(n));
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Stored> current = find(n);
            long now = clock.millis();
            long version = current.map(s -> s.secret().version()).orElse(0L);
            int rows = current.isEmpty()
                    ? controlPlane.sql("""
                            INSERT INTO platform_secrets (name, value, hint, version, created_at, updated_at, updated_by)
                            VALUES (:name, :value, :hint, 1, :now, :now, 'cli')
                            ON CONFLICT (name) DO NOTHING
                            """)
                            .param("name", n).param("value", sealed).param("hint", hint).param("now", now).update()
                    : controlPlane.sql("""
                            UPDATE platform_secrets SET value = :value, hint = :hint, version = version + 1,
                                   updated_at = :now, updated_by = 'cli'
                            WHERE name = :name AND version = :version
                            """)
                            .param("name", n).param("value", sealed).param("hint", hint).param("now", now)
                            .param("version", version).update();
            if (rows == 1) {
                log.info("Platform secret {} set (version {})", n, version + 1);
                return new Secret(n, hint, version + 1, Instant.ofEpochMilli(now), "cli");
            }
        }
        throw new Conflict(org.fieldstone.shared.Message.of("tenancy.refused.platform-secret-changing", n));
    }

    boolean remove(String name) {
        String n = SecretInput.platformName(name);
        boolean removed = controlPlane.sql("DELETE FROM platform_secrets WHERE name = :name").param("name", n).update() == 1;
        if (removed) {
            log.info("Platform secret {} removed", n);
        }
        return removed;
    }

    List<Secret> list() {
        return controlPlane.sql("SELECT name, hint, version, updated_at, updated_by, NULL AS value FROM platform_secrets ORDER BY name")
                .query(STORED).list().stream().map(Stored::secret).toList();
    }

    Optional<String> reveal(String name) {
        String n = SecretInput.platformName(name);
        return find(n).map(s -> keys.decrypt(KeyOwner.PLATFORM, s.sealed(), platformAd(n)));
    }

    private Optional<Stored> find(String name) {
        return controlPlane.sql("SELECT name, value, hint, version, updated_at, updated_by FROM platform_secrets WHERE name = :name")
                .param("name", name).query(STORED).optional();
    }

    /** The platform's keys are made when its first secret is set; another node or the CLI may be doing the same. */
    private void requirePlatformKeys() {
        if (keys.exists(KeyOwner.PLATFORM)) {
            return;
        }
        try {
            keys.create(KeyOwner.PLATFORM);
            log.info("Created the platform's keys for platform-wide secrets");
        } catch (RuntimeException e) {
            if (!keys.exists(KeyOwner.PLATFORM)) {
                throw e;
            }
        }
    }

    /** Binds a platform secret's value to its name, as a company's is bound by {@code FieldProtection}. */
    static byte[] platformAd(String name) {
        return ("fieldstone/platform/platform_secrets/value/" + name).getBytes(StandardCharsets.UTF_8);
    }
}
