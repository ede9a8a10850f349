package org.fieldstone.tenancy.internal;

import java.time.Clock;
import java.util.Optional;
import org.fieldstone.audit.AuditAnchors;
import org.fieldstone.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Audit chain anchors in the control plane's {@code audit_anchors} table; updates only move forward. */
final class ControlPlaneAnchors implements AuditAnchors {

    private final JdbcClient controlPlane;
    private final Clock clock;

    ControlPlaneAnchors(JdbcClient controlPlane, Clock clock) {
        this.controlPlane = controlPlane;
        this.clock = clock;
    }

    @Override
    public void record(TenantId tenant, Anchor anchor) {
        int updated = controlPlane.sql("""
                UPDATE audit_anchors SET seq = :seq, hash = :hash, base_seq = :baseSeq, base_hash = :baseHash, updated_at = :now
                WHERE company_id = :id AND seq < :seq
                """)
                .param("seq", anchor.seq()).param("hash", anchor.hash()).param("baseSeq", anchor.baseSeq())
                .param("baseHash", anchor.baseHash()).param("now", clock.millis()).param("id", tenant.toString())
                .update();
        if (updated == 0 && find(tenant).isEmpty()) {
            try {
                controlPlane.sql("""
                        INSERT INTO audit_anchors (company_id, seq, hash, base_seq, base_hash, updated_at)
                        VALUES (:id, :seq, :hash, :baseSeq, :baseHash, :now)
                        """)
                        .param("id", tenant.toString()).param("seq", anchor.seq()).param("hash", anchor.hash())
                        .param("baseSeq", anchor.baseSeq()).param("baseHash", anchor.baseHash()).param("now", clock.millis())
                        .update();
            } catch (RuntimeException e) {
                if (!org.fieldstone.tenancy.CompanyDatabase.isDuplicate(e)) {
                    throw e;
                }
                record(tenant, anchor); // another node inserted first: move it forward instead
            }
        }
    }

    @Override
    public void replace(TenantId tenant, Anchor anchor) {
        int updated = controlPlane.sql("""
                UPDATE audit_anchors SET seq = :seq, hash = :hash, base_seq = :baseSeq, base_hash = :baseHash, updated_at = :now
                WHERE company_id = :id
                """)
                .param("seq", anchor.seq()).param("hash", anchor.hash()).param("baseSeq", anchor.baseSeq())
                .param("baseHash", anchor.baseHash()).param("now", clock.millis()).param("id", tenant.toString())
                .update();
        if (updated == 0) {
            record(tenant, anchor);
        }
    }

    @Override
    public Optional<Anchor> find(TenantId tenant) {
        return controlPlane.sql("SELECT seq, hash, base_seq, base_hash FROM audit_anchors WHERE company_id = :id")
                .param("id", tenant.toString())
                .query((rs, i) -> new Anchor(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }
}
