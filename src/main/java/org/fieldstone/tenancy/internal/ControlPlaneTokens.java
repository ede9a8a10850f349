package org.fieldstone.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.TokenDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The {@link TokenDirectory} in the control plane's {@code token_directory} table; rows expired for longer than
 * {@link #KEPT_AFTER_EXPIRY} are pruned hourly.
 */
final class ControlPlaneTokens implements TokenDirectory {

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneTokens.class);

    private final JdbcClient controlPlane;
    private final Clock clock;
    private final org.fieldstone.tenancy.ClusterLocks locks;

    ControlPlaneTokens(JdbcClient controlPlane, Clock clock, org.fieldstone.tenancy.ClusterLocks locks) {
        this.locks = locks;
        this.controlPlane = controlPlane;
        this.clock = clock;
    }

    @Override
    public void register(String purpose, String tokenHash, TenantId tenant, Instant expiresAt) {
        controlPlane.sql("""
                        INSERT INTO token_directory (token_hash, purpose, company_id, expires_at, created_at)
                        VALUES (:hash, :purpose, :company, :expires, :now)""")
                .param("hash", tokenHash).param("purpose", purpose).param("company", tenant.toString())
                .param("expires", expiresAt.toEpochMilli()).param("now", clock.millis()).update();
    }

    @Override
    public Optional<TenantId> find(String purpose, String tokenHash) {
        return controlPlane.sql("SELECT company_id FROM token_directory WHERE token_hash = :hash AND purpose = :purpose")
                .param("hash", tokenHash).param("purpose", purpose)
                .query((rs, n) -> TenantId.parse(rs.getString(1))).optional();
    }

    @Override
    public int pruneExpired(Instant before) {
        return controlPlane.sql("DELETE FROM token_directory WHERE expires_at < :before")
                .param("before", before.toEpochMilli()).update();
    }

    @Scheduled(fixedDelayString = "${fieldstone.tokens.prune-interval:PT1H}", initialDelayString = "PT2M")
    void scheduled() {
        locks.runOnce("token-directory-prune", java.time.Duration.ofMinutes(50), this::prune);
    }

    void prune() {
        int removed = pruneExpired(clock.instant().minus(KEPT_AFTER_EXPIRY));
        if (removed > 0) {
            log.info("Pruned {} expired entries of the token directory", removed);
        }
    }
}
